import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { sandboxStatus } from "../sandbox/index.js";
import { createHealthApp } from "./health-app.js";

describe("GET /v1/healthz", () => {
  const tempDir = useTempDirs();

  it("reports status, version, uptime and project count", async () => {
    const { call, registry } = await createTestApp(await tempDir());
    await registry.createProject({ name: "one" });
    const response = await call("GET", "/v1/healthz");
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      status: "ok",
      version: "test",
      projects: 1,
      runtimes: 0,
      liveSessions: 0,
      sse: {
        subscribers: 0,
        streams: {},
        maxStreams: 10_000,
        maxStreamsPerToken: 1_000,
        replayBytes: { sessions: 0, tasks: 0 },
      },
      sandbox: { mode: "bwrap", network: true },
    });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(body).not.toHaveProperty("cluster");
  });

  it("reports this node of a cluster: id, role, the projects it runs, the database", async () => {
    const cluster = {
      nodeId: "node-a",
      role: "worker" as const,
      leases: 2,
      projects: ["one", "two"],
      heartbeat: true,
      database: { ok: false, latencyMs: 3.5, error: "connection refused" },
    };
    const app = createHealthApp({
      version: "x",
      projectCount: () => 2,
      runtimeStats: () => ({ runtimes: 0, liveSessions: 0, subscribers: 0, replayBytes: 0 }),
      sandbox: () => ({ mode: "bwrap", network: true }),
      cluster: async () => cluster,
    });
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect((await readJson(response)).cluster).toEqual(cluster);
  });

  it("measures uptime from the start time", async () => {
    let now = 1_000_000;
    const app = createHealthApp({
      version: "x",
      startedAt: new Date(now),
      now: () => now,
      projectCount: () => 0,
      runtimeStats: () => ({ runtimes: 0, liveSessions: 0, subscribers: 0, replayBytes: 0 }),
      sandbox: () => ({ mode: "bwrap", network: true }),
    });
    now += 2500;
    const body = await readJson(await app.request("/healthz"));
    expect(body.uptimeSeconds).toBe(2.5);
  });

  it("reports an unconfined sandbox with its warning", async () => {
    const app = createHealthApp({
      version: "x",
      projectCount: () => 0,
      runtimeStats: () => ({ runtimes: 0, liveSessions: 0, subscribers: 0, replayBytes: 0 }),
      sandbox: () => sandboxStatus({ mode: "none", network: true }),
    });
    const body = await readJson(await app.request("/healthz"));
    expect(body.sandbox).toEqual({
      mode: "none",
      network: true,
      warning: expect.stringContaining("AGENT_SANDBOX=none"),
    });
  });

  it("requires the token when one is set", async () => {
    const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
    expect((await call("GET", "/v1/healthz")).status).toBe(401);
    expect((await call("GET", "/v1/healthz", { token: "nope" })).status).toBe(401);
    expect((await call("GET", "/v1/healthz", { token: "tok" })).status).toBe(200);
  });
});
