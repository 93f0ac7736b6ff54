import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { auditRequests } from "../access/audit-requests.js";
import { authenticate } from "../access/authenticate.js";
import { authenticatedCallerOf, openCaller, setCaller } from "../access/caller.js";
import { enforceRoles } from "../access/route-policy.js";
import { ConsoleAssets, createConsoleApp } from "../console/index.js";
import { buildOpenApiDocument, registerSharedComponents } from "../contract/openapi-document.js";
import { createDocsApp } from "../docs/docs-app.js";
import { limitBody } from "../http/body-limit.js";
import { notFoundHandler } from "../http/error-handler.js";
import { hostCheck } from "../http/host-check.js";
import { noSniff } from "../http/no-sniff.js";
import { originCheck } from "../http/origin-check.js";
import { rejectTraversalPaths } from "../http/path-guard.js";
import { problemFor, problemResponse } from "../http/problem.js";
import { createRouter } from "../http/router.js";
import { enforceIdempotency } from "../idempotency/index.js";
import { httpMetrics } from "../metrics/http-metrics.js";
import { isTaskWebhookRequest } from "../tasks/index.js";
import { claimsForwarded, clusterRouting, isForwarded } from "./cluster-routing.js";
import { type MountOptions, mountRouters, routePolicy } from "./routers.js";
import type { Services } from "./services.js";

/** HTTP policy of the standalone app; the services come built. */
export interface CreateAppOptions extends Omit<MountOptions, "prefix"> {
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
  /** Directory of the built web console served at `/ui/`. Default: this package's `dist/ui`. */
  consoleDir?: string | undefined;
  /** Largest accepted request body in bytes. Default 10 MiB. */
  maxBodyBytes?: number;
}

/**
 * The complete server application over `services`: `/v1` routes behind Host, Origin,
 * auth, body and CORS policy, plus `/metrics`, `/openapi.json`, Swagger UI at `/docs`
 * (served offline from `swagger-ui-dist`) and the web console at `/ui/`. Every response carries
 * `X-Content-Type-Options: nosniff`. It builds no service; call it once per `Services`.
 *
 * @example
 * const services = await createServices({ workspaceDir: "/srv/workspace" });
 * serve({ fetch: createApp(services, { apiToken: "s3cret" }).fetch, port: 4001 });
 */
export function createApp(services: Services, options: CreateAppOptions = {}) {
  const { logger, version, metrics, streamTickets } = services;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const app = createRouter({ logger });
  app.notFound(notFoundHandler);
  registerSharedComponents(app);
  app.use("*", noSniff());
  app.use("*", httpMetrics(metrics, { roleOf: (c) => authenticatedCallerOf(c)?.role }));
  const hosts = hostCheck({
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}),
  });
  const routing =
    services.cluster && services.owners
      ? clusterRouting({
          cluster: services.cluster,
          registry: services.registry,
          owners: services.owners,
        })
      : undefined;
  // A request from another node names that node's URL; its signature is checked below.
  const fromNode = (c: Context) => routing && c.req.path.startsWith("/v1/") && claimsForwarded(c);
  app.use("*", (c, next) => (fromNode(c) ? next() : hosts(c, next)));
  app.use("*", rejectTraversalPaths());

  if (options.corsOrigins && options.corsOrigins.length > 0) {
    const allowed = new Set(options.corsOrigins);
    app.use(
      "*",
      cors({
        origin: (origin) => (allowed.has("*") || allowed.has(origin) ? origin : null),
        allowHeaders: ["Authorization", "Content-Type", "Last-Event-ID", "Idempotency-Key"],
        exposeHeaders: ["Idempotent-Replayed"],
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        maxAge: 600,
      }),
    );
  }
  app.use("*", originCheck({ corsOrigins: options.corsOrigins ?? [] }));
  app.use(
    "*",
    limitBody(maxBodyBytes, () =>
      problemResponse(
        problemFor("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${maxBodyBytes} bytes`),
      ),
    ),
  );
  const policy = routePolicy("/v1");
  // A forwarded request is audited by the node it first reached.
  const audited = auditRequests(services.audit, policy, logger, isForwarded);
  app.use("/v1/*", audited);
  app.use("/metrics", audited);
  if (routing) {
    app.use("/v1/*", routing.acceptForwarded);
    app.use("/v1/*", routing.refusePublic);
  }
  if (options.apiToken !== undefined) {
    const apiAuth = authenticate({
      bootstrapToken: options.apiToken,
      tokens: services.tokens,
      tickets: streamTickets,
    });
    // The task webhook authenticates with WEBHOOK_SECRET instead, inside the tasks router.
    app.use("/v1/*", (c, next) =>
      isTaskWebhookRequest(c.req.method, c.req.path, "/v1") || isForwarded(c)
        ? next()
        : apiAuth(c, next),
    );
    app.use("/metrics", apiAuth);
  } else {
    // Auth off: every caller is the open admin, so the audit log and the per-role
    // metrics name it (`anonymous`, `admin`) rather than an unauthenticated caller.
    const open: MiddlewareHandler = (c, next) => {
      const skip = isTaskWebhookRequest(c.req.method, c.req.path, "/v1") || isForwarded(c);
      if (!skip) setCaller(c, openCaller);
      return next();
    };
    app.use("/v1/*", open);
    app.use("/metrics", open);
  }
  const enforced = enforceRoles(policy);
  app.use("/v1/*", enforced);
  app.use("/metrics", enforced);
  if (routing) {
    app.use("/v1/*", routing.followOtherNodes);
    app.use("/v1/projects/*", routing.routeToOwner);
  }
  app.use("/v1/*", enforceIdempotency(services.idempotency));

  // The API always sits under /v1 here: auth above and the document assume it.
  mountRouters(app, services, { ...options, prefix: "/v1" });

  let document: string | undefined;
  app.get("/openapi.json", (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(app, version));
    return c.body(document, 200, { "content-type": "application/json" });
  });
  app.route("/", createDocsApp({ logger }));
  app.route("/", createConsoleApp({ logger, assets: new ConsoleAssets(options.consoleDir) }));
  return app;
}
