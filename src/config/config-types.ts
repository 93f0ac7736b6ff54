import type { LogLevel } from "../logging/logger.js";
import type { SandboxMode } from "../sandbox/sandbox-policy.js";
import type { LostTaskPolicy, NodeRole, WorktreeCleanupPolicy } from "./env-schema.js";
import type { TaskFieldLimits } from "./field-limits.js";
import type { LiteLlmConfig } from "./litellm-env.js";
import type { ProviderEnvKey } from "./provider-env-keys.js";

/** Bounds on user input: body size, paging, and every task field (`API_MAX_*`). */
export interface Limits extends TaskFieldLimits {
  /** Largest accepted request body in bytes. Default 10 MiB. */
  maxBodyBytes: number;
  /** Largest `limit` a list route accepts. Default 100. */
  maxPageSize: number;
  /** Largest `offset` a list route accepts. Default 10,000. */
  maxOffset: number;
}

/** The approval queue's execution settings. */
export interface TaskConfig {
  /** Tasks executing at once, server-wide. Default 1. */
  concurrency: number;
  /** A running task is aborted and failed after this. Default 600,000 (10 min). */
  timeoutMs: number;
  /** Default `success`. */
  worktreeCleanup: WorktreeCleanupPolicy;
  /** Shell command run after a successful push to open a PR. Default: none. */
  prCommand: string | undefined;
  /** Tasks executing at once across the cluster (`TASK_CLUSTER_CONCURRENCY`); 0: no cap beyond each node's. Default 0. */
  clusterConcurrency: number;
  /** What a survivor does with a task whose node died running it (`TASK_LOST_POLICY`). Default `fail`. */
  lostPolicy: LostTaskPolicy;
}

/** A node of a cluster sharing one PostgreSQL database (`STATE_STORE=postgres`). */
export interface ClusterConfig {
  /** `DATABASE_URL`. */
  databaseUrl: string;
  /** `AGENT_SERVER_ROLE`. Default `all`. */
  role: NodeRole;
  /** `AGENT_SERVER_NODE_ID`. Default: host name, process id and a random suffix. */
  nodeId: string | undefined;
  /** `AGENT_SERVER_NODE_URL`: where the other nodes reach this one. Default: the listening address. */
  nodeUrl: string | undefined;
  /** `AGENT_SERVER_CLUSTER_SECRET`: signs forwarded requests and stream tickets. */
  secret: string;
  /** `CLUSTER_LEASE_TTL_MS`: a node silent this long loses its projects and tasks. Default 15 s. */
  leaseTtlMs: number;
}

/** How agent tools are confined (`AGENT_SANDBOX*`). */
export interface SandboxConfig {
  /** `bwrap` (bubblewrap) or `none` (unconfined, secrets still removed). Default `bwrap`. */
  mode: SandboxMode;
  /** Whether sandboxed commands may use the network. Default true. */
  network: boolean;
  /**
   * Whether they share the server's own network namespace (`AGENT_SANDBOX_NETWORK=host`),
   * loopback included. Default false: their traffic leaves through slirp4netns, which
   * never reaches the host's loopback.
   */
  hostNetwork: boolean;
  /** The server's `PATH`, `LANG`, `LC_*`, `TERM`, `TZ`: all a tool process inherits. */
  env: Record<string, string>;
}

/** Extra pi resources (`PI_*_PATHS`) and discovery switches (`PI_NO_*`). */
export interface PiResourceConfig {
  /** Local entries are absolute; `npm:`, `git:` and URL entries are kept as given. */
  extensionPaths: string[];
  skillPaths: string[];
  promptPaths: string[];
  themePaths: string[];
  noExtensions: boolean;
  noSkills: boolean;
  noPrompts: boolean;
  noThemes: boolean;
}

