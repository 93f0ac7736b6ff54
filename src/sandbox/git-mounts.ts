import { lstatSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository paths a sandboxed command in `workDir` needs beyond the directory itself. */
export interface GitMounts {
  /** The repository a worktree belongs to (its common `.git` directory), read-write. */
  writable: string[];
  /** The repository's `config` and `hooks`, which the host's own git reads: read-only. */
  readOnly: string[];
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * What git inside the sandbox needs. A task worktree's `.git` is a file pointing into the
 * project repository's `.git/worktrees/…`, so that repository's `.git` is bound
 * read-write (objects, refs, the worktree's index); the project's working files stay
 * out of sight. In every case the repository's `config` and `hooks` stay read-only, so
 * an agent cannot plant a hook or a command-running setting (`core.fsmonitor`, filters)
 * for the server's own git to run later.
 */
export function gitMounts(workDir: string): GitMounts {
  const dotGit = join(workDir, ".git");
  let commonDir: string | undefined;
  const writable: string[] = [];
  try {
    const stats = lstatSync(dotGit);
    if (stats.isDirectory()) {
      commonDir = dotGit;
    } else if (stats.isFile()) {
      const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"));
      const gitDir = match?.[1] ? resolve(workDir, match[1].trim()) : undefined;
      if (gitDir) {
        const common = readFileSync(join(gitDir, "commondir"), "utf8").trim();
        commonDir = resolve(gitDir, common);
        writable.push(commonDir);
      }
    }
  } catch {}
  if (!commonDir) return { writable, readOnly: [] };
  const readOnly = ["config", "hooks"]
    .map((name) => join(commonDir, name))
    .filter((path) => exists(path));
  return { writable, readOnly };
}
