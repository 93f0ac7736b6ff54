import { execFile } from "node:child_process";
import { mkdirSync, realpathSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BwrapSpec, bwrapArgs, shellQuote } from "./bwrap-args.js";
import { gitMounts } from "./git-mounts.js";
import { type HostLayout, readHostLayout } from "./host-layout.js";
import { isInside, PathGuard } from "./path-guard.js";
import {
  defaultSandboxPolicy,
  type SandboxPolicy,
  type SandboxStatus,
  sandboxStatus,
  toolEnv,
} from "./sandbox-policy.js";

export interface AgentSandboxOptions {
  /** Default: bubblewrap with network, `PATH` only (`defaultSandboxPolicy`). */
  policy?: SandboxPolicy;
  /** Default: read from this host on first use, with Node at `process.execPath`. */
  host?: HostLayout;
  /** Default `bwrap`, looked up on `PATH`. */
  bwrapPath?: string;
  /** Gives a sandbox with network its own way out. Default `slirp4netns`, looked up on `PATH`. */
  slirp4netnsPath?: string;
}

/** What a session's tools may reach besides their working directory. */
export interface ToolAccess {
  /** Directories readable but not writable, e.g. the session's skills. Default none. */
  readOnly?: readonly string[];
  /**
   * For a task worktree: the project directory whose repository (`.git`) the worktree
   * belongs to, bound read-write for git. Default none.
   */
  repository?: string | undefined;
  /**
   * Paths inside the working directory kept read-only, e.g. the project's `.pi/`, whose
   * extensions and settings run in the server process. A missing directory is created
   * first, so the agent cannot create it in its place. Default none.
   */
  protected?: readonly string[];
}

/** One shell command as it must be run: the (possibly wrapped) command line and its environment. */
export interface ConfinedCommand {
  command: string;
  env: Record<string, string>;
}

/** Thrown at start-up when bubblewrap cannot run; the message says how to fix it. */
export class SandboxUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `AGENT_SANDBOX=bwrap: the agent sandbox cannot run here (${reason}). Install bubblewrap and slirp4netns (Debian/Ubuntu: apt-get install -y bubblewrap slirp4netns; bubblewrap needs unprivileged user namespaces), or set AGENT_SANDBOX_NETWORK=off (no network for agents; slirp4netns not needed) or AGENT_SANDBOX=none to run agent tools unconfined.`,
    );
    this.name = "SandboxUnavailableError";
  }
}

function existing(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    try {
      return [realpathSync(path)];
    } catch {
      return [];
    }
  });
}

/** Starts bubblewrap in a network namespace of its own (same relative path from `src/` and `dist/`). */
const networkLauncher = fileURLToPath(new URL("../../libexec/sandbox-net.mjs", import.meta.url));

/** `HOME` inside bubblewrap: the private `/tmp`, gone after each command. */
const sandboxHome = "/tmp";

/**
 * Confines agent tools to their working directory: `bash` commands are wrapped in
 * bubblewrap (or, with mode `none`, only stripped of the server's environment), and file
 * tools get a `PathGuard` for the directory.
 *
 * @example
 * const sandbox = new AgentSandbox({ policy: { ...defaultSandboxPolicy, network: false } });
 * await sandbox.probe();
 * const { command, env } = await sandbox.confine("npm test", "/srv/workspace/demo");
 */
export class AgentSandbox {
  readonly policy: SandboxPolicy;
  readonly #bwrap: string;
  readonly #slirp4netns: string;
  #host: HostLayout | undefined;
  #privateHome: Promise<string> | undefined;

  constructor(options: AgentSandboxOptions = {}) {
    this.policy = options.policy ?? defaultSandboxPolicy;
    this.#bwrap = options.bwrapPath ?? "bwrap";
    this.#slirp4netns = options.slirp4netnsPath ?? "slirp4netns";
    this.#host = options.host;
  }

  get status(): SandboxStatus {
    return sandboxStatus(this.policy);
  }

