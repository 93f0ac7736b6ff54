import { z } from "@hono/zod-openapi";
import { nodeRoles } from "../config/index.js";
import { defineRoute } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import type { SandboxStatus } from "../sandbox/index.js";
import type { RuntimeStats } from "../sessions/index.js";

export const SandboxStatusSchema = z
  .object({
    mode: z
      .enum(["bwrap", "none"])
      .describe(
        "`bwrap`: agent tools are confined to their working directory by bubblewrap; `none`: unconfined (AGENT_SANDBOX=none).",
      ),
    network: z.boolean().describe("Whether sandboxed commands may use the network."),
    warning: z.string().optional().describe("Present while agent tools run unconfined."),
  })
  .openapi("SandboxStatus");

export const ClusterHealthSchema = z
  .object({
    nodeId: z.string().describe("This node's id (`AGENT_SERVER_NODE_ID`)."),
    role: z.enum(nodeRoles).describe("This node's role (`AGENT_SERVER_ROLE`)."),
    leases: z.number().int().describe("Project leases this node holds: the projects it runs."),
    projects: z.array(z.string()).describe("The ids of the projects this node runs, sorted."),
    heartbeat: z.boolean().describe("Whether this node's last heartbeat reached the database."),
    database: z
      .object({
        ok: z.boolean(),
        latencyMs: z.number().describe("One round trip to the database, just now."),
        error: z.string().optional().describe("Why the round trip failed."),
      })
      .describe("The shared PostgreSQL database as this node reaches it."),
  })
  .openapi("ClusterHealth");

export type ClusterHealth = z.infer<typeof ClusterHealthSchema>;

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string().openapi({ example: "0.1.0" }),
    uptimeSeconds: z.number().openapi({ example: 42.5 }),
    projects: z.number().int().describe("Registered projects."),
    runtimes: z.number().int().describe("Project runtimes in memory."),
    liveSessions: z.number().int().describe("Sessions held in memory."),
    sse: z.object({
      subscribers: z.number().int().describe("Subscribers attached to session event hubs."),
      streams: z
        .record(z.string(), z.number().int())
        .describe(
          "Open SSE responses (each with its heartbeat timer) per channel, e.g. `sessions`.",
        ),
      maxStreams: z
        .number()
        .int()
        .optional()
        .describe(
          "The most streams this process holds open at once over every channel (`SSE_MAX_STREAMS`); one more is refused with 503 `STREAM_LIMIT_REACHED`.",
        ),
      maxStreamsPerToken: z
        .number()
        .int()
        .optional()
        .describe(
          "The most streams one API token holds open at once (`SSE_MAX_STREAMS_PER_TOKEN`).",
        ),
      replayBytes: z
        .object({
          sessions: z
            .number()
            .int()
            .describe(
              "Across every live session; each session's buffer is bounded by `SSE_REPLAY_MAX_BYTES`.",
            ),
          tasks: z
            .number()
            .int()
            .describe("The org-wide task event stream, bounded by `SSE_REPLAY_MAX_BYTES` too."),
        })
        .describe(
          "Bytes of SSE frames held for `Last-Event-ID` replay, per channel. The oldest frames are dropped first; a client that falls behind them gets `replay_gap`.",
        ),
    }),
    sandbox: SandboxStatusSchema,
    cluster: ClusterHealthSchema.optional().describe(
      "Present on a node of a cluster (`STATE_STORE=postgres`, see docs/scale-out.md).",
    ),
  })
  .openapi("Health");

export const healthRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  "x-project-data": "none",
  path: "/healthz",
  operationId: "health.get",
  tags: ["Health"],
  summary: "Liveness and basic server statistics",
  description:
    "Answers 200 while the process serves requests; use it as a liveness probe. Also reports the version, uptime, registered projects, runtimes and live sessions in memory, and open SSE streams per channel, and on a node of a cluster its id, role, the projects it runs and the database's health. Requires the bearer token when the server has one; a `worker` node answers it though it serves no other public route.",
  responses: {
    200: {
      description: "The server is up.",
      content: { "application/json": { schema: HealthSchema } },
    },
    ...problemResponses(401),
  },
});

export interface HealthAppDeps extends RouterOptions {
  version: string;
  /** Default: when the app was built. */
  startedAt?: Date;
  /** Number of registered projects. */
  projectCount: () => number;
  /** Runtimes, live sessions, SSE subscribers and session replay bytes right now. */
  runtimeStats: () => RuntimeStats;
  /** Open SSE streams per channel. Default: none reported. */
  streamStats?: () => Record<string, number>;
  /** The most SSE streams open at once. Default: not reported. */
  maxStreams?: number | undefined;
  /** The most SSE streams one API token holds open at once. Default: not reported. */
  maxStreamsPerToken?: number | undefined;
  /** Bytes the task event stream holds for replay. Default: 0 reported. */
  taskReplayBytes?: () => number;
  /** How agent tools are confined (the runtimes' sandbox, e.g. `runtimes.sandbox`). */
  sandbox: () => SandboxStatus;
  /** This node of a cluster, when it is one. Default: none reported. */
  cluster?: () => Promise<ClusterHealth>;
  /** Clock for uptime. Default `Date.now`. */
  now?: () => number;
}

function stats(deps: HealthAppDeps) {
  const { runtimes, liveSessions, subscribers, replayBytes } = deps.runtimeStats();
  return {
    runtimes,
    liveSessions,
    sse: {
      subscribers,
      streams: deps.streamStats?.() ?? {},
      ...(deps.maxStreams === undefined ? {} : { maxStreams: deps.maxStreams }),
      ...(deps.maxStreamsPerToken === undefined
        ? {}
        : { maxStreamsPerToken: deps.maxStreamsPerToken }),
      replayBytes: { sessions: replayBytes, tasks: deps.taskReplayBytes?.() ?? 0 },
    },
  };
}

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const healthRoutes = [healthRoute] as const;

/** `GET /healthz`, ready to mount under any prefix. */
export function createHealthApp(deps: HealthAppDeps) {
  const startedAt = (deps.startedAt ?? new Date()).getTime();
  const now = deps.now ?? Date.now;
  const app = createRouter(deps);
  app.openapi(healthRoute, async (c) => {
    const cluster = await deps.cluster?.();
    return c.json(
      {
        status: "ok" as const,
        version: deps.version,
        uptimeSeconds: Math.max(0, (now() - startedAt) / 1000),
        projects: deps.projectCount(),
        ...stats(deps),
        sandbox: deps.sandbox(),
        ...(cluster ? { cluster } : {}),
      },
      200,
    );
  });
  return app;
}
