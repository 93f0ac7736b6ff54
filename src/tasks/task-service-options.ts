import type { WorktreeCleanupPolicy } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { ProjectRuntime } from "../runtimes/project-runtime.js";
import type { GitIdentity } from "./git.js";

export interface TaskServiceOptions {
  registry: ProjectRegistry;
  /**
   * The runtime of a project, resolved when a task runs or recovers (never while the
   * service is built), e.g. `(projectId) => runtimes.get(projectId)`.
   */
  runtime: (projectId: string) => ProjectRuntime;
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
   * Environment of git and the PR command. The standalone server passes its environment
   * without `AGENT_SERVER_TOKEN` and `WEBHOOK_SECRET` (`Config.childEnv`). Default: empty,
   * so git runs on the system's default `PATH`.
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
