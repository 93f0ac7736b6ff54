import { afterAll, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { silentLogger } from "../src/logging/logger.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { PgUsageStore } from "../src/usage/pg-usage-store.js";
import { aggregateUsage, type UsageQuery, usageGroupings } from "../src/usage/usage-aggregate.js";
import { UsageColumns } from "../src/usage/usage-columns.js";
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

describe.each([
  ["file", () => useFileStores()],
  ["postgres", () => usePgStores()],
])("usage records in %s", (_name, useStores) => {
  const newStore = useStores();

  it("aggregates exactly what the records give, before and after a reopen", async () => {
    const location = await newStore.location();
    const records = sampleUsageRecords(400, 7, start);
    const recorder = await UsageRecorder.openStore(newStore.open(location));
    for (const record of records) recorder.add(record);
    const expected = queries.map((query) => aggregateUsage(UsageColumns.from(records), query));
    expect(queries.map((query) => recorder.query(query))).toEqual(expected);
    await recorder.close();

    const reopened = await UsageRecorder.openStore(newStore.open(location));
    expect(reopened.size).toBe(records.length);
    expect(queries.map((query) => reopened.query(query))).toEqual(expected);
    expect(reopened.totals).toEqual(recorder.totals);
    await reopened.close();
  });

  it("loses nothing appended right before a clean stop", async () => {
    const location = await newStore.location();
    const recorder = await UsageRecorder.openStore(newStore.open(location));
    const records = sampleUsageRecords(50, 11, start);
    for (const record of records) recorder.add(record);
    await recorder.close();
    const reopened = await UsageRecorder.openStore(newStore.open(location));
    expect(reopened.size).toBe(50);
    await reopened.close();
  });
});

interface StoreFactory {
  location(): Promise<string>;
  open(location: string): UsageStore;
}

function useFileStores(): StoreFactory {
  const tempDir = useTempDirs();
  return { location: tempDir, open: (dir) => fileUsageStore(dir, silentLogger) };
}

function usePgStores(): StoreFactory {
  const newDatabase = useDatabases();
  const databases: { close(): Promise<void> }[] = [];
  afterAllClose(databases);
  const byUrl = new Map<string, Awaited<ReturnType<typeof openDatabase>>>();
  return {
    async location() {
      const url = await newDatabase();
      const database = await openDatabase(url);
      databases.push(database);
      byUrl.set(url, database);
      return url;
    },
    open(url) {
      const database = byUrl.get(url);
      if (!database) throw new Error(`no database for ${url}`);
      return new PgUsageStore({ database, logger: silentLogger });
    },
  };
}

function afterAllClose(databases: { close(): Promise<void> }[]): void {
  afterAll(async () => {
    await Promise.all(databases.splice(0).map((database) => database.close()));
  });
}
