import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clockStart, ids, range, recordBytes, sizedEvent } from "#test-support/event-logs.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import type { EventLog, EventLogRetention, LoggedEvent } from "./event-log.js";
import { openFileEventLog } from "./file-event-log.js";
import { MemoryEventLog } from "./memory-event-log.js";

interface LogOptions {
  segmentBytes?: number;
  retention?: EventLogRetention;
  now?: () => number;
}

const implementations: [
  string,
  (options: LogOptions, dir: () => Promise<string>) => Promise<EventLog>,
][] = [
  ["file", async (options, dir) => openFileEventLog(join(await dir(), "log"), options)],
  ["memory", async (options) => new MemoryEventLog(options)],
];

describe.each(implementations)("event log conformance (%s)", (_name, create) => {
  const tempDir = useTempDirs();
  const opened: EventLog[] = [];
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((log) => log.close()));
  });
  const openLog = async (options: LogOptions = {}) => {
    const log = await create(options, tempDir);
    opened.push(log);
    return log;
  };
  const appendAll = (log: EventLog, eventIds: number[]) => {
    for (const id of eventIds) log.append(sizedEvent(id));
  };

  it("is empty before the first append", async () => {
    const log = await openLog();
    expect(log.lastId).toBe(0);
    expect(log.oldestId).toBeUndefined();
    expect(await log.readAfter(0, 10)).toEqual({ events: [], oldestId: undefined, lastId: 0 });
    expect(await log.tail(5)).toEqual([]);
  });

  it("reads events back in order, those not yet written included", async () => {
    const log = await openLog();
    const events = range(1, 5).map((id) => sizedEvent(id));
    for (const event of events) log.append(event);
    expect(await log.readAfter(0, 100)).toEqual({ events, oldestId: 1, lastId: 5 });
    await log.flush();
    log.append(sizedEvent(6));
    const page = await log.readAfter(0, 100);
    expect(page.events).toEqual([...events, sizedEvent(6)]);
    expect([log.oldestId, log.lastId]).toEqual([1, 6]);
  });

  it("reads only events after afterId, at most limit of them", async () => {
    const log = await openLog();
    appendAll(log, [2, 3, 5, 8, 13]);
    await log.flush();
    log.append(sizedEvent(21));
    expect(ids((await log.readAfter(5, 10)).events)).toEqual([8, 13, 21]);
    expect(ids((await log.readAfter(4, 2)).events)).toEqual([5, 8]);
    expect(ids((await log.readAfter(0, 1)).events)).toEqual([2]);
    expect(ids((await log.readAfter(12, 1)).events)).toEqual([13]);
    expect(ids((await log.readAfter(0, 0)).events)).toEqual([]);
    expect(await log.readAfter(21, 10)).toEqual({ events: [], oldestId: 2, lastId: 21 });
    expect(await log.readAfter(99, 10)).toEqual({ events: [], oldestId: 2, lastId: 21 });
    expect(ids((await log.readAfter(-5, 2)).events)).toEqual([2, 3]);
    await expect(log.readAfter(Number.NaN, 10)).rejects.toThrow(RangeError);
  });

  it("serves the log as it was when the read started", async () => {
    const log = await openLog({ segmentBytes: 5 * recordBytes });
    appendAll(log, range(1001, 1012));
    await log.flush();
    appendAll(log, range(1013, 1015));
    const page = log.readAfter(1010, 100);
    const tail = log.tail(3);
    appendAll(log, range(1016, 1030));
    await log.flush();
    expect(await page).toEqual({
      events: range(1011, 1015).map((id) => sizedEvent(id)),
      oldestId: 1001,
      lastId: 1015,
    });
    expect(ids(await tail)).toEqual([1013, 1014, 1015]);
  });

  it("pages through a long log with no gap and no repeat", async () => {
    const log = await openLog({ segmentBytes: 20 * recordBytes });
    appendAll(log, range(1001, 1300));
    await log.flush();
    appendAll(log, range(1301, 1450));
    const seen: number[] = [];
    for (let after = 0; ; ) {
      const page = await log.readAfter(after, 37);
      if (page.events.length === 0) break;
      expect(page.events.length).toBeLessThanOrEqual(37);
      seen.push(...ids(page.events));
      after = page.events.at(-1)?.id as number;
    }
    expect(seen).toEqual(range(1001, 1450));
  });

  it("tails the newest events, ascending", async () => {
    const log = await openLog({ segmentBytes: 7 * recordBytes });
    appendAll(log, range(1001, 1040));
    await log.flush();
    appendAll(log, range(1041, 1050));
    expect(ids(await log.tail(3))).toEqual([1048, 1049, 1050]);
    expect(ids(await log.tail(15))).toEqual(range(1036, 1050));
    expect(ids(await log.tail(100))).toEqual(range(1001, 1050));
    expect(await log.tail(0)).toEqual([]);
  });

  it("refuses ids at or below lastId and malformed events, and stays usable", async () => {
    const log = await openLog();
    log.append(sizedEvent(5));
    expect(() => log.append(sizedEvent(5))).toThrow(RangeError);
    expect(() => log.append(sizedEvent(4))).toThrow(/not an integer above the last id 5/);
    expect(() => log.append(sizedEvent(6.5))).toThrow(RangeError);
    expect(() => log.append({ id: 6, type: "two words", data: "{}" })).toThrow(TypeError);
    expect(() => log.append({ id: 6, type: "", data: "{}" })).toThrow(TypeError);
    expect(() => log.append({ id: 6, type: "note", data: "{\n}" })).toThrow(TypeError);
    expect(log.lastId).toBe(5);
    log.append(sizedEvent(6));
    await log.flush();
    expect(ids((await log.readAfter(0, 10)).events)).toEqual([5, 6]);
  });

  it("keeps type and data exactly as given", async () => {
    const log = await openLog();
    const events: LoggedEvent[] = [
      { id: 1, type: "message_update", data: JSON.stringify({ text: "line\nbreak \u2028 é 🙂" }) },
      { id: 2, type: "tool·run", data: '{"a":  1 , "b":"\\u0000"}' },
      { id: 3, type: "x", data: "" },
    ];
    for (const event of events) log.append(event);
    await log.flush();
    expect((await log.readAfter(0, 10)).events).toEqual(events);
    expect(await log.tail(2)).toEqual(events.slice(1));
  });

  it("refuses appends once closed", async () => {
    const log = await openLog();
    log.append(sizedEvent(1));
    await log.close();
    expect(() => log.append(sizedEvent(2))).toThrow(/closed/);
    expect(log.lastId).toBe(1);
  });

  it("removes whole oldest segments beyond maxBytes, never the newest", async () => {
    const log = await openLog({
      segmentBytes: 10 * recordBytes,
      retention: { maxBytes: 30 * recordBytes },
      now: () => clockStart,
    });
    appendAll(log, range(1001, 1100));
    await log.flush();
    const page = await log.readAfter(0, 1000);
    expect(page.oldestId).toBe(1071);
    expect(log.oldestId).toBe(1071);
    expect(ids(page.events)).toEqual(range(1071, 1100));
    expect(ids((await log.readAfter(1080, 5)).events)).toEqual(range(1081, 1085));
    expect(ids(await log.tail(100))).toEqual(range(1071, 1100));

    const small = await openLog({
      segmentBytes: 10 * recordBytes,
      retention: { maxBytes: recordBytes },
      now: () => clockStart,
    });
    appendAll(small, range(1001, 1025));
    await small.flush();
    expect(ids((await small.readAfter(0, 100)).events)).toEqual(range(1021, 1025));
    expect([small.oldestId, small.lastId]).toEqual([1021, 1025]);
  });

  it("removes segments whose newest event is older than maxAgeMs when a segment rolls", async () => {
    let now = clockStart;
    const log = await openLog({
      segmentBytes: 10 * recordBytes,
      retention: { maxAgeMs: 1000 },
      now: () => now,
    });
    appendAll(log, range(1001, 1025));
    await log.flush();
    now += 2000;
    appendAll(log, range(1026, 1030));
    await log.flush();
    expect(log.oldestId).toBe(1001);
    log.append(sizedEvent(1031));
    await log.flush();
    expect(log.oldestId).toBe(1021);
    expect(ids((await log.readAfter(1000, 100)).events)).toEqual(range(1021, 1031));
  });
});
