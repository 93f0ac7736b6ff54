import { z } from "@hono/zod-openapi";
import { defineRoute } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import { type MetricsRegistry, prometheusContentType } from "./metrics-registry.js";

export const metricsRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/metrics",
  operationId: "metrics.get",
  tags: ["Metrics"],
  summary: "Server metrics in the Prometheus text format",
  description: [
    "Prometheus text exposition format 0.0.4: HTTP requests by method, route pattern and status;",
    "projects, runtimes, live sessions, SSE subscribers and active runs; runs by outcome;",
    "assistant messages, tokens and cost by provider and model; tool executions by tool and",
    "outcome. Usage counters come from the durable usage log, so they survive restarts.",
    "Requires the bearer token when the server has one.",
  ].join(" "),
  responses: {
    200: {
      description: "The metrics.",
      content: {
        [prometheusContentType]: {
          schema: z.string().openapi({
            example:
              '# HELP pi_runs_total Agent runs finished, by outcome.\n# TYPE pi_runs_total counter\npi_runs_total{outcome="succeeded"} 3\n',
          }),
        },
      },
    },
    ...problemResponses(401),
  },
});

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const metricsRoutes = [metricsRoute] as const;

/**
 * `GET /metrics` over `metrics`, ready to mount at the root of any host (Prometheus
 * expects `/metrics`). Protect it like the API: the label values name projects' models
 * and tools.
 *
 * @example
 * app.use("/metrics", bearerAuth({ token }));
 * app.route("/", createMetricsApp(metrics));
 */
export function createMetricsApp(metrics: MetricsRegistry, options: RouterOptions = {}) {
  const app = createRouter(options);
  app.openapi(metricsRoute, (c) =>
    c.text(metrics.render(), 200, { "content-type": prometheusContentType }),
  );
  return app;
}
