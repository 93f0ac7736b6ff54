import type { AuditStore, TokenStore } from "../access/access-stores.js";
import type { BudgetService } from "../budgets/index.js";
import type { ClusterNode } from "../cluster/index.js";
import type {
  CredentialsService,
  CredentialsServiceOptions,
} from "../credentials/credentials-service.js";
import type { IdempotencyKeys } from "../idempotency/index.js";
import type { Logger } from "../logging/logger.js";
import type { MetricsRegistry } from "../metrics/metrics-registry.js";
import type { ResourceOptions } from "../pi/agent-sessions.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { AgentSandbox } from "../sandbox/index.js";
import type { ProjectRuntime, RuntimeManager } from "../sessions/index.js";
import type { LogFollowers } from "../sse/log-followers.js";
import type { StreamCounter } from "../sse/stream-counter.js";
import type { StreamTickets } from "../sse/stream-tickets.js";
import type { EventLogRetention, EventLogStore } from "../storage/index.js";
import type { TaskService, TaskServiceOptions } from "../tasks/index.js";
import type { UsageRecorder } from "../usage/usage-recorder.js";
import type { WebhookServiceOptions, Webhooks } from "../webhooks/index.js";
import type { ProjectOwners } from "./project-owners.js";

/** Task queue settings; each default is documented on `TaskServiceOptions`. */
export type TaskSettings = Omit<
  TaskServiceOptions,
  | "registry"
  | "runtime"
  | "logger"
  | "replayMaxBytes"
  | "eventLogs"
  | "sharedEvents"
  | "cluster"
  | "onRunEnded"
>;

export interface ServicesOptions {
  /** Root of all state; must exist. */
  workspaceDir: string;
  /** Template copied into each new project directory. Default: none. */
  templateDir?: string | undefined;
  /** Default: info-level lines on stdout/stderr. */
  logger?: Logger;
  /** Reported by `/v1/healthz` and the OpenAPI document. Default: package.json's version. */
  version?: string;
  /**
   * Provider keys from the environment, the `litellm` provider, subscription login timing.
   * Default: none of the first two, default timing, logging to `logger`.
   */
  credentials?: Omit<CredentialsServiceOptions, "globalDir" | "org">;
  /** Extra pi resources and discovery switches. Default: none extra, discovery on. */
  resources?: ResourceOptions;
  /** An idle runtime unused this long is disposed. Default 0: never. */
  runtimeIdleEvictMs?: number;
  /** Byte bound of each event stream's in-memory replay ring (sessions and tasks). Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Event streams open at once, over every route; one more is refused. Default 10,000. */
  maxStreams?: number | undefined;
  /** Event streams one API token holds open at once; one more is refused. Default 1,000. */
  maxStreamsPerToken?: number | undefined;
  /**
   * Where every event stream (each session's, the task stream) keeps its events, so
   * `Last-Event-ID` replays across restarts. Default: segment files under `.pi-global/`,
   * 64 MiB and 7 days per stream (`fileEventLogs(retention)`); in a cluster, rows of its
   * database (`postgresEventLogs`).
   */
  eventLogs?: EventLogStore | undefined;
  /** How much of each event stream the default `eventLogs` keep. Default 64 MiB and 7 days. */
  eventLogRetention?: EventLogRetention | undefined;
  /**
   * When retention is applied to every event log, the ones nobody writes included:
   * `firstAfterMs` after start, then every `everyMs`. Default one minute, then hourly.
   */
  eventLogSweep?: { firstAfterMs?: number; everyMs?: number } | undefined;
  /**
   * Keep usage records in `.pi-global/usage/`, reloaded on the next start. Default true;
   * false keeps them in memory only. On a cluster they always go to its database.
   */
  persistUsage?: boolean;
  /** Default: one task at a time, 10 min timeout, worktrees removed on success, no PR command. */
  tasks?: TaskSettings;
  /** How long a browser stream ticket opens its stream. Default 60 s. */
  streamTicketTtlMs?: number | undefined;
  /**
   * Confines every agent tool to its working directory. Default: bubblewrap with network,
   * the workspace hidden, not probed (the standalone server probes it at start).
   */
  sandbox?: AgentSandbox | undefined;
  /** How long a response to a request with `Idempotency-Key` is replayed. Default 24 h. */
  idempotencyTtlMs?: number | undefined;
  /**
   * Outgoing webhooks; subscriptions and the outbox live in `.pi-global/webhooks/` (in the
   * cluster's database with `cluster`).
   * Default: private URLs refused, 5 s backoff doubling to 1 h for 24 h, 10 s timeout, 4 at once.
   */
  webhooks?: Omit<WebhookServiceOptions, "dir" | "logger"> | undefined;
  /**
   * This process as a node of a cluster (`STATE_STORE=postgres`, see `joinCluster`):
   * shared state lives in its database. Default: none, state lives in files.
   */
  cluster?: ClusterNode | undefined;
}

/** Everything the routers serve, built once by `createServices`. */
export interface Services {
  readonly logger: Logger;
  readonly version: string;
  /** This node of a cluster, or undefined for a single file-backed server. */
  readonly cluster: ClusterNode | undefined;
  /** In a cluster: which node runs each project's live sessions (lease `project:<id>`). */
  readonly owners: ProjectOwners | undefined;
  readonly registry: ProjectRegistry;
  /** The org's credentials, models and subscription logins. */
  readonly credentials: CredentialsService;
  readonly runtimes: RuntimeManager;
  /** Usage of every run, attributed to its task when a task owns the session. */
  readonly usage: UsageRecorder;
  /** The approval queue; it starts on first use or `tasks.ready()`. */
  readonly tasks: TaskService;
  /** Server, usage and task metrics; the app adds its HTTP counter. */
  readonly metrics: MetricsRegistry;
  readonly streamTickets: StreamTickets;
  /**
   * In a cluster: this node's followers of the shared event logs, serving the streams of
   * sessions that run on another node. Undefined for a single server.
   */
  readonly logFollowers: LogFollowers | undefined;
  /** API tokens with roles and project scopes (`AGENT_SERVER_TOKEN` stays the bootstrap admin). */
  readonly tokens: TokenStore;
  /** Every state-changing and every refused request. */
  readonly audit: AuditStore;
  /** Outgoing webhook subscriptions and their durable outbox. */
  readonly webhooks: Webhooks;
  /** Open event streams, for health. */
  readonly streamCounter: StreamCounter;
  /** First responses to requests with `Idempotency-Key`: `.pi-global/idempotency.jsonl` or the cluster's database. */
  readonly idempotency: IdempotencyKeys;
  /** Org and project budgets (`.pi-global/budgets.json` or the cluster's database): refuse, abort and warn runs. */
  readonly budgets: BudgetService;
  /**
   * The runtime of a registered project, as the session and ask-user routers and the task
   * queue resolve it; safe to pass unbound.
   */
  readonly runtime: (projectId: string) => ProjectRuntime;
  /** Ends work: subscription flows, the task queue (within its grace) and every runtime. */
  stop(): Promise<void>;
  /** Flushes usage and closes the registry; call after `stop`, once no request is in flight. */
  close(): Promise<void>;
}
