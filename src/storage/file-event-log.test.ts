import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { access, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clockStart, ids, range, recordBytes, sizedEvent } from "#test-support/event-logs.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import type { EventLog } from "./event-log.js";
import { encodeRecord, segmentFileName } from "./event-log-format.js";
import {
  type FileEventLogOptions,
  openFileEventLog,
  removeFileEventLog,
} from "./file-event-log.js";

describe("file event log", () => {
  const tempDir = useTempDirs("event-log-test-");
  const opened: EventLog[] = [];
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((log) => log.close()));
  });
  const open = (dir: string, options: FileEventLogOptions = {}) => {
    const log = openFileEventLog(dir, { now: () => clockStart, ...options });
    opened.push(log);
    return log;
  };
  const tenPerSegment = { segmentBytes: 10 * recordBytes };
  const filled = async (options: FileEventLogOptions, last: number) => {
    const dir = await tempDir();
    const log = open(dir, options);
    for (const id of range(1001, last)) log.append(sizedEvent(id));
    await log.close();
    return dir;
  };
  const segmentFiles = (dir: string) => readdirSync(dir).sort();
  const newestSegment = (dir: string) => join(dir, segmentFiles(dir).at(-1) as string);

  it("gives the same events and lastId after a reopen, and goes on from there", async () => {
    const dir = await filled(tenPerSegment, 1035);
    const log = open(dir, tenPerSegment);
    expect([log.oldestId, log.lastId]).toEqual([1001, 1035]);
    expect((await log.readAfter(0, 100)).events).toEqual(
      range(1001, 1035).map((id) => sizedEvent(id)),
    );
    expect(() => log.append(sizedEvent(1035))).toThrow(RangeError);
    log.append(sizedEvent(1036));
    await log.close();
    const again = open(dir, tenPerSegment);
    expect(ids(await again.tail(3))).toEqual([1034, 1035, 1036]);
  });

  it("writes batches of any size through its reused buffer, a small one after a large one", async () => {
    const dir = await tempDir();
    const log = open(dir, { segmentBytes: 64 * 1024 * 1024 });
    const big = "é".repeat(20_000); // 40,000 bytes a record: a batch past the reused buffer's 1 MiB
    const batches = [
      range(1, 3).map((id) => sizedEvent(id)),
      range(4, 40).map((id) => sizedEvent(id, big)),
      range(41, 42).map((id) => sizedEvent(id)),
      range(43, 60).map((id) => sizedEvent(id, big.slice(0, 1_000))),
    ];
    for (const batch of batches) {
      for (const event of batch) log.append(event);
      await log.flush();
    }
    await log.close();
    const again = open(dir, { segmentBytes: 64 * 1024 * 1024 });
    expect((await again.readAfter(0, 100)).events).toEqual(batches.flat());
  });

  it("recovers what was written by a log that was never closed", async () => {
    const dir = await tempDir();
    const crashed = open(dir);
    for (const id of range(1, 20)) crashed.append(sizedEvent(id));
    await new Promise((resolve) => setImmediate(resolve));
    const log = open(dir);
    expect(log.lastId).toBe(20);
    expect(ids((await log.readAfter(0, 100)).events)).toEqual(range(1, 20));
  });

  it("creates its directory 0700 and its segments 0600", async () => {
    const dir = join(await tempDir(), "sessions", "s1");
    const log = open(dir);
    log.append(sizedEvent(1));
    await log.flush();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(newestSegment(dir))).mode & 0o777).toBe(0o600);
  });

  const torn: [string, (path: string) => void][] = [
    ["garbage with no newline", (path) => appendFileSync(path, "garbage")],
    [
      "half a record",
      (path) => {
        const line = encodeRecord({ ...sizedEvent(1011), at: clockStart });
        appendFileSync(path, line.slice(0, line.length / 2));
      },
    ],
    [
      "a last record that fails its CRC",
      (path) => {
        const line = encodeRecord({ ...sizedEvent(1011), at: clockStart });
        appendFileSync(path, line.replace('"id":1011', '"id":1012'));
      },
    ],
    ["a line that is no record", (path) => appendFileSync(path, "1011 12 x y z\n")],
  ];
  it.each(torn)("cuts off %s on open and appends after it", async (_name, tear) => {
    const dir = await filled(tenPerSegment, 1010);
    const path = newestSegment(dir);
    const whole = statSync(path).size;
    tear(path);
    const log = open(dir, tenPerSegment);
    expect(statSync(path).size).toBe(whole);
    expect(log.lastId).toBe(1010);
    log.append(sizedEvent(1011));
    await log.close();
    const again = open(dir, tenPerSegment);
    expect(ids((await again.readAfter(0, 100)).events)).toEqual(range(1001, 1011));
  });

  it("cuts the newest segment at a garbled record and drops what follows it", async () => {
    const dir = await filled(tenPerSegment, 1008);
    const path = newestSegment(dir);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace('"id":1005', '"id":1995'));
    const log = open(dir, tenPerSegment);
    expect(log.lastId).toBe(1004);
    expect(ids(await log.tail(10))).toEqual(range(1001, 1004));
  });

  it("falls back to the previous segment when the newest is empty after trimming", async () => {
    const dir = await filled(tenPerSegment, 1020);
    const empty = join(dir, segmentFileName(1021));
    writeFileSync(empty, "1021 12");
    const log = open(dir, tenPerSegment);
    expect(log.lastId).toBe(1020);
    await expect(access(empty)).rejects.toThrow();
    log.append(sizedEvent(1021));
    await log.flush();
    expect(segmentFiles(dir)).toEqual([
      segmentFileName(1001),
      segmentFileName(1011),
      segmentFileName(1021),
    ]);
    expect(ids(await log.tail(2))).toEqual([1020, 1021]);
  });

  it("keeps lastId below the name of a lone segment left empty", async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, segmentFileName(42)), "garbage");
    writeFileSync(join(dir, "notes.txt"), "not a segment");
    const log = open(dir);
    expect([log.oldestId, log.lastId]).toEqual([undefined, 41]);
    expect(() => log.append(sizedEvent(41))).toThrow(RangeError);
    log.append(sizedEvent(45));
    await log.close();
    const again = open(dir);
    expect([again.oldestId, again.lastId]).toEqual([45, 45]);
    expect(segmentFiles(dir)).toEqual([segmentFileName(42), "notes.txt"]);
  });

  it("rolls to a new segment, named by its first id, beyond segmentBytes", async () => {
    const dir = await filled(tenPerSegment, 1035);
    const names = [1001, 1011, 1021, 1031].map(segmentFileName);
    expect(segmentFiles(dir)).toEqual(names);
    const sizes = names.map((name) => statSync(join(dir, name)).size);
    expect(sizes).toEqual([10, 10, 10, 5].map((count) => count * recordBytes));
    const firstIds = readFileSync(join(dir, names[1] as string), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => Number(line.split(" ")[0]));
    expect(firstIds).toEqual(range(1011, 1020));
  });

  it("reads across segment boundaries from any id, before and after a reopen", async () => {
    const dir = await filled({ segmentBytes: 10 * recordBytes }, 1035);
    const log = open(dir, tenPerSegment);
    log.append(sizedEvent(1036));
    for (const reader of [log, open(dir, tenPerSegment)]) {
      const lastId = reader === log ? 1036 : 1035;
      for (let after = 998; after <= 1037; after++) {
        for (const limit of [1, 7, 100]) {
          const expected = range(Math.max(after + 1, 1001), lastId).slice(0, limit);
          expect(ids((await reader.readAfter(after, limit)).events), `${after}/${limit}`).toEqual(
            expected,
          );
        }
      }
      for (const count of [1, 9, 10, 11, 25, 60]) {
        expect(ids(await reader.tail(count))).toEqual(range(1001, lastId).slice(-count));
      }
    }
  });

  it("skips a damaged record of an older segment when reading", async () => {
    const dir = await filled(tenPerSegment, 1015);
    const path = join(dir, segmentFileName(1001));
    writeFileSync(path, readFileSync(path, "utf8").replace('"id":1003', '"id":1993'));
    const log = open(dir, tenPerSegment);
    expect(ids((await log.readAfter(1001, 4)).events)).toEqual([1002, 1004, 1005, 1006]);
  });

  it("applies retention by bytes and by age on open", async () => {
    let now = clockStart;
    const dir = await filled({ ...tenPerSegment, now: () => now }, 1035);
    const bySize = open(dir, { ...tenPerSegment, retention: { maxBytes: 15 * recordBytes } });
    expect([bySize.oldestId, bySize.lastId]).toEqual([1021, 1035]);
    expect(segmentFiles(dir)).toEqual([segmentFileName(1021), segmentFileName(1031)]);
    await bySize.close();

    now += 10_000;
    const byAge = open(dir, { ...tenPerSegment, retention: { maxAgeMs: 5_000 }, now: () => now });
    expect([byAge.oldestId, byAge.lastId]).toEqual([1031, 1035]);
    expect(segmentFiles(dir)).toEqual([segmentFileName(1031)]);
  });

  it("reads again from the new oldest segment when retention removes one mid-read", async () => {
    const options = { ...tenPerSegment, retention: { maxBytes: 20 * recordBytes } };
    const dir = await tempDir();
    const log = open(dir, options);
    let last = 1000;
    for (let round = 0; round < 20; round++) {
      for (const id of range(last + 1, last + 10)) log.append(sizedEvent(id));
      last += 10;
      await log.flush();
      const reading = log.readAfter(0, 1000);
      for (const id of range(last + 1, last + 10)) log.append(sizedEvent(id));
      last += 10;
      const page = await reading;
      const first = page.events[0]?.id as number;
      expect(first).toBeGreaterThanOrEqual(page.oldestId as number);
      expect(ids(page.events)).toEqual(range(first, page.lastId));
    }
  });

  it("keeps a failed write's error and throws it from flush and later appends", async () => {
    const dir = await filled(tenPerSegment, 1010);
    const log = open(dir, tenPerSegment);
    mkdirSync(join(dir, segmentFileName(1011)));
    log.append(sizedEvent(1011));
    await expect(log.flush()).rejects.toThrow(/EISDIR/);
    expect(() => log.append(sizedEvent(1012))).toThrow(/EISDIR/);
    expect(ids((await log.readAfter(1005, 100)).events)).toEqual(range(1006, 1010));
  });

  it("removes a log's directory, and a missing one quietly", async () => {
    const dir = await filled(tenPerSegment, 1012);
    await removeFileEventLog(dir);
    await expect(access(dir)).rejects.toThrow(/ENOENT/);
    await expect(removeFileEventLog(dir)).resolves.toBeUndefined();
  });
});
