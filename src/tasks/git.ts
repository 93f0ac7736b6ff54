import { execFile } from "node:child_process";
import { realpath, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { unsafeGitConfigKeys } from "./git-config-guard.js";

/** Identity of the commits the server makes. */
export interface GitIdentity {
  name: string;
  email: string;
}

export const defaultGitIdentity: GitIdentity = {
  name: "pi agent server",
  email: "pi-agent-server@localhost",
};

export interface GitOptions {
  /** Environment of every git process (the server's own secrets removed). */
  env: Record<string, string | undefined>;
  identity?: GitIdentity;
  /** Longest a single git command may run. Default 120 s. */
  timeoutMs?: number;
}

/** A git command that failed; `message` is bounded and has credentials in URLs masked. */
export class GitError extends Error {
  readonly exitCode: number | string | null;

  constructor(args: readonly string[], exitCode: number | string | null, output: string) {
    super(`git ${args[0] ?? ""} failed: ${boundOutput(redactUrls(output)) || `exit ${exitCode}`}`);
    this.name = "GitError";
    this.exitCode = exitCode;
  }
}

/** Masks `user:password@` in URLs, so remote credentials never reach a task record or log. */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, "$1***@");
}

/** Keeps the last `max` characters of command output, trimmed. */
export function boundOutput(text: string, max = 2000): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `…${trimmed.slice(-max)}`;
}

/**
 * Git commands for the approval queue. Every call is `execFile("git", …)` (no shell),
 * never prompts (`GIT_TERMINAL_PROMPT=0`, ssh in batch mode), never runs the
 * repository's hooks, and commits as the server's identity.
 */
export class Git {
  readonly #env: Record<string, string | undefined>;
  readonly #identity: GitIdentity;
  readonly #timeoutMs: number;

  constructor(options: GitOptions) {
    this.#env = {
      ...options.env,
      GIT_TERMINAL_PROMPT: "0",
      GIT_SSH_COMMAND: options.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
    };
    this.#identity = options.identity ?? defaultGitIdentity;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
  }

  /** Runs `git <args>` in `cwd` and resolves with its stdout. */
  run(cwd: string, args: readonly string[]): Promise<string> {
    // `-c` settings reach every git process this one starts, including the receiving
    // side of a push to a local remote, whose hooks must keep running: only local
    // commands get hooks switched off.
    // An agent-written `core.fsmonitor` would run a command on the host: switched off.
    const local =
      args[0] === "push" ? [] : ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];
    const full = [
      "-c",
      `user.name=${this.#identity.name}`,
      "-c",
      `user.email=${this.#identity.email}`,
      "-c",
      "commit.gpgsign=false",
      ...local,
      ...args,
    ];
    return new Promise((resolve, reject) => {
      execFile(
        "git",
        full,
        { cwd, env: this.#env, timeout: this.#timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout);
          const code = (error as { code?: number | string }).code ?? null;
          reject(new GitError(args, code, `${stderr}\n${error.killed ? "timed out" : ""}`));
        },
      );
    });
  }

  /**
   * Refuses a repository whose local config could make this (unsandboxed) git run a
   * program: an agent can rewrite a repository it works in.
   *
   * @throws {GitError} naming the offending keys.
   */
  async assertSafeConfig(dir: string): Promise<void> {
    const common = (await this.run(dir, ["rev-parse", "--git-common-dir"])).trim();
    const file = resolve(dir, common, "config");
    const names = await this.run(dir, [
      "config",
      "--file",
      file,
      "--no-includes",
      "--name-only",
      "--list",
    ]);
    const unsafe = unsafeGitConfigKeys(names.split("\n").filter(Boolean));
    if (unsafe.length === 0) return;
    throw new GitError(
      ["config"],
      null,
      `the repository's config sets ${[...new Set(unsafe)].join(", ")}, which would let the server's git run commands; remove ${unsafe.length === 1 ? "it" : "them"} from ${file}`,
    );
  }

  /** Whether `dir` is the top level of its own repository (not just inside another one). */
  async isRepositoryRoot(dir: string): Promise<boolean> {
    try {
      const top = (await this.run(dir, ["rev-parse", "--show-toplevel"])).trim();
      return (await realpath(top)) === (await realpath(dir));
    } catch {
      return false;
    }
  }

  async hasCommits(dir: string): Promise<boolean> {
    try {
      await this.run(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Makes `dir` a repository with at least one commit: `git init` when it is not one,
   * then an initial commit of whatever it holds when it has none.
   */
  async ensureRepository(dir: string): Promise<void> {
    if (!(await this.isRepositoryRoot(dir))) {
      await this.run(dir, ["init", "--quiet", "--initial-branch=main"]);
    }
    await this.assertSafeConfig(dir);
    if (!(await this.hasCommits(dir))) {
      await this.run(dir, ["add", "--all"]);
      await this.run(dir, ["commit", "--quiet", "--allow-empty", "-m", "Initial commit"]);
    }
  }

  /** The branch `HEAD` is on, or `null` when detached. */
  async currentBranch(dir: string): Promise<string | null> {
    const name = (await this.run(dir, ["rev-parse", "--abbrev-ref", "HEAD"])).trim();
    return name === "HEAD" ? null : name;
  }

  /** Creates `path` as a worktree of `repo` on the new branch `branch`, starting at HEAD. */
  async addWorktree(repo: string, path: string, branch: string): Promise<void> {
    await this.assertSafeConfig(repo);
    await this.run(repo, ["worktree", "add", "--quiet", "-b", branch, path, "HEAD"]);
  }

  /**
   * Stages everything in `worktree` and commits it. Resolves with the new commit's sha,
   * or `null` when there was nothing to commit.
   */
  async commitAll(worktree: string, message: string): Promise<string | null> {
    await this.assertSafeConfig(worktree);
    await this.run(worktree, ["add", "--all"]);
    const staged = (await this.run(worktree, ["diff", "--cached", "--name-only", "-z"])).length;
    if (staged === 0) return null;
    await this.run(worktree, ["commit", "--quiet", "--no-verify", "-m", message]);
    return (await this.run(worktree, ["rev-parse", "HEAD"])).trim();
  }

  /** The remote to push to: `origin` when present, else the first one, else `null`. */
  async pushRemote(repo: string): Promise<string | null> {
    const remotes = (await this.run(repo, ["remote"])).split("\n").filter(Boolean);
    return remotes.includes("origin") ? "origin" : (remotes[0] ?? null);
  }

  async push(worktree: string, remote: string, branch: string): Promise<void> {
    await this.assertSafeConfig(worktree);
    await this.run(worktree, [
      "push",
      "--quiet",
      "--no-verify",
      remote,
      `refs/heads/${branch}:refs/heads/${branch}`,
    ]);
  }

  /**
   * Removes the worktree at `path` (its branch stays), falling back to deleting the
   * directory, then prunes stale worktree records.
   */
  async removeWorktree(repo: string, path: string): Promise<void> {
    try {
      await this.run(repo, ["worktree", "remove", "--force", "--force", path]);
    } catch {
      await rm(path, { recursive: true, force: true });
    }
    await this.prune(repo);
  }

  /** Deletes `branch` if it exists (a run that will start over on it from scratch). */
  async deleteBranch(repo: string, branch: string): Promise<void> {
    if (!(await exists(join(repo, ".git")))) return;
    const listed = await this.run(repo, ["branch", "--list", branch]);
    if (listed.trim() !== "") await this.run(repo, ["branch", "-D", branch]);
  }

  async prune(repo: string): Promise<void> {
    if (await exists(join(repo, ".git"))) await this.run(repo, ["worktree", "prune"]);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
