import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clockStart, range, recordBytes, sizedEvent } from "#test-support/event-logs.js";
import { parsePrometheusText } from "#test-support/prometheus-text.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { silentLogger } from "../logging/logger.js";
import { fileEventLogs } from "../storage/index.js";
import type { UsageRecord } from "../usage/usage-records.js";
import { workspaceLayout } from "../workspace/layout.js";
import { createServices, type Services, type ServicesOptions } from "./services.js";

const record: UsageRecord = {
  kind: "run",
  at: Date.parse("2026-01-15T10:00:00Z"),
  projectId: "demo",
  sessionId: "s1",
  taskId: "t1",
  provider: "prov",
  model: "m1",
  durationMs: 1200,
  outcome: "succeeded",
};

describe("createServices", () => {
  const tempDir = useTempDirs();
  const built: Services[] = [];
  afterEach(async () => {
    for (const services of built.splice(0)) {
      await services.stop();
      await services.close();
    }
  });
  const build = async (options: Partial<ServicesOptions> & { workspaceDir: string }) => {
    const services = await createServices({ logger: silentLogger, version: "t", ...options });
    built.push(services);
    return services;
  };

  it("shares one org between credentials and runtimes", async () => {
    const services = await build({ workspaceDir: await tempDir() });
    expect(services.runtimes.org).toBe(services.credentials.org);
    await services.registry.createProject({ name: "Demo" });
    expect(services.runtime("demo").projectId).toBe("demo");
    expect(() => services.runtime("ghost")).toThrow(/ghost/);
  });

  it("registers the server, usage and task metrics before any app is built", async () => {
    const services = await build({ workspaceDir: await tempDir() });
    services.usage.add(record);
    const families = parsePrometheusText(services.metrics.render());
    for (const name of ["pi_projects", "pi_live_sessions", "pi_runs_total", "pi_tasks"]) {
      expect(families.has(name), name).toBe(true);
    }
    expect(families.has("pi_http_requests_total")).toBe(false);
  });

  it("trims by age, soon after start, the event logs of sessions nobody opens", async () => {
    const workspaceDir = await tempDir();
    const dir = join(workspaceLayout(workspaceDir).sessionsRoot, "demo", "s1.events");
    // Two segments written long ago (the test clock starts in 1970).
    const old = fileEventLogs({}, { segmentBytes: 5 * recordBytes, now: () => clockStart });
    const log = await old.open(dir);
    for (const id of range(1001, 1010)) {
      log.append(sizedEvent(id));
      if (id % 5 === 0) await log.flush();
    }
    await log.close();
    expect(await readdir(dir)).toHaveLength(2);
    await build({ workspaceDir, eventLogSweep: { firstAfterMs: 1 } });
    await vi.waitFor(async () => expect(await readdir(dir)).toHaveLength(1), { timeout: 5000 });
    expect(await old.lastId(dir)).toBe(1010);
  });

  it("keeps usage across restarts unless told to keep it in memory", async () => {
    const workspaceDir = await tempDir();
    const first = await build({ workspaceDir });
    first.usage.add(record);
    await first.stop();
    await first.close();
    expect((await build({ workspaceDir })).usage.size).toBe(1);

    const memoryDir = await tempDir();
    const inMemory = await build({ workspaceDir: memoryDir, persistUsage: false });
    inMemory.usage.add(record);
    await inMemory.usage.flush();
    expect(await readdir(inMemory.registry.layout.globalDir)).not.toContain("usage");
  });
});
