import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { createAskUserApp } from "../ask-user/ask-user-app.js";
import { buildOpenApiDocument, registerSharedComponents } from "../contract/openapi-document.js";
import { createCredentialsApp } from "../credentials/credentials-app.js";
import { CredentialsService } from "../credentials/credentials-service.js";
import { createDocsApp } from "../docs/docs-app.js";
import { createHealthApp } from "../health/health-app.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { httpMetrics } from "../metrics/http-metrics.js";
import { createMetricsApp } from "../metrics/metrics-app.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import { registerServerMetrics } from "../metrics/server-metrics.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import { createProjectsApp } from "../projects/projects-app.js";
import { RuntimeManager } from "../runtimes/runtime-manager.js";
import { createSessionsApp, type SessionsAppOptions } from "../sessions/sessions-app.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import { createTasksApp, isTaskWebhookRequest, TaskService } from "../tasks/index.js";
import type { TaskFieldLimits } from "../tasks/tasks-schemas.js";
import { createUsageApp } from "../usage/usage-app.js";
import { UsageRecorder } from "../usage/usage-recorder.js";
import { readPackageVersion } from "../version.js";
import { bearerAuth } from "./auth.js";
import { notFoundHandler } from "./error-handler.js";
import { hostCheck } from "./host-check.js";
import { noSniff } from "./no-sniff.js";
import { originCheck } from "./origin-check.js";
import { defaultPageLimits, type PageLimits } from "./pagination.js";
import { rejectTraversalPaths } from "./path-guard.js";
import { problemFor, problemResponse } from "./problem.js";
import { createRouter } from "./router.js";
import { hasValidStreamTicket } from "./stream-ticket-auth.js";

export interface CreateAppOptions {
  registry: ProjectRegistry;
  /** Project runtimes. Default: built over the registry with the org's pi state in `.pi-global/`. */
  runtimes?: RuntimeManager;
  /** Org credentials and models. Default: opened from `.pi-global/`, sharing the runtimes' pi state. */
  credentials?: CredentialsService;
  /** SSE tuning. Default: 15 s heartbeats, 1024 queued frames per reader. */
  sse?: Pick<SessionsAppOptions, "heartbeatMs" | "maxQueuedFrames">;
  /** Default: info-level lines on stdout/stderr. */
  logger?: Logger;
  /** Reported by `/v1/healthz` and the document. Default: package.json's version. */
  version?: string;
  /**
   * When set, every `/v1` route requires `Authorization: Bearer <apiToken>`. Any non-empty
   * value is accepted here; the standalone server's config demands at least 32 characters.
   */
  apiToken?: string | undefined;
  /**
   * Origins allowed by CORS (`*` for any); state-changing requests from any other
   * cross-origin page get 403 `ORIGIN_NOT_ALLOWED`. Default: none, so browsers need the same origin.
   */
  corsOrigins?: readonly string[];
  /**
   * Extra `Host` names served (DNS-rebinding defence): `name` on any port, `name:port`, or
   * `*` to turn the check off when the embedding host checks `Host` itself. `localhost`,
   * `127.0.0.1`, `[::1]`, `bindAddress` and the address a connection arrived on are always
   * served on the port it arrived on; any other `Host` gets 421 `MISDIRECTED_REQUEST`.
   * Default: none extra.
   */
  allowedHosts?: readonly string[];
  /** The address the server listens on, served like the loopback names. Default: none. */
  bindAddress?: string;
  /** Largest accepted request body in bytes. Default 10 MiB. */
  maxBodyBytes?: number;
  /** Caps on list paging and task fields. Default: `API_MAX_*` defaults. */
  limits?: PageLimits & Partial<TaskFieldLimits>;
  /** How long a browser stream ticket opens its session's stream. Default 60 s. */
  streamTicketTtlMs?: number;
  /**
   * Usage recorder behind `/v1/usage` and `/v1/agents/live`. Default: one in memory, wired
   * to the default runtimes. When passing `runtimes`, pass the recorder whose `observe`
   * they were built with.
   */
  usage?: UsageRecorder;
  /** Registry behind `/metrics`; the app registers its own metrics on it. Default: a new one. */
  metrics?: MetricsRegistry;
  /** The approval queue. Default: one over the registry and runtimes, started on first use. */
  tasks?: TaskService;
  /** Bearer secret of the task webhook; the webhook answers 503 while unset. */
  webhookSecret?: string | undefined;
}

