import type { WorktreeCleanupPolicy } from "../config/index.js";
import { providerEnvVars } from "../config/provider-env-keys.js";
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
   * `AGENT_SERVER_TOKEN`, `WEBHOOK_SECRET`, `LITELLM_API_KEY` and the LLM provider keys
   * (the PR command keeps `GH_TOKEN`/`GITHUB_TOKEN`, which PR tools need).
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

/** Variables the PR command may keep although pi also reads them as provider keys. */
const prCommandKeeps = new Set(["GH_TOKEN", "GITHUB_TOKEN"]);

/**
 * The server's environment without its secrets: the API token, the webhook secret, the
 * LiteLLM key and every provider key pi knows. For git (`"git"`) nothing more is
 * kept; the PR command (`"pr"`) keeps the GitHub tokens its tools need.
 */
export function serverEnv(purpose: "git" | "pr" = "git"): Record<string, string | undefined> {
  const secrets = new Set(["AGENT_SERVER_TOKEN", "WEBHOOK_SECRET", "LITELLM_API_KEY"]);
  for (const variables of Object.values(providerEnvVars)) {
    for (const variable of variables) {
      if (purpose === "git" || !prCommandKeeps.has(variable)) secrets.add(variable);
    }
  }
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !secrets.has(name)));
}
