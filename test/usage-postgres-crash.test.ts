import { describe, expect, it } from "vitest";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { silentLogger } from "../src/logging/logger.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { PgUsageStore } from "../src/usage/pg-usage-store.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();

describe("usage records in PostgreSQL under SIGKILL", () => {
  it("keeps every flushed record, whole and once, across killed writers", async () => {
    const url = await newDatabase();
    let confirmed = 0;
    for (let round = 0; round < 3; round++) {
      const proc = runTs("test/fixtures/record-usage-to-postgres.ts", { args: [url] });
      const [, loaded] = await waitForOutput(proc, /ready (\d+)/);
      expect(Number(loaded)).toBeGreaterThanOrEqual(confirmed);
      await waitForOutput(proc, /flushed/);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      proc.child.kill("SIGKILL");
      expect(await proc.exited).toBe("SIGKILL");
      const flushed = [...proc.output().matchAll(/flushed (\d+)/g)].at(-1)?.[1];
      confirmed = Math.max(confirmed, Number(flushed));

      const database = await openDatabase(url);
      const reloaded = await UsageRecorder.openStore(
        new PgUsageStore({ database, logger: silentLogger }),
      );
      expect(reloaded.size).toBeGreaterThanOrEqual(confirmed);
      expect(reloaded.size % 200).toBe(0);
      const totals = reloaded.query({ from: 0, to: Date.now() + 1, groupBy: "project" }).totals;
      expect(totals.messages).toBe(reloaded.size);
      expect(totals.cost.total).toBe(reloaded.size / 4);
      await reloaded.close();
      await database.close();
    }
    expect(confirmed).toBeGreaterThan(0);
  }, 120_000);
});
