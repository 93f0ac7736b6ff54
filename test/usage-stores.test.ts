import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../src/logging/logger.js";
import { type Database, openDatabase } from "../src/storage/postgres/index.js";
import { PgUsageStore } from "../src/usage/pg-usage-store.js";
import { aggregateUsage, type UsageQuery, usageGroupings } from "../src/usage/usage-aggregate.js";
import { UsageColumns } from "../src/usage/usage-columns.js";
import { segmentName } from "../src/usage/usage-log.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";
import { fileUsageStore, type UsageStore } from "../src/usage/usage-store.js";
import { useDatabases } from "./support/postgres.js";
import { sampleUsageRecords } from "./support/usage-records.js";

const start = Date.UTC(2026, 0, 28);
const everything = { from: 0, to: Date.UTC(2027, 0, 1) };

/** The queries `/v1/usage` and budgets ask: every grouping, with and without filters. */
const queries: UsageQuery[] = usageGroupings.flatMap((groupBy) => [
  { ...everything, groupBy },
  { from: start + 86_400_000, to: start + 5 * 86_400_000, groupBy },
  { ...everything, projectId: "beta", groupBy },
  { ...everything, model: "claude-sonnet-4-5", groupBy },
  { ...everything, model: "openai/gpt-5", projectId: "alpha", groupBy },
  { ...everything, projectId: "nobody", groupBy },
]);

/** A fresh place for usage records, stores opened on it, and a way to damage one record. */
interface Backend {
  open(logger?: ReturnType<typeof createLogger>): UsageStore;
  /** Stores one unreadable record where the store reads. */
  damage(): Promise<void>;
}

const tempDir = useTempDirs();
const newDatabase = useDatabases();
const databases: Database[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.close()));
});
const quiet = createLogger({ level: "silent" });

async function fileBackend(): Promise<Backend> {
  const dir = await tempDir();
  return {
    open: (logger = quiet) => fileUsageStore(dir, logger),
    async damage() {
      await mkdir(dir, { recursive: true });
      await appendFile(join(dir, segmentName(start)), '["m", "not a record"]\n');
    },
  };
}

async function pgBackend(): Promise<Backend> {
  const database = await openDatabase(await newDatabase());
  databases.push(database);
  return {
    open: (logger = quiet) => new PgUsageStore({ database, logger }),
    async damage() {
      await database.query(
        `INSERT INTO usage_records (writer, seq, at_ms, project_id, line)
         VALUES ('by-hand', 1, 0, 'x', '["m", "not a record"]')`,
      );
    },
  };
}

describe.each([
  ["file", fileBackend],
  ["postgres", pgBackend],
])("usage records in %s", (_name, makeBackend) => {
  it("aggregates exactly what the records give, before and after a reopen", async () => {
    const backend = await makeBackend();
    const records = sampleUsageRecords(400, 7, start);
    const recorder = await UsageRecorder.openStore(backend.open());
    for (const record of records) recorder.add(record);
    const expected = queries.map((query) => aggregateUsage(UsageColumns.from(records), query));
    expect(queries.map((query) => recorder.query(query))).toEqual(expected);
    await recorder.close();

    const reopened = await UsageRecorder.openStore(backend.open());
    expect(reopened.size).toBe(records.length);
    expect(queries.map((query) => reopened.query(query))).toEqual(expected);
    expect(reopened.totals).toEqual(recorder.totals);
    await reopened.close();
  });

  it("loses nothing appended right before a clean stop", async () => {
    const backend = await makeBackend();
    const recorder = await UsageRecorder.openStore(backend.open());
    for (const record of sampleUsageRecords(50, 11, start)) recorder.add(record);
    await recorder.close();
    const reopened = await UsageRecorder.openStore(backend.open());
    expect(reopened.size).toBe(50);
    await reopened.close();
  });

  it("skips and reports an unreadable record, keeping the others", async () => {
    const backend = await makeBackend();
    const recorder = await UsageRecorder.openStore(backend.open());
    for (const record of sampleUsageRecords(10, 12, start)) recorder.add(record);
    await recorder.close();
    await backend.damage();
    const warnings: string[] = [];
    const logger = createLogger({ level: "warn", write: (line) => warnings.push(line) });
    const reopened = await UsageRecorder.openStore(backend.open(logger), { logger });
    expect(reopened.size).toBe(10);
    expect(warnings.join("\n")).toMatch(/skipped unreadable.*skipped=1/);
    await reopened.close();
  });
});
