import { join } from "node:path";
import type { AuditStore, TokenStore } from "../access/access-stores.js";
import { openAccessStores } from "../access/open-access-stores.js";
import { BudgetService, budgetStore } from "../budgets/index.js";
import { type ClusterNode, runsSessions } from "../cluster/index.js";
import type {
  CredentialsService,
  CredentialsServiceOptions,
} from "../credentials/credentials-service.js";
import { openCredentials } from "../credentials/open-credentials.js";
import { type IdempotencyKeys, openIdempotencyKeys } from "../idempotency/index.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import type { ResourceOptions } from "../pi/agent-sessions.js";
import { ProjectRegistry } from "../projects/project-registry.js";
import type { AgentSandbox } from "../sandbox/index.js";
import type { ProjectRuntime } from "../sessions/index.js";
import { RuntimeManager, sessionStateStoresFor } from "../sessions/index.js";
import { LogFollowers } from "../sse/log-followers.js";
import { openSharedEventStream } from "../sse/shared-event-stream.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import { type EventLogRetention, type EventLogStore, fileEventLogs } from "../storage/index.js";
import { postgresEventLogs } from "../storage/postgres/index.js";
import {
  hasRunningTaskOn,
  type TaskEvent,
  TaskService,
  type TaskServiceOptions,
} from "../tasks/index.js";
import { openUsageRecorder } from "../usage/usage-backend.js";
import type { UsageRecorder } from "../usage/usage-recorder.js";
import { readPackageVersion } from "../version.js";
import {
  openWebhooks,
  type WebhookServiceOptions,
  type Webhooks,
  webhookSessionObserver,
  webhookTaskObserver,
} from "../webhooks/index.js";
import { ProjectOwners } from "./project-owners.js";
import { QueuedPromptTakeover } from "./queued-prompt-takeover.js";
import { registerServerMetrics } from "./server-metrics.js";

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

