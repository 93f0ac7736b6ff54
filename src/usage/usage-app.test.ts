import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { createMetricsApp } from "../metrics/metrics-app.js";
import { MetricsRegistry } from "../metrics/metrics-registry.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import type { ObservedSession } from "./live-runs.js";
import { createUsageApp } from "./usage-app.js";
import { UsageRecorder } from "./usage-recorder.js";

const now = Date.UTC(2026, 4, 10, 12);
const hour = 3_600_000;

function seeded(): UsageRecorder {
  const usage = UsageRecorder.inMemory({ now: () => now });
  const base = { sessionId: "s", taskId: null, provider: "prov" } as const;
  const tokens = (n: number) => ({
    input: n,
    output: n,
    cacheRead: 0,
    cacheWrite: 0,
    total: 2 * n,
  });
  for (const [at, projectId, model, n] of [
    [now - hour, "alpha", "m1", 1],
    [now - 2 * hour, "beta", "m2", 10],
    [now - 40 * 24 * hour, "alpha", "m1", 1000],
  ] as const) {
    usage.add({
      kind: "message",
      ...base,
      at,
      projectId,
      model,
      tokens: tokens(n),
      cost: { ...tokens(n), total: n / 100 },
      stopReason: "stop",
      error: null,
    });
  }
  return usage;
}

describe("GET /v1/usage", () => {
  const tempDir = useTempDirs();

  describe("happy", () => {
    it("defaults to the last 30 days grouped by project", async () => {
      const app = createUsageApp(seeded(), { now: () => now });
      const response = await app.request("/usage");
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body.from).toBe(new Date(now - 30 * 24 * hour).toISOString());
      expect(body.to).toBe(new Date(now).toISOString());
      expect(body.groupBy).toBe("project");
      expect(body.filters).toEqual({ project: null, model: null });
      expect(body.totals.tokens.input).toBe(11);
      expect(body.groups.map((row: { key: string }) => row.key)).toEqual(["alpha", "beta"]);
    });

    it("applies the range, filters and grouping it is given", async () => {
      const app = createUsageApp(seeded(), { now: () => now });
      const from = new Date(now - 50 * 24 * hour).toISOString();
      const body = await readJson(
        await app.request(`/usage?from=${from}&project=alpha&model=prov/m1&groupBy=day`),
      );
      expect(body.filters).toEqual({ project: "alpha", model: "prov/m1" });
      expect(body.totals.tokens.input).toBe(1001);
      expect(body.groups.map((row: { key: string }) => row.key)).toEqual([
        "2026-03-31",
        "2026-05-10",
      ]);
      const offset = encodeURIComponent("2026-05-10T12:30:00+02:00");
      const narrow = await readJson(await app.request(`/usage?to=${offset}&groupBy=model`));
      expect(narrow.to).toBe("2026-05-10T10:30:00.000Z");
      expect(narrow.groups.map((row: { key: string }) => row.key)).toEqual(["prov/m2"]);
    });
  });

  describe("errors", () => {
    it.each([
      ["from=yesterday", "query.from"],
      ["to=2026-13-01T00:00:00Z", "query.to"],
      ["groupBy=week", "query.groupBy"],
      ["project=Not_A_Slug", "query.project"],
      [`model=${"m".repeat(201)}`, "query.model"],
      ["from=2026-05-10T12:00:00Z&to=2026-05-10T12:00:00Z", "query.from"],
      ["from=2026-05-11T00:00:00Z&to=2026-05-10T00:00:00Z", "query.from"],
    ])("rejects %s naming %s", async (query, field) => {
      const response = await createUsageApp(seeded()).request(`/usage?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const body = await readJson(response);
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.errors.map((issue: { path: string }) => issue.path)).toContain(field);
    });
  });

  describe("security", () => {
    it("requires the token when one is set", async () => {
      const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
      expect((await call("GET", "/v1/usage")).status).toBe(401);
      expect((await call("GET", "/v1/usage", { token: "nope" })).status).toBe(401);
      expect((await call("GET", "/v1/usage", { token: "tok" })).status).toBe(200);
    });
  });
});

describe("embedding", () => {
  it("serves the usage and metrics routers under any prefix with their OpenAPI paths", async () => {
    const host = new OpenAPIHono();
    const metrics = new MetricsRegistry();
    metrics.gauge("host_up", "Host is up.", () => 1);
    host.route("/internal", createUsageApp(seeded(), { now: () => now }));
    host.route("/internal", createMetricsApp(metrics));
    const usage = await host.request("/internal/usage?groupBy=model");
    expect(usage.status).toBe(200);
    expect((await readJson(usage)).groups).toHaveLength(2);
    const invalid = await host.request("/internal/usage?groupBy=week");
    expect(invalid.status).toBe(400);
    expect((await readJson(invalid)).code).toBe("VALIDATION_FAILED");
    expect(await (await host.request("/internal/metrics")).text()).toContain("host_up 1");
    const document = host.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "h", version: "1" },
    });
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/internal/agents/live",
      "/internal/metrics",
      "/internal/usage",
    ]);
    expect(document.paths?.["/internal/usage"]?.get?.operationId).toBe("usage.get");
  });
});

describe("GET /v1/agents/live", () => {
  const tempDir = useTempDirs();

  it("lists runs in progress with their usage so far", async () => {
    const usage = UsageRecorder.inMemory({ now: () => now });
    const session = {
      id: "s1",
      status: "streaming",
      isStreaming: true,
      settings: () => ({
        provider: "prov",
        modelId: "m1",
        thinkingLevel: "off",
        availableThinkingLevels: ["off"],
        onBusy: "reject",
      }),
      ui: { pendingCount: 2 },
    } satisfies ObservedSession;
    usage.observe("alpha", session, { type: "agent_start" } as AgentSessionEvent);
    const response = await createUsageApp(usage, { now: () => now }).request("/agents/live");
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      items: [
        {
          projectId: "alpha",
          sessionId: "s1",
          taskId: null,
          status: "streaming",
          provider: "prov",
          modelId: "m1",
          startedAt: new Date(now).toISOString(),
          messages: 0,
          toolCalls: 0,
          tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
          cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
          pendingUiRequests: 2,
        },
      ],
    });
  });

  it("is empty when nothing runs", async () => {
    const { call } = await createTestApp(await tempDir());
    expect(await readJson(await call("GET", "/v1/agents/live"))).toEqual({ items: [] });
  });

  it("requires the token when one is set", async () => {
    const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
    expect((await call("GET", "/v1/agents/live")).status).toBe(401);
    expect((await call("GET", "/v1/agents/live", { token: "tok" })).status).toBe(200);
  });
});
