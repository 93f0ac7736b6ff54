import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { parsePrometheusText, sampleValue } from "#test-support/prometheus-text.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp, type TestApp } from "#test-support/test-app.js";

const scrape = async (call: TestApp["call"], token?: string) => {
  const response = await call("GET", "/metrics", token === undefined ? {} : { token });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
};

const requests = "pi_http_requests_total";

describe("GET /metrics", () => {
  const tempDir = useTempDirs();

  describe("happy", () => {
    it("serves the Prometheus text format with the server's families", async () => {
      const { call, registry } = await createTestApp(await tempDir());
      await registry.createProject({ name: "one" });
      const response = await call("GET", "/metrics");
      expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      const families = parsePrometheusText(await response.text());
      for (const name of [
        "pi_projects",
        "pi_runtimes",
        "pi_live_sessions",
        "pi_sse_subscribers",
        "pi_active_runs",
        "pi_runs_total",
        "pi_tokens_total",
        "pi_cost_usd_total",
        "pi_tool_executions_total",
        "process_resident_memory_bytes",
      ]) {
        expect(families.has(name), name).toBe(true);
      }
      expect(sampleValue(families, "pi_projects")).toBe(1);
      expect(families.get("pi_runs_total")?.type).toBe("counter");
    });

    it("counts requests by route pattern and status, never by raw path", async () => {
      const { call, registry } = await createTestApp(await tempDir());
      await registry.createProject({ name: "alpha" });
      await call("GET", "/v1/projects/alpha");
      await call("GET", "/v1/projects/alpha");
      await call("GET", "/v1/projects/ghost");
      await call("GET", "/no/such/thing-12345");
      const families = await scrape(call);
      const route = "/v1/projects/:id";
      expect(sampleValue(families, requests, { method: "GET", route, status: "200" })).toBe(2);
      expect(sampleValue(families, requests, { method: "GET", route, status: "404" })).toBe(1);
      expect(sampleValue(families, requests, { route: "unmatched", status: "404" })).toBe(1);
      const labels = families.get(requests)?.samples.map((sample) => sample.labels.route);
      expect(labels?.some((label) => label?.includes("alpha") || label?.includes("12345"))).toBe(
        false,
      );

      await call("GET", "/v1/projects/alpha");
      const after = await scrape(call);
      expect(sampleValue(after, requests, { method: "GET", route, status: "200" })).toBe(3);
      expect(sampleValue(after, requests, { route: "/metrics", status: "200" })).toBe(1);
    });

    it("reports usage totals from the recorder and takes collectors added later", async () => {
      const { call, services } = await createTestApp(await tempDir());
      const { usage, metrics } = services;
      usage.add({
        kind: "message",
        at: Date.now(),
        projectId: "p",
        sessionId: "s",
        taskId: null,
        provider: "prov",
        model: "m1",
        tokens: { input: 10, output: 5, cacheRead: 2, cacheWrite: 1, total: 18 },
        cost: { input: 0.1, output: 0.2, cacheRead: 0, cacheWrite: 0, total: 0.3 },
        stopReason: "stop",
        error: null,
      });
      metrics.gauge("host_queue_depth", "A host's own gauge.", () => [
        { labels: { queue: "mail" }, value: 4 },
      ]);
      const families = await scrape(call);
      const model = { provider: "prov", model: "m1" };
      expect(sampleValue(families, "pi_tokens_total", { ...model, kind: "input" })).toBe(10);
      expect(sampleValue(families, "pi_tokens_total", { ...model, kind: "cache_read" })).toBe(2);
      expect(sampleValue(families, "pi_cost_usd_total", model)).toBeCloseTo(0.3);
      expect(
        sampleValue(families, "pi_assistant_messages_total", { ...model, stop_reason: "stop" }),
      ).toBe(1);
      expect(sampleValue(families, "host_queue_depth", { queue: "mail" })).toBe(4);
      expect(sampleValue(families, "pi_tasks", { status: "pending" })).toBe(0);
      expect(sampleValue(families, "pi_tasks", { status: "running" })).toBe(0);
    });
  });

  describe("errors", () => {
    it("does not serve other methods", async () => {
      const { call } = await createTestApp(await tempDir());
      const response = await call("POST", "/metrics");
      expect(response.status).toBe(404);
      expect((await readJson(response)).code).toBe("NOT_FOUND");
    });
  });

  describe("security", () => {
    it("requires the bearer token when one is set, and counts refused requests", async () => {
      const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
      const missing = await call("GET", "/metrics");
      expect(missing.status).toBe(401);
      expect((await readJson(missing)).code).toBe("UNAUTHORIZED");
      expect((await call("GET", "/metrics", { token: "nope" })).status).toBe(401);
      const families = await scrape(call, "tok");
      expect(sampleValue(families, requests, { route: "/metrics", status: "401" })).toBe(2);
    });
  });
});