/**
 * The composition root: builds every service once, each with its collaborators passed in
 * at construction. The task queue resolves runtimes only when a task runs, so usage can
 * name a session's task from the start and runtimes report to usage without any wiring
 * after construction.
 *
 * @example
 * const services = await createServices({ workspaceDir: "/srv/workspace" });
 * const app = createApp(services, { apiToken: "s3cret" });
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const logger = options.logger ?? createLogger();
  const version = options.version ?? readPackageVersion();
  const registry = await ProjectRegistry.create({
    workspaceDir: options.workspaceDir,
    templateDir: options.templateDir,
    logger,
    database: options.cluster?.database,
  });
  const credentials = await openCredentials({
    logger,
    ...options.credentials,
    globalDir: registry.layout.globalDir,
    database: options.cluster?.database,
  });
  const webhooks = await openWebhooks({
    ...options.webhooks,
    cluster: options.cluster,
    dir: join(registry.layout.globalDir, "webhooks"),
    logger,
  });
  const cluster = options.cluster;
  const retention = options.eventLogRetention ?? {};
  const sharedLogs = cluster
    ? postgresEventLogs(cluster.database, { workspaceDir: options.workspaceDir, retention })
    : undefined;
  const eventLogs = options.eventLogs ?? sharedLogs ?? fileEventLogs(retention);
  const logFollowers = sharedLogs
    ? new LogFollowers(sharedLogs, { replayMaxBytes: options.replayMaxBytes })
    : undefined;
  const runtime = (projectId: string): ProjectRuntime => runtimes.get(projectId);
  const releaseUnused = (projectId: string): void => {
    owners
      ?.releaseIfUnused(projectId)
      .catch((error: Error) =>
        logger.warn("could not give up an unused project", { projectId, message: error.message }),
      );
  };
  const tasks = new TaskService({
    ...options.tasks,
    registry,
    runtime,
    logger,
    replayMaxBytes: options.replayMaxBytes,
    eventLogs,
    sharedEvents: sharedLogs
      ? () =>
          openSharedEventStream<TaskEvent>({
            logs: sharedLogs,
            key: join(registry.layout.tasksDir, "events"),
            replayMaxBytes: options.replayMaxBytes,
            onError: (error) =>
              logger.warn("task event not written yet; retrying", {
                message: (error as Error).message,
              }),
          })
      : undefined,
    onEvent: webhookTaskObserver(webhooks),
    onRunEnded: releaseUnused,
    runGate: (projectId) => budgets.gate(projectId),
    cluster: options.cluster,
  });
  const usageOptions = {
    logger,
    taskIdFor: (projectId: string, sessionId: string): string | undefined =>
      tasks.taskIdForSession(projectId, sessionId),
  };
  const usage = await openUsageRecorder(
    {
      cluster: options.cluster,
      dir: registry.layout.usageDir,
      persist: options.persistUsage !== false,
      logger,
    },
    usageOptions,
  );
  const observeForWebhooks = webhookSessionObserver(webhooks, usageOptions.taskIdFor);
  const budgets = await BudgetService.open({
    store: budgetStore({
      file: join(registry.layout.globalDir, "budgets.json"),
      database: options.cluster?.database,
      logger,
    }),
    spent: (projectId, from, to) => {
      const { totals } = usage.query({ from, to, projectId, groupBy: "project" });
      return { costUsd: totals.cost.total, tokens: totals.tokens.total };
    },
    onWarning: (data) => webhooks.emit("budget.warning", data),
    logger,
  });
  const runtimes = new RuntimeManager({
    registry,
    org: credentials.org,
    ...(options.resources ? { resources: options.resources } : {}),
    ...(options.runtimeIdleEvictMs === undefined
      ? {}
      : { idleEvictMs: options.runtimeIdleEvictMs }),
    onEvicted: releaseUnused,
    replayMaxBytes: options.replayMaxBytes,
    eventLogs,
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    onSessionEvent: (projectId, session, event) => {
      usage.observe(projectId, session, event);
      budgets.observe(projectId, session, event);
      observeForWebhooks(projectId, session, event);
    },
    runGate: budgets.gate,
    stores: sessionStateStoresFor(options.cluster),
    logger,
  });
  const owners = cluster
    ? new ProjectOwners(cluster, {
        onLost: (projectId) => void runtimes.dispose(projectId),
        freeLocally: (projectId) => runtimes.disposeIfIdle(projectId),
        runsTasks: (client, projectId) => hasRunningTaskOn(client, projectId, cluster.nodeId),
      })
    : undefined;
  if (owners) registry.onDelete((projectId) => owners.release(projectId));
  const promptTakeover =
    cluster && owners && runsSessions(cluster.role)
      ? new QueuedPromptTakeover({ cluster, owners, registry, runtimes, logger })
      : undefined;
  promptTakeover?.start();
  const metrics = new MetricsRegistry();
  registerServerMetrics(metrics, {
    projectCount: () => registry.size,
    runtimeStats: () => runtimes.stats(),
    activeRuns: () => usage.liveRuns().length,
    usage: usage.totals,
    taskCounts: () => tasks.countsByStatus(),
    cluster:
      options.cluster && owners
        ? {
            nodeId: options.cluster.nodeId,
            role: options.cluster.role,
            projectLeases: () => owners.owned.length,
            databaseUp: () => options.cluster?.nodes.healthy ?? false,
          }
        : undefined,
  });
  const streamTickets = new StreamTickets({
    ...(options.streamTicketTtlMs === undefined ? {} : { ttlMs: options.streamTicketTtlMs }),
    ...(cluster ? { secret: cluster.secret } : {}),
  });
  const { tokens, audit } = await openAccessStores({
    tokensFile: registry.layout.tokensFile,
    auditDir: registry.layout.auditDir,
    database: options.cluster?.database,
  });
  const idempotency = await openIdempotencyKeys({
    file: registry.layout.idempotencyFile,
    cluster: options.cluster,
    ttlMs: options.idempotencyTtlMs,
    logger,
  });
  return {
    logger,
    version,
    cluster,
    owners,
    registry,
    credentials,
    runtimes,
    usage,
    tasks,
    metrics,
    streamTickets,
    logFollowers,
    tokens,
    audit,
    webhooks,
    streamCounter: new StreamCounter(),
    idempotency,
    budgets,
    runtime,
    async stop() {
      credentials.dispose();
      owners?.close();
      await promptTakeover?.stop();
      await tasks.stop();
      await runtimes.disposeAll();
      await owners
        ?.handOver((projectId) => runtimes.hasQueuedPrompts(projectId))
        .catch((error: Error) =>
          logger.warn("could not hand queued prompts over", { message: error.message }),
        );
      await budgets.close();
      await webhooks.stop();
      await logFollowers?.close();
    },
    async close() {
      await usage.close();
      await tokens.flush();
      await audit.flush();
      await idempotency.close();
      await webhooks.close();
      await registry.close();
    },
  };
}
