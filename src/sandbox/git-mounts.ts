import { lstatSync } from "node:fs";
import { join } from "node:path";

/** The repository paths a sandboxed command in `workDir` needs beyond the directory itself. */
export interface GitMounts {
  /** The repository a task worktree belongs to (its `.git` directory), read-write. */
  writable: string[];
  /** The repository's `config` and `hooks`, which the server's own git reads: read-only. */
  readOnly: string[];
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function configAndHooks(gitDir: string): string[] {
  return ["config", "hooks"]
    .map((name) => join(gitDir, name))
    .filter((path) => {
      try {
        lstatSync(path);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * What git inside the sandbox needs. A task worktree's `.git` is a file pointing into
 * the project repository's `.git/worktrees/…`, so that repository's `.git` (named by the
 * server as `repository`, never read from the agent-writable `.git` file) is bound
 * read-write; the project's working files stay out of sight. In every case the
 * repository's `config` and `hooks` stay read-only, so an agent cannot plant a hook or a
 * command-running setting for the server's own git to run later.
 *
 * @param repository the directory holding the repository a worktree `workDir` belongs
 *   to. Default: none, `workDir` is not a worktree.
 */
export function gitMounts(workDir: string, repository?: string): GitMounts {
  const own = join(workDir, ".git");
  if (isDirectory(own)) return { writable: [], readOnly: configAndHooks(own) };
  if (repository === undefined) return { writable: [], readOnly: [] };
  const shared = join(repository, ".git");
  if (!isDirectory(shared)) return { writable: [], readOnly: [] };
  return { writable: [shared], readOnly: configAndHooks(shared) };
}