export interface Config {
  /** Absolute workspace root, or `undefined` when `WORKSPACE_DIR` is unset (the default `./workspace` is then created). */
  workspaceDir: string | undefined;
  /** Where `./workspace` resolves when `WORKSPACE_DIR` is unset. */
  defaultWorkspaceDir: string;
  host: string;
  port: number;
  /** `AGENT_SERVER_TOKEN`: at least 32 characters, no whitespace; auth is off while unset. */
  apiToken: string | undefined;
  allowUnauthenticated: boolean;
  /**
   * `Host` names served besides the bind address and loopback names (`AGENT_SERVER_ALLOWED_HOSTS`);
   * `*` serves any. Default: none.
   */
  allowedHosts: string[];
  corsOrigins: string[];
  shutdownGraceMs: number;
  logLevel: LogLevel;
  templateDir: string | undefined;
  /** `AGENT_SERVER_CONSOLE_DIR`: the built web console served at `/ui/`. Default: the package's `dist/ui`. */
  consoleDir: string | undefined;
  limits: Limits;
  /** How long a browser stream ticket stays valid. Default 60 s. */
  streamTicketTtlMs: number;
  /** A project runtime unused and idle this long is evicted; 0 keeps runtimes forever. Default 15 min. */
  runtimeIdleEvictMs: number;
  /** Bytes of SSE frames each event stream (every session's, the task stream) keeps for `Last-Event-ID` replay, oldest dropped first. Default 8 MiB. */
  sseReplayMaxBytes: number;
  /** Event streams open at once, over every route; one more is refused with 503 `STREAM_LIMIT_REACHED`. Default 10,000. */
  sseMaxStreams: number;
  /** Event streams one API token holds open at once (the bootstrap token only counts in `sseMaxStreams`). Default 1,000. */
  sseMaxStreamsPerToken: number;
  /** How much of each event stream the durable log keeps for replay across restarts. Defaults 64 MiB and 7 days. */
  eventLogRetention: { maxBytes: number; maxAgeMs: number };
  /** How long the first response to a request with `Idempotency-Key` is replayed (`IDEMPOTENCY_TTL_HOURS`). Default 24 h. */
  idempotencyTtlMs: number;
  /** Container runtime the deploy skill uses, named in every agent's system prompt. Default `podman`. */
  containerRuntime: "podman" | "docker";
  piResources: PiResourceConfig;
  /** Provider API keys found in the environment (`ANTHROPIC_API_KEY`, …); injected in memory at boot, never written. */
  providerEnvKeys: Record<string, ProviderEnvKey>;
  /** The OpenAI-compatible `litellm` provider, when `LITELLM_BASE_URL` is set. */
  litellm: LiteLlmConfig | undefined;
  /** Bearer secret of the task webhook (at least 32 characters); the webhook is disabled while unset. */
  webhookSecret: string | undefined;
  tasks: TaskConfig;
  sandbox: SandboxConfig;
  /** Set when `STATE_STORE=postgres`: this process is one node of a cluster. */
  cluster: ClusterConfig | undefined;
  /** Outgoing webhooks (`WEBHOOK_ALLOW_PRIVATE_URLS`, `WEBHOOK_RETRY_*`, `WEBHOOK_TIMEOUT_MS`, `WEBHOOK_CONCURRENCY`). */
  outgoingWebhooks: OutgoingWebhookConfig;
  /**
   * Names of the variables in the server's environment. pi reads a stored key or header
   * that names one of them from the environment, so the API refuses such values.
   */
  environmentNames: string[];
  /**
   * Environment of the processes the server starts (git, the PR command): the loaded
   * environment without `AGENT_SERVER_TOKEN` and `WEBHOOK_SECRET`.
   */
  childEnv: Record<string, string | undefined>;
}

export interface OutgoingWebhookConfig {
  /** Subscriptions may reach loopback, link-local and private addresses. Default false. */
  allowPrivateUrls: boolean;
  /** Defaults 5 s doubling to at most 1 h, given up after 24 h. */
  retry: { baseDelayMs: number; maxDelayMs: number; windowMs: number };
  /** Default 10 s. */
  timeoutMs: number;
  /** Default 4. */
  concurrency: number;
}
