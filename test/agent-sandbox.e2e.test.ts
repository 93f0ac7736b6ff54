import { execFile, execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { restoreEnv } from "#test-support/env.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import {
  AgentSandbox,
  SandboxUnavailableError,
  type ToolAccess,
} from "../src/sandbox/agent-sandbox.js";
import { defaultSandboxPolicy, type SandboxPolicy } from "../src/sandbox/sandbox-policy.js";

/** Runs `command` the way the bash tool does: through `/bin/bash -c` with the confined env. */
async function run(sandbox: AgentSandbox, command: string, cwd: string, access: ToolAccess = {}) {
  const confined = await sandbox.confine(command, cwd, access);
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      "/bin/bash",
      ["-c", confined.command],
      { cwd, env: confined.env },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe("AgentSandbox (real bubblewrap)", () => {
  const tempDir = useTempDirs();
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.AGENT_SERVER_TOKEN = "server-token-must-not-leak";
    process.env.ANTHROPIC_API_KEY = "sk-ant-must-not-leak";
  });
  afterEach(() => {
    restoreEnv(saved);
  });

  async function workspace(policy: Partial<SandboxPolicy> = {}) {
    const root = await tempDir();
    const project = join(root, "demo");
    const other = join(root, "other");
    await mkdir(join(root, ".pi-global"), { recursive: true });
    await mkdir(project);
    await mkdir(other);
    await writeFile(join(root, ".pi-global", "auth.json"), '{"secret":"stored-key"}');
    await writeFile(join(other, "private.txt"), "top-secret-content");
    const sandbox = new AgentSandbox({
      policy: {
        ...defaultSandboxPolicy,
        env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" },
        hiddenPaths: [root],
        ...policy,
      },
    });
    return { root, project, other, sandbox };
  }

  describe("happy", () => {
    it("builds inside the working directory: write, run node, read back", async () => {
      const { project, sandbox } = await workspace();
      const result = await run(
        sandbox,
        `echo 'console.log(6 * 7)' > calc.js && node calc.js > out.txt && cat out.txt`,
        project,
      );
      expect(result).toEqual({ code: 0, output: "42\n" });
      expect(await readFile(join(project, "out.txt"), "utf8")).toBe("42\n");
    });

    it("gives a private, writable /tmp and HOME", async () => {
      const { root, project, sandbox } = await workspace();
      await writeFile("/tmp/host-file-not-in-sandbox", "x");
      const result = await run(sandbox, `echo x > /tmp/t && echo "$HOME" && ls /tmp`, project);
      expect(result.code).toBe(0);
      // Only the mount point of the working directory (the test workspace is under /tmp).
      expect(result.output.split("\n")).toEqual(["/tmp", basename(root), "t", ""]);
      await rm("/tmp/host-file-not-in-sandbox", { force: true });
    });

    it("lets git work in a task worktree while the repository's config stays read-only", async () => {
      const { root, project, sandbox } = await workspace();
      const git = (cwd: string, ...args: string[]) =>
        execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd });
      git(project, "init", "--quiet", "--initial-branch=main");
      await writeFile(join(project, "README.md"), "hi");
      git(project, "add", ".");
      git(project, "commit", "--quiet", "-m", "init");
      const worktree = join(root, ".pi-global", "worktrees", "demo", "t1");
      git(project, "worktree", "add", "--quiet", "-b", "tasks/t1", worktree);
      const result = await run(
        sandbox,
        "echo more > b.txt && git status --short && git add b.txt && git -c user.name=a -c user.email=a@a commit --quiet -m b && git log --oneline | wc -l && ls ../../../demo 2>&1; git config core.fsmonitor 'touch /tmp/x' 2>&1; echo config=$?",
        worktree,
        { repository: project },
      );
      expect(result.output).toContain("?? b.txt");
      expect(result.output).toContain("2\n");
      expect(result.output).toMatch(/ls: cannot access '\.\.\/\.\.\/\.\.\/demo': No such file/);
      expect(result.output).toMatch(/config=[1-9]/);
      expect(() =>
        execFileSync("git", ["config", "--get", "core.fsmonitor"], { cwd: project }),
      ).toThrow();
    }, 20_000);
  });

  describe("security", () => {
    it("passes no server variable but the allowlist", async () => {
      const { project, sandbox } = await workspace();
      const result = await run(sandbox, "env", project);
      const names = result.output
        .trim()
        .split("\n")
        .map((line) => line.split("=")[0])
        .sort();
      expect(names).toEqual(["HOME", "LANG", "PATH", "PWD", "SHLVL", "_"]);
      expect(result.output).not.toContain("must-not-leak");
    });

    it("shows neither .pi-global, other projects nor the host's root", async () => {
      const { root, project, other, sandbox } = await workspace();
      const result = await run(
        sandbox,
        `ls -a ..; cat ../.pi-global/auth.json; cat ${join(root, ".pi-global", "auth.json")}; cat ${join(other, "private.txt")}; mkdir -p ../other && echo pwned > ../other/x; ls /; cat /etc/shadow`,
        project,
      );
      expect(result.output).not.toContain("stored-key");
      expect(result.output).not.toContain("top-secret-content");
      expect(result.output).not.toMatch(/\bother\b\n/);
      await expect(readFile(join(other, "x"), "utf8")).rejects.toThrow();
      expect(result.output).not.toMatch(/^root:/m);
      expect(result.output).not.toMatch(/\bwork\b|\bhome\b|\bsrv\b/);
    });

    it("binds no repository a forged .git file points at", async () => {
      const { root, project, sandbox } = await workspace();
      await mkdir(join(project, "fake"));
      await writeFile(join(project, "fake", "commondir"), join(root, ".pi-global"));
      await writeFile(join(project, ".git"), `gitdir: ${join(project, "fake")}\n`);
      const result = await run(sandbox, `cat ${join(root, ".pi-global", "auth.json")}`, project);
      expect(result.output).not.toContain("stored-key");
      expect(result.output).toContain("No such file or directory");
    });

    it("with network, gives each command a namespace of its own behind slirp4netns", async () => {
      const { project, sandbox } = await workspace();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          run(
            sandbox,
            `tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; exit ${index % 3}`,
            project,
          ),
        ),
      );
      results.forEach((result, index) => {
        expect(result).toEqual({ code: index % 3, output: "lo\ntap0\n" });
      });
    });

    it("cuts the network when told to", async () => {
      const { project, sandbox } = await workspace({ network: false });
      const result = await run(sandbox, "tail -n +3 /proc/net/dev | cut -d: -f1", project);
      expect(result.output.trim().split(/\s+/)).toEqual(["lo"]);
    });

    it("with mode none still strips the server's secrets from the environment", async () => {
      const { project, sandbox } = await workspace({ mode: "none" });
      const result = await run(sandbox, "env", project);
      expect(result.code).toBe(0);
      expect(result.output).not.toContain("must-not-leak");
      expect(result.output).not.toContain("AGENT_SERVER_TOKEN");
      expect(result.output).toContain("PATH=/usr/bin:/bin");
    });
  });

  describe("error", () => {
    it("refuses to start when bubblewrap is missing, saying how to fix it", async () => {
      const sandbox = new AgentSandbox({ bwrapPath: "/nonexistent/bwrap" });
      const probe = sandbox.probe();
      await expect(probe).rejects.toThrow(SandboxUnavailableError);
      await expect(probe).rejects.toThrow(/apt-get install -y bubblewrap.*AGENT_SANDBOX=none/);
    });

    it("refuses to start when slirp4netns is missing and agents have network", async () => {
      const sandbox = new AgentSandbox({ slirp4netnsPath: "/nonexistent/slirp4netns" });
      const probe = sandbox.probe();
      await expect(probe).rejects.toThrow(/slirp4netns.*apt-get install -y bubblewrap slirp4netns/);
      const offline = new AgentSandbox({
        policy: { ...defaultSandboxPolicy, network: false },
        slirp4netnsPath: "/nonexistent/slirp4netns",
      });
      await expect(offline.probe()).resolves.toBeUndefined();
    });
  });
});
