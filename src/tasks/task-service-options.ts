import type { WorktreeCleanupPolicy } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { RuntimeManager } from "../runtimes/runtime-manager.js";
import type { GitIdentity } from "./git.js";

export interface TaskServiceOptions {
  registry: ProjectRegistry;
  runtimes: RuntimeManager;
  /** Default: silent. */
  logger?: Logger;
  /** Tasks executing at once, server-wide. Default 1. */
  concurrency?: number;
  /** A running task is aborted and failed after this. Default 600,000 ms. */
  timeoutMs?: number;
  /** When worktrees are removed. Default `success`. */
  worktreeCleanup?: WorktreeCleanupPolicy;
  /** Shell command run after a successful push. Default: none. */
  prCommand?: string | undefined;
  /**
   * Environment of git and the PR command. Default: the server's environment without
   * `AGENT_SERVER_TOKEN` and `WEBHOOK_SECRET`.
   */
  env?: Record<string, string | undefined>;
  /** Committer of task commits. Default `pi agent server <pi-agent-server@localhost>`. */
  identity?: GitIdentity;
  /** Longest kept final assistant text. Default 20,000 characters. */
  maxResultTextLength?: number;
  /** How long a run may take to wind down after an abort. Default 5,000 ms. */
  abortGraceMs?: number;
  /** Byte bound of the task event stream's replay buffer. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Default `() => new Date()`. */
  now?: () => Date;
}

/** The server's environment without its secrets, for git and the PR command. */
export function serverEnv(): Record<string, string | undefined> {
  const { AGENT_SERVER_TOKEN: _token, WEBHOOK_SECRET: _secret, ...rest } = process.env;
  return rest;
}
