import { describe, expect, it, vi } from "vitest";
import { readJson } from "#test-support/json.js";
import { parsePrometheusText } from "#test-support/prometheus-text.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { createLogger, silentLogger } from "../src/logging/logger.js";
import { aggregateUsage } from "../src/usage/usage-aggregate.js";
import { createUsageApp } from "../src/usage/usage-app.js";
import { usageStoreFor } from "../src/usage/usage-backend.js";
import { UsageColumns } from "../src/usage/usage-columns.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";
import { type TestClusterNode, useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { sampleUsageRecords } from "./support/usage-records.js";

const newDatabase = useDatabases();
// Declared before the nodes, so each test's nodes stop before their directories go.
const tempDir = useTempDirs();
const joinNode = useClusterNodes();
const start = Date.UTC(2026, 2, 1);
const now = Date.UTC(2026, 2, 20);
const cents = (usd: number) => Math.round(usd * 100);

function recorderOn(node: TestClusterNode, logger = silentLogger): Promise<UsageRecorder> {
  const store = usageStoreFor({ cluster: node, dir: "/nonexistent", persist: true, logger });
  return UsageRecorder.openStore(store, { logger });
}

describe("usage records shared by the nodes of a cluster", () => {
  it("answers /v1/usage with every node's records, the same on each node", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const [usageA, usageB] = [await recorderOn(a), await recorderOn(b)];
    const onA = sampleUsageRecords(300, 1, start);
    const onB = sampleUsageRecords(200, 2, start);
    for (const record of onA) usageA.add(record);
    for (const record of onB) usageB.add(record);
    await Promise.all([usageA.flush(), usageB.flush()]);

    const expected = aggregateUsage(UsageColumns.from([...onA, ...onB]), {
      from: now - 30 * 86_400_000,
      to: now,
      groupBy: "project",
    });
    for (const usage of [usageA, usageB]) {
      const app = createUsageApp(usage, { now: () => now });
      const body = await readJson(await app.request("/usage?groupBy=project"));
      expect(body.totals.messages).toBe(expected.totals.messages);
      expect(body.totals.runs.count).toBe(expected.totals.runs.count);
      expect(body.totals.tools.calls).toBe(expected.totals.tools.calls);
      expect(body.totals.tokens).toEqual(expected.totals.tokens);
      expect(cents(body.totals.cost.total)).toBe(cents(expected.totals.cost.total));
      expect(body.groups.map((row: { key: string }) => row.key)).toEqual(
        expected.groups.map((row) => row.key),
      );
      for (const [i, row] of expected.groups.entries()) {
        expect(cents(body.groups[i].cost.total)).toBe(cents(row.cost.total));
        expect(body.groups[i].runs.durationMs).toEqual(row.runs.durationMs);
      }
    }
    expect(usageA.size).toBe(500);
    expect(usageB.size).toBe(500);
    await Promise.all([usageA.close(), usageB.close()]);
  });

  it("brings another node's records to budgets and metrics by notification, without asking", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const [usageA, usageB] = [await recorderOn(a), await recorderOn(b)];
    const records = sampleUsageRecords(40, 3, start);
    for (const record of records) usageA.add(record);
    const spent = () =>
      usageB.query({ from: 0, to: now, projectId: "alpha", groupBy: "project" }).totals;
    const expected = aggregateUsage(UsageColumns.from(records), {
      from: 0,
      to: now,
      projectId: "alpha",
      groupBy: "project",
    }).totals;
    await vi.waitFor(() => expect(spent().messages).toBe(expected.messages), { timeout: 5000 });
    expect(cents(spent().cost.total)).toBe(cents(expected.cost.total));
    const costOnB = [...usageB.totals.models.values()].reduce((sum, m) => sum + m.costUsd, 0);
    const costOnA = [...usageA.totals.models.values()].reduce((sum, m) => sum + m.costUsd, 0);
    expect(cents(costOnB)).toBe(cents(costOnA));
    await Promise.all([usageA.close(), usageB.close()]);
  });

  it("keeps what a crashed node stored, for the survivors and for nodes joining later", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const [usageA, usageB] = [await recorderOn(a), await recorderOn(b)];
    for (const record of sampleUsageRecords(60, 4, start)) usageA.add(record);
    await usageA.flush();
    await a.crash();
    await usageB.sync();
    expect(usageB.size).toBe(60);
    const c = await joinNode(url, { nodeId: "c" });
    const usageC = await recorderOn(c);
    expect(usageC.size).toBe(60);
    await Promise.all([usageB.close(), usageC.close()]);
  });

  it("retries a batch the database refused, storing each record once", async () => {
    const url = await newDatabase();
    const a = await joinNode(url, { nodeId: "a" });
    const warnings: string[] = [];
    const logger = createLogger({ level: "warn", write: (line) => warnings.push(line) });
    const usage = await recorderOn(a, logger);
    await a.database.query(`
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON usage_records EXECUTE FUNCTION refuse();
    `);
    for (const record of sampleUsageRecords(20, 5, start)) usage.add(record);
    await usage.flush();
    expect(warnings.join("\n")).toMatch(/usage records: store failed.*disk full/);
    for (const record of sampleUsageRecords(5, 6, start)) usage.add(record);
    await a.database.query("DROP TRIGGER refuse ON usage_records");
    await usage.close();
    const { rows } = await a.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM usage_records",
    );
    expect(rows[0]?.n).toBe(25);
    const reopened = await recorderOn(a);
    expect(reopened.size).toBe(25);
    await reopened.close();
  });
});

describe("usage on a cluster, through the whole app", () => {
  it("reports every node's records in /v1/usage and /metrics on either node", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const appA = await createTestApp(await tempDir(), { apiToken: "tok" }, { cluster: a });
    const appB = await createTestApp(await tempDir(), { apiToken: "tok" }, { cluster: b });
    const recent = Date.now() - 86_400_000;
    const onA = sampleUsageRecords(30, 8, recent - 3 * 86_400_000);
    const onB = sampleUsageRecords(20, 9, recent - 3 * 86_400_000);
    for (const record of onA) appA.services.usage.add(record);
    for (const record of onB) appB.services.usage.add(record);
    await Promise.all([appA.services.usage.flush(), appB.services.usage.flush()]);
    const expected = aggregateUsage(UsageColumns.from([...onA, ...onB]), {
      from: 0,
      to: Date.now(),
      groupBy: "model",
    }).totals;

    const costs: number[] = [];
    for (const { call } of [appA, appB]) {
      const body = await readJson(await call("GET", "/v1/usage?groupBy=model", { token: "tok" }));
      expect(body.totals.messages).toBe(expected.messages);
      expect(body.totals.tokens.total).toBe(expected.tokens.total);
      expect(cents(body.totals.cost.total)).toBe(cents(expected.cost.total));
      const metrics = await (await call("GET", "/metrics", { token: "tok" })).text();
      const samples = parsePrometheusText(metrics).get("pi_cost_usd_total")?.samples ?? [];
      costs.push(samples.reduce((sum, sample) => sum + sample.value, 0));
    }
    expect(cents(costs[0] ?? 0)).toBe(cents(expected.cost.total));
    expect(cents(costs[1] ?? 0)).toBe(cents(expected.cost.total));
    for (const { services } of [appA, appB]) {
      await services.stop();
      await services.close();
    }
  });
});
