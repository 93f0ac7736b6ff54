import type { ClusterNode } from "../cluster/index.js";
import type { LostTaskPolicy, WorktreeCleanupPolicy } from "../config/index.js";
import { providerEnvVars } from "../config/provider-env-keys.js";
import type { Logger } from "../logging/logger.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { ProjectRuntime } from "../sessions/index.js";
import type { SharedEventStream } from "../sse/shared-event-stream.js";
import type { EventLogStore } from "../storage/index.js";
import type { GitIdentity } from "./git.js";
import type { TaskEvent } from "./task-events.js";

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
   * Environment of git and the PR command, before the provider keys and `LITELLM_API_KEY`
   * are removed (`envFor`). The standalone server passes its environment without
   * `AGENT_SERVER_TOKEN` and `WEBHOOK_SECRET` (`Config.childEnv`). Default: empty, so
   * git runs on the system's default `PATH`.
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
  /** Where the task stream's events are kept across restarts. Default: segment files in `.pi-global/tasks/events`. */
  eventLogs?: EventLogStore | undefined;
  /**
   * In a cluster: opens the org's task stream shared by every node (task events
   * published on any node appear once, in id order, on every node's stream). Default:
   * this process's own stream, logged in `eventLogs`.
   */
  sharedEvents?: (() => Promise<SharedEventStream<TaskEvent>>) | undefined;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /**
   * Called with the project id when a task is approved and again just before it runs;
   * throwing refuses it (e.g. `BUDGET_EXCEEDED`): approval answers the error, a run fails
   * with its message before any worktree is made. Default: none.
   */
  runGate?: ((projectId: string) => void) | undefined;
  /** Sees every task event as it is published (outgoing webhooks); must not throw. Default: none. */
  onEvent?: ((event: TaskEvent) => void) | undefined;
  /**
   * This node of a cluster: tasks live in its database (`PgTaskStore`), are claimed by
   * any node that runs tasks (`all`, `worker`; an `api` node claims none) and taken over
   * when their node dies. Default: none, tasks live in files.
   */
  cluster?: ClusterNode | undefined;
  /** Tasks executing at once across the cluster; 0 caps only each node. Default 0. */
  clusterConcurrency?: number;
  /**
   * Called with a task's project after its run on this node ended (any outcome), once it
   * no longer counts as running here: in a cluster, the project may be given up.
   */
  onRunEnded?: ((projectId: string) => void) | undefined;
  /**
   * What a survivor does with a task whose node died running it, and what a node stopped
   * cleanly does with its own running tasks (`fail` or `requeue`). Default `fail`.
   */
  lostPolicy?: LostTaskPolicy;
  /**
   * How often a node of a cluster looks for queued tasks, cancel requests and tasks of
   * dead nodes without being told. Default 2,000 ms.
   */
  clusterPollMs?: number;
}

/** Variables the PR command may keep although pi also reads them as provider keys. */
const prCommandKeeps = new Set(["GH_TOKEN", "GITHUB_TOKEN"]);

/**
 * `env` without the server's secrets: the API token, the webhook secret, the LiteLLM key
 * and every provider key pi knows. For git (`"git"`) nothing more is kept; the PR
 * command (`"pr"`) keeps the GitHub tokens its tools need.
 */
export function envFor(
  purpose: "git" | "pr",
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const secrets = new Set(["AGENT_SERVER_TOKEN", "WEBHOOK_SECRET", "LITELLM_API_KEY"]);
  for (const variables of Object.values(providerEnvVars)) {
    for (const variable of variables) {
      if (purpose === "git" || !prCommandKeeps.has(variable)) secrets.add(variable);
    }
  }
  return Object.fromEntries(Object.entries(env).filter(([name]) => !secrets.has(name)));
}
