import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clockStart, range, recordBytes, sizedEvent } from "#test-support/event-logs.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { resolveRetention } from "./event-log.js";
import { segmentFileName } from "./event-log-format.js";
import { openFileEventLog } from "./file-event-log.js";
import { sweepFileLogs } from "./file-log-sweep.js";

const tenPerSegment = { segmentBytes: 10 * recordBytes };
const aWeekLater = clockStart + 7 * 24 * 3_600_000 + 1;

/** A closed log in `dir` of events 1001..`last`, stamped at `clockStart`. */
async function closedLog(dir: string, last: number): Promise<void> {
  const log = openFileEventLog(dir, { ...tenPerSegment, now: () => clockStart });
  for (const id of range(1001, last)) log.append(sizedEvent(id));
  await log.close();
}

const sweepAt = (now: number) => ({
  retention: resolveRetention({}),
  now: () => now,
  pruneOpen: () => undefined,
});

describe("sweepFileLogs", () => {
  const tempDir = useTempDirs("log-sweep-test-");

  it("keeps the newest event when a crash left an empty segment after it", async () => {
    const root = await tempDir();
    const dir = join(root, "demo", "s1.events");
    await closedLog(dir, 1020);
    writeFileSync(join(dir, segmentFileName(1021)), "");
    expect(await sweepFileLogs(root, sweepAt(aWeekLater))).toBe(1);
    expect(readdirSync(dir)).toEqual([segmentFileName(1011), segmentFileName(1021)]);
    const reopened = openFileEventLog(dir, { ...tenPerSegment, now: () => clockStart });
    expect([reopened.oldestId, reopened.lastId]).toEqual([1011, 1020]);
    await reopened.close();
  });

  it("finds logs at any depth it looks, leaves other files alone, and skips what is fresh", async () => {
    const root = await tempDir();
    const deep = join(root, "a", "b", "c.events");
    const fresh = join(root, "fresh.events");
    await closedLog(deep, 1025);
    await closedLog(fresh, 1025);
    writeFileSync(join(root, "a", "notes.jsonl"), "{}\n");
    mkdirSync(join(root, "empty"));
    expect(await sweepFileLogs(join(root, "a"), sweepAt(aWeekLater))).toBe(1);
    expect(readdirSync(deep)).toEqual([segmentFileName(1021)]);
    expect(readdirSync(fresh)).toHaveLength(3);
    expect(readdirSync(join(root, "a")).sort()).toEqual(["b", "notes.jsonl"]);
    expect(await sweepFileLogs(root, sweepAt(clockStart + 1000))).toBe(0);
    expect(readdirSync(fresh)).toHaveLength(3);
  });
});
