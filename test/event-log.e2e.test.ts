import { describe, expect, it } from "vitest";
import { range } from "#test-support/event-logs.js";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { openFileEventLog } from "../src/storage/index.js";

describe("event log under SIGKILL", () => {
  const tempDir = useTempDirs();

  it("keeps every event appended before the killed tick ended, and goes on after it", async () => {
    const dir = await tempDir();
    let confirmed = 0;
    for (let round = 0; round < 5; round++) {
      const proc = runTs("test/fixtures/append-events-forever.ts", { args: [dir] });
      const [, resumed] = await waitForOutput(proc, /ready (\d+)/);
      expect(Number(resumed)).toBeGreaterThanOrEqual(confirmed);
      await waitForOutput(proc, /appended/);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      proc.child.kill("SIGKILL");
      expect(await proc.exited).toBe("SIGKILL");
      const reported = [...proc.output().matchAll(/appended (\d+)/g)].at(-1)?.[1];
      confirmed = Math.max(confirmed, Number(reported));

      const log = openFileEventLog(dir, { segmentBytes: 64 * 1024 });
      try {
        expect(log.lastId).toBeGreaterThanOrEqual(confirmed);
        const page = await log.readAfter(0, log.lastId);
        expect(page.events.map((event) => event.id)).toEqual(range(1, log.lastId));
        for (const event of page.events) {
          expect(JSON.parse(event.data)).toMatchObject({ type: "note", id: event.id });
        }
      } finally {
        await log.close();
      }
    }
    expect(confirmed).toBeGreaterThan(0);
  }, 120_000);
});
