import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Env } from "hono";
import { accessRoutes, createAccessApp } from "../access/access-app.js";
import { RoutePolicy } from "../access/route-policy.js";
import { askUserRoutes, createAskUserApp } from "../ask-user/ask-user-app.js";
import { budgetRoutes, createBudgetsApp } from "../budgets/index.js";
import { registerWireEventComponents } from "../contract/wire-event-schema.js";
import { createCredentialsApp, credentialsRoutes } from "../credentials/credentials-app.js";
import { createHealthApp, healthRoutes } from "../health/health-app.js";
import { defaultPageLimits, type PageLimits } from "../http/pagination.js";
import { describeRoutes } from "../http/route-data.js";
import { createMetricsApp, metricsRoutes } from "../metrics/metrics-app.js";
import { createProjectsApp, projectRoutes } from "../projects/projects-app.js";
import { createSessionsApp, sessionRoutes } from "../sessions/index.js";
import { createTasksApp, registerTaskComponents, taskRoutes } from "../tasks/index.js";
import type { TaskFieldLimits } from "../tasks/tasks-schemas.js";
import { createUsageApp, usageRoutes } from "../usage/usage-app.js";
import { createWebhooksApp, webhookRoutes } from "../webhooks/index.js";
import { clusterHealth } from "./cluster-health.js";
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

type MountedRouter = OpenAPIHono<Env>;

/** How one router is mounted, and what it contributes to the document without services. */
interface RouterEntry {
  /** `api`: under the prefix; `root`: at `/`. */
  at: "api" | "root";
  routes: readonly RouteConfig[];
  /** Components its routes refer to, registered by the router itself when built. */
  components?: (app: MountedRouter) => void;
  build: (services: Services, options: RouterBuildOptions) => MountedRouter;
}

interface RouterBuildOptions extends MountOptions {
  routerOptions: { logger: Services["logger"]; limits: PageLimits & Partial<TaskFieldLimits> };
}

function streamOptions(services: Services, options: MountOptions) {
  return {
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxQueuedFrames === undefined ? {} : { maxQueuedFrames: options.maxQueuedFrames }),
    streamCounter: services.streamCounter,
    streamTickets: services.streamTickets,
    logFollowers: services.logFollowers,
  };
}

/** Every router, in the order the document lists them: the one list of what the API is. */
const routers: readonly RouterEntry[] = [
  {
    at: "api",
    routes: healthRoutes,
    build: (services, { routerOptions }) =>
      createHealthApp({
        ...routerOptions,
        version: services.version,
        projectCount: () => services.registry.size,
        runtimeStats: () => services.runtimes.stats(),
        streamStats: () => services.streamCounter.snapshot(),
        maxStreams: services.streamCounter.max,
        maxStreamsPerToken: services.streamCounter.maxPerToken,
        taskReplayBytes: () => services.tasks.replayBytes,
        sandbox: () => services.runtimes.sandbox,
        ...(services.cluster && services.owners
          ? { cluster: clusterHealth(services.cluster, services.owners) }
          : {}),
      }),
  },
  {
    at: "api",
    routes: projectRoutes,
    build: (services, { routerOptions }) => createProjectsApp(services.registry, routerOptions),
  },
  {
    at: "api",
    routes: credentialsRoutes,
    build: (services, { routerOptions }) =>
      createCredentialsApp(services.credentials, routerOptions),
  },
  {
    at: "api",
    routes: sessionRoutes,
    components: registerWireEventComponents,
    build: (services, options) =>
      createSessionsApp(services.runtime, {
        ...options.routerOptions,
        ...streamOptions(services, options),
      }),
  },
  {
    at: "api",
    routes: usageRoutes,
    build: (services, { routerOptions }) => createUsageApp(services.usage, routerOptions),
  },
  {
    at: "api",
    routes: budgetRoutes,
    build: (services, { routerOptions }) =>
      createBudgetsApp({
        ...routerOptions,
        budgets: services.budgets,
        requireProject: (projectId) => {
          services.registry.require(projectId);
        },
      }),
  },
  {
    at: "root",
    routes: metricsRoutes,
    build: (services, { routerOptions }) => createMetricsApp(services.metrics, routerOptions),
  },
  {
    at: "api",
    routes: askUserRoutes,
    build: (services, { routerOptions }) => createAskUserApp(services.runtime, routerOptions),
  },
  {
    at: "api",
    routes: taskRoutes,
    components: registerTaskComponents,
    build: (services, options) =>
      createTasksApp(services.tasks, {
        ...options.routerOptions,
        ...streamOptions(services, options),
        webhookSecret: options.webhookSecret,
      }),
  },
  {
    at: "api",
    routes: accessRoutes,
    build: (services, { routerOptions }) =>
      createAccessApp({ ...routerOptions, tokens: services.tokens, audit: services.audit }),
  },
  {
    at: "api",
    routes: webhookRoutes,
    build: (services, { routerOptions }) =>
      createWebhooksApp({ ...routerOptions, webhooks: services.webhooks }),
  },
];

/**
 * The access policy over every mounted route, as `mountRouters` mounts them: the roles
 * and project scopes `enforceRoles` checks.
 */
export function routePolicy(prefix = "/v1"): RoutePolicy {
  return new RoutePolicy(
    routers.flatMap((entry) =>
      entry.routes.map((route) => ({ route, prefix: entry.at === "api" ? prefix : "" })),
    ),
  );
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
  const prefix = options.prefix ?? "/v1";
  const routerOptions = { logger: services.logger, limits: options.limits ?? defaultPageLimits };
  for (const entry of routers) {
    app.route(
      entry.at === "api" ? prefix : "/",
      entry.build(services, { ...options, routerOptions }),
    );
  }
}

/**
 * Describes every router's routes on `app` from route data alone (no services, no
 * workspace, no handlers), exactly as `mountRouters` would document them.
 */
export function describeRouters<E extends Env>(app: OpenAPIHono<E>, prefix = "/v1"): void {
  for (const entry of routers) {
    const router: MountedRouter = new OpenAPIHono();
    entry.components?.(router);
    describeRoutes(router, entry.routes);
    app.route(entry.at === "api" ? prefix : "/", router);
  }
}