  /** The guard file tools in `workDir` resolve every path through (`access.readOnly` may be read). */
  pathGuard(workDir: string, access: ToolAccess = {}): PathGuard {
    return new PathGuard(workDir, access.readOnly ?? [], access.protected ?? []);
  }

  /**
   * The bubblewrap arguments (without the command) for a command in `workDir` that may
   * also reach `access` (missing read-only directories are skipped).
   */
  bwrapArgs(workDir: string, access: ToolAccess = {}): string[] {
    const real = realpathSync(workDir);
    const host = this.#hostLayout();
    const git = gitMounts(real, access.repository && existing([access.repository])[0]);
    const kept = (access.protected ?? []).flatMap((path) => {
      mkdirSync(resolve(real, path), { recursive: true });
      const found = existing([resolve(real, path)])[0];
      return found !== undefined && isInside(real, found) ? [found] : [];
    });
    const spec: BwrapSpec = {
      systemMounts: host.systemMounts,
      readOnlyPaths: [
        ...(host.nodePrefix ? [host.nodePrefix] : []),
        ...this.policy.readOnlyPaths,
        ...existing(access.readOnly ?? []),
      ],
      hiddenPaths: this.policy.hiddenPaths,
      maskedFiles: host.maskedFiles,
      network: this.#sharesHostNetwork,
      workDir: real,
      writablePaths: git.writable,
      readOnlyOverlays: [...git.readOnly, ...kept],
      env: toolEnv(this.policy, sandboxHome),
    };
    return bwrapArgs(spec);
  }

  /** `command` as it must run for an agent working in `workDir` (see `bwrapArgs`). */
  async confine(
    command: string,
    workDir: string,
    access: ToolAccess = {},
  ): Promise<ConfinedCommand> {
    if (this.policy.mode === "none") {
      return { command, env: toolEnv(this.policy, await this.#home()) };
    }
    const argv = [
      ...this.#launcher(),
      ...this.bwrapArgs(workDir, access),
      "--",
      "/bin/bash",
      "-c",
      command,
    ];
    return {
      command: `exec ${argv.map(shellQuote).join(" ")}`,
      env: toolEnv(this.policy, sandboxHome),
    };
  }

  /**
   * Checks once that bubblewrap can start a confined command here (mode `bwrap` only).
   *
   * @throws {SandboxUnavailableError}
   */
  async probe(): Promise<void> {
    if (this.policy.mode !== "bwrap") return;
    const dir = await mkdtemp(join(tmpdir(), "pi-sandbox-probe-"));
    try {
      const [file, ...launch] = this.#launcher();
      const args = [...launch, ...this.bwrapArgs(dir), "--", "/bin/sh", "-c", "true"];
      await new Promise<void>((resolve, reject) => {
        execFile(
          file as string,
          args,
          { timeout: 10_000, env: toolEnv(this.policy, dir) },
          (error, _out, stderr) => {
            if (!error) return resolve();
            const code = (error as NodeJS.ErrnoException).code;
            const reason =
              code === "ENOENT" ? `"${file}" not found` : stderr.trim() || error.message;
            reject(new SandboxUnavailableError(reason));
          },
        );
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  get #sharesHostNetwork(): boolean {
    return this.policy.network && this.policy.hostNetwork === true;
  }

  /**
   * The program (and its first arguments) that starts bubblewrap: bubblewrap itself, or,
   * for a network that must not reach the host's loopback, the launcher that gives it a
   * namespace of its own behind slirp4netns.
   */
  #launcher(): string[] {
    if (!this.policy.network || this.#sharesHostNetwork) return [this.#bwrap];
    return [process.execPath, networkLauncher, this.#slirp4netns, this.#bwrap];
  }

  #hostLayout(): HostLayout {
    this.#host ??= readHostLayout(process.execPath);
    return this.#host;
  }

  /** With mode `none`: a private `HOME` in the temp directory, not the server user's own. */
  #home(): Promise<string> {
    this.#privateHome ??= (async () => {
      // A fresh directory of its own: a fixed name could be made in advance by another user.
      return mkdtemp(join(tmpdir(), "pi-agent-tools-home-"));
    })();
    return this.#privateHome;
  }
}