/**
 * The complete server application: `/v1` routes behind Host, Origin, auth, body and CORS
 * policy, plus `/openapi.json` and Swagger UI at `/docs` (served offline from
 * `swagger-ui-dist`). Every response carries `X-Content-Type-Options: nosniff`. The
 * standalone server is one host of it.
 *
 * @example
 * const app = createApp({ registry, apiToken: "s3cret" });
 * serve({ fetch: app.fetch, port: 4001 });
 */
export function createApp(options: CreateAppOptions) {
  const logger = options.logger ?? createLogger();
  const version = options.version ?? readPackageVersion();
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const credentials =
    options.credentials ??
    new CredentialsService({
      globalDir: options.registry.layout.globalDir,
      ...(options.runtimes ? { org: options.runtimes.org } : {}),
      logger,
    });
  const usage = options.usage ?? UsageRecorder.inMemory({ logger });
  const runtimes =
    options.runtimes ??
    new RuntimeManager({
      registry: options.registry,
      org: credentials.org,
      onSessionEvent: usage.observe,
      logger,
    });
  const tasks = options.tasks ?? new TaskService({ registry: options.registry, runtimes, logger });
  usage.setTaskIdLookup((projectId, sessionId) => tasks.taskIdForSession(projectId, sessionId));
  const metrics = options.metrics ?? new MetricsRegistry();
  registerServerMetrics(metrics, {
    projectCount: () => options.registry.size,
    runtimeStats: () => runtimes.stats(),
    activeRuns: () => usage.liveRuns().length,
    usage: usage.totals,
  });
  metrics.gauge("pi_tasks", "Tasks by status.", () =>
    Object.entries(tasks.countsByStatus()).map(([status, value]) => ({
      labels: { status },
      value,
    })),
  );
  const app = createRouter({ logger });
  app.notFound(notFoundHandler);
  registerSharedComponents(app);
  app.use("*", noSniff());
  app.use("*", httpMetrics(metrics));
  app.use(
    "*",
    hostCheck({
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
    }),
  );
  app.use("*", rejectTraversalPaths());

  if (options.corsOrigins && options.corsOrigins.length > 0) {
    const allowed = new Set(options.corsOrigins);
    app.use(
      "*",
      cors({
        origin: (origin) => (allowed.has("*") || allowed.has(origin) ? origin : null),
        allowHeaders: ["Authorization", "Content-Type", "Last-Event-ID"],
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        maxAge: 600,
      }),
    );
  }
  app.use("*", originCheck({ corsOrigins: options.corsOrigins ?? [] }));
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () =>
        problemResponse(
          problemFor("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${maxBodyBytes} bytes`),
        ),
    }),
  );
  const streamTickets = new StreamTickets(
    options.streamTicketTtlMs === undefined ? {} : { ttlMs: options.streamTicketTtlMs },
  );
  if (options.apiToken !== undefined) {
    const apiAuth = bearerAuth({
      token: options.apiToken,
      allow: hasValidStreamTicket(streamTickets),
    });
    // The task webhook authenticates with WEBHOOK_SECRET instead, inside the tasks router.
    app.use("/v1/*", (c, next) =>
      isTaskWebhookRequest(c.req.method, c.req.path, "/v1") ? next() : apiAuth(c, next),
    );
    app.use("/metrics", bearerAuth({ token: options.apiToken }));
  }

  const streamCounter = new StreamCounter();
  const routerOptions = { logger, limits: options.limits ?? defaultPageLimits };
  app.route(
    "/v1",
    createHealthApp({
      ...routerOptions,
      version,
      projectCount: () => options.registry.size,
      runtimeStats: () => runtimes.stats(),
      streamStats: () => streamCounter.snapshot(),
      taskReplayBytes: () => tasks.replayBytes,
      sandbox: () => runtimes.sandbox,
    }),
  );
  app.route("/v1", createProjectsApp(options.registry, routerOptions));
  app.route("/v1", createCredentialsApp(credentials, routerOptions));
  app.route(
    "/v1",
    createSessionsApp((projectId) => runtimes.get(projectId), {
      ...routerOptions,
      ...options.sse,
      streamTickets,
      streamCounter,
    }),
  );
  app.route("/v1", createUsageApp(usage, routerOptions));
  app.route("/", createMetricsApp(metrics, routerOptions));
  app.route(
    "/v1",
    createAskUserApp((projectId) => runtimes.get(projectId), routerOptions),
  );

  app.route(
    "/v1",
    createTasksApp(tasks, {
      ...routerOptions,
      ...options.sse,
      streamCounter,
      streamTickets,
      webhookSecret: options.webhookSecret,
    }),
  );

  let document: string | undefined;
  app.get("/openapi.json", (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(app, version));
    return c.body(document, 200, { "content-type": "application/json" });
  });
  app.route("/", createDocsApp({ logger }));
  return app;
}
