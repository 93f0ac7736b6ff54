import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { createAskUserApp } from "../ask-user/ask-user-app.js";
import { createCredentialsApp } from "../credentials/credentials-app.js";
import { createHealthApp } from "../health/health-app.js";
import { defaultPageLimits, type PageLimits } from "../http/pagination.js";
import { createMetricsApp } from "../metrics/metrics-app.js";
import { createProjectsApp } from "../projects/projects-app.js";
import { createSessionsApp } from "../sessions/index.js";
import { createTasksApp } from "../tasks/index.js";
import type { TaskFieldLimits } from "../tasks/tasks-schemas.js";
import { createUsageApp } from "../usage/usage-app.js";
import type { Services } from "./services.js";

export interface MountOptions {
  /** Where the API routers go. Default `/v1`. */
  prefix?: string;
  /** Caps on list paging and task fields. Default: the `API_MAX_*` defaults. */
  limits?: (PageLimits & Partial<TaskFieldLimits>) | undefined;
  /** Interval of SSE heartbeat comments. Default 15 s. */
  heartbeatMs?: number | undefined;
  /** Frames an SSE reader may fall behind before it is disconnected. Default 1024. */
  maxQueuedFrames?: number | undefined;
  /** Bearer secret of the task webhook; the webhook answers 503 while unset. */
  webhookSecret?: string | undefined;
}

/**
 * Mounts every router over `services` on `app`: the API under `prefix` and `GET /metrics`
 * at the root, in the order the OpenAPI document lists them. The app must apply its own
 * policy first (auth, body limit); `createApp` is the standalone example. Mount one app
 * per `Services`: the routers share its stream tickets and counters.
 *
 * @example
 * const services = await createServices({ workspaceDir });
 * const host = new OpenAPIHono();
 * host.use("*", httpMetrics(services.metrics));
 * host.use("/internal/agents/*", myAuth);
 * mountRouters(host, services, { prefix: "/internal/agents" });
 */
export function mountRouters<E extends Env>(
  app: OpenAPIHono<E>,
  services: Services,
  options: MountOptions = {},
): void {
  const { registry, runtimes, tasks, streamCounter, streamTickets } = services;
  const prefix = options.prefix ?? "/v1";
  const routerOptions = { logger: services.logger, limits: options.limits ?? defaultPageLimits };
  const streams = {
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxQueuedFrames === undefined ? {} : { maxQueuedFrames: options.maxQueuedFrames }),
    streamCounter,
    streamTickets,
  };
  app.route(
    prefix,
    createHealthApp({
      ...routerOptions,
      version: services.version,
      projectCount: () => registry.size,
      runtimeStats: () => runtimes.stats(),
      streamStats: () => streamCounter.snapshot(),
      taskReplayBytes: () => tasks.replayBytes,
      sandbox: () => runtimes.sandbox,
    }),
  );
  app.route(prefix, createProjectsApp(registry, routerOptions));
  app.route(prefix, createCredentialsApp(services.credentials, routerOptions));
  app.route(prefix, createSessionsApp(services.runtime, { ...routerOptions, ...streams }));
  app.route(prefix, createUsageApp(services.usage, routerOptions));
  app.route("/", createMetricsApp(services.metrics, routerOptions));
  app.route(prefix, createAskUserApp(services.runtime, routerOptions));
  app.route(
    prefix,
    createTasksApp(tasks, { ...routerOptions, ...streams, webhookSecret: options.webhookSecret }),
  );
}
