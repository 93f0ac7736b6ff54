import { execFileSync } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Runs git synchronously in `cwd` with a fixed identity; returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    {
      cwd,
      encoding: "utf8",
      // stderr is kept in the thrown error instead of leaking into the test output.
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH ?? "", GIT_TERMINAL_PROMPT: "0" },
    },
  ).trim();
}

/** A bare repository at `dir/remote.git`. */
export async function bareRemote(dir: string): Promise<string> {
  const remote = join(dir, "remote.git");
  await mkdir(remote);
  git(remote, "init", "--quiet", "--bare", "--initial-branch=main");
  return remote;
}

/** Installs a pre-receive hook that refuses every later push to `remote`. */
export async function rejectPushes(remote: string): Promise<void> {
  const hook = join(remote, "hooks", "pre-receive");
  await writeFile(hook, "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n");
  await chmod(hook, 0o755);
}

/** Makes `projectDir` a repository with one commit and `remote` as `origin`. */
export async function initProjectRepo(projectDir: string, remote?: string): Promise<void> {
  git(projectDir, "init", "--quiet", "--initial-branch=main");
  await writeFile(join(projectDir, "README.md"), "# demo\n");
  git(projectDir, "add", "--all");
  git(projectDir, "commit", "--quiet", "-m", "initial");
  if (remote) {
    git(projectDir, "remote", "add", "origin", remote);
    git(projectDir, "push", "--quiet", "origin", "main");
  }
}
