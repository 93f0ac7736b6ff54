import { join } from "node:path";
import { openAccessStores } from "../access/open-access-stores.js";
import { BudgetService, budgetStore } from "../budgets/index.js";
import { runsSessions } from "../cluster/index.js";
import { openCredentials } from "../credentials/open-credentials.js";
import { openIdempotencyKeys } from "../idempotency/index.js";
import { createLogger } from "../logging/logger.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import { ProjectRegistry } from "../projects/project-registry.js";
import type { ProjectRuntime } from "../sessions/index.js";
import { RuntimeManager, sessionStateStoresFor } from "../sessions/index.js";
import { LogFollowers } from "../sse/log-followers.js";
import { openSharedEventStream } from "../sse/shared-event-stream.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import { fileEventLogs } from "../storage/index.js";
import { postgresEventLogs } from "../storage/postgres/index.js";
import { hasRunningTaskOn, type TaskEvent, TaskService } from "../tasks/index.js";
import { openUsageRecorder } from "../usage/usage-backend.js";
import { readPackageVersion } from "../version.js";
import { openWebhooks, webhookSessionObserver, webhookTaskObserver } from "../webhooks/index.js";
import { EventLogSweeper } from "./event-log-sweeper.js";
import { ProjectOwners } from "./project-owners.js";
import { QueuedPromptTakeover } from "./queued-prompt-takeover.js";
import { registerServerMetrics } from "./server-metrics.js";
import type { Services, ServicesOptions } from "./services-types.js";

export type { Services, ServicesOptions, TaskSettings } from "./services-types.js";

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
  const logSweeper = new EventLogSweeper(eventLogs, {
    dirs: [registry.layout.sessionsRoot, registry.layout.tasksDir],
    logger,
    ...options.eventLogSweep,
  });
  logSweeper.start();
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
    streamCounter: new StreamCounter({
      max: options.maxStreams,
      maxPerToken: options.maxStreamsPerToken,
    }),
    idempotency,
    budgets,
    runtime,
    async stop() {
      credentials.dispose();
      owners?.close();
      await promptTakeover?.stop();
      await logSweeper.stop();
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
      await audit.close();
      await idempotency.close();
      await webhooks.close();
      await registry.close();
    },
  };
}
