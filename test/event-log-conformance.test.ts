import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventLogRetention, EventLogStore, EventLogTuning } from "../src/storage/index.js";
import { fileEventLogs, memoryEventLogs } from "../src/storage/index.js";
import { type Database, openDatabase, postgresEventLogs } from "../src/storage/postgres/index.js";
import { clockStart, ids, range, recordBytes, sizedEvent } from "./support/event-logs.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";

type MakeStore = (retention?: EventLogRetention, tuning?: EventLogTuning) => EventLogStore;

const newDatabase = useDatabases();
const tempDir = useTempDirs("event-log-conformance-");
let database: Database;
let root: string;

beforeAll(async () => {
  database = await openDatabase(await newDatabase());
  root = await tempDir();
});
afterAll(async () => {
  await database.close();
});

/** Segments of five records for the segment stores; rows are their own unit in PostgreSQL. */
const segmentBytes = 5 * recordBytes;

const stores: [string, MakeStore][] = [
  ["memory", (retention, tuning) => memoryEventLogs(retention, { segmentBytes, ...tuning })],
  ["file", (retention, tuning) => fileEventLogs(retention, { segmentBytes, ...tuning })],
  [
    "postgres",
    (retention, tuning) =>
      postgresEventLogs(database, {
        workspaceDir: root,
        ...(retention ? { retention } : {}),
        ...(tuning?.now ? { now: tuning.now } : {}),
      }),
  ],
];

describe.each(stores)("event log store conformance (%s)", (_name, makeStore) => {
  const newKey = () =>
    join(root, ".pi-global", "sessions", `s-${randomBytes(4).toString("hex")}.events`);

  it("reads back what was appended, buffered events included, in order", async () => {
    const store = makeStore();
    const key = newKey();
    const log = await store.open(key);
    expect([log.lastId, log.oldestId]).toEqual([0, undefined]);
    expect(await log.readAfter(0, 10)).toEqual({ events: [], oldestId: undefined, lastId: 0 });
    for (const id of range(1001, 1005)) log.append(sizedEvent(id));
    expect(ids((await log.readAfter(0, 100)).events)).toEqual(range(1001, 1005));
    await log.flush();
    log.append(sizedEvent(1006));
    const page = await log.readAfter(1002, 100);
    expect(page).toEqual({
      events: range(1003, 1006).map((id) => sizedEvent(id)),
      oldestId: 1001,
      lastId: 1006,
    });
    expect(ids((await log.readAfter(1001, 2)).events)).toEqual([1002, 1003]);
    expect(ids((await log.readAfter(1006, 10)).events)).toEqual([]);
    expect(ids(await log.tail(3))).toEqual([1004, 1005, 1006]);
    expect(ids(await log.tail(50))).toEqual(range(1001, 1006));
    await expect(log.readAfter(Number.NaN, 10)).rejects.toThrow(RangeError);
    await log.close();
  });

  it("refuses an id that does not grow, a bad type or data with a line break, changing nothing", async () => {
    const store = makeStore();
    const key = newKey();
    const log = await store.open(key);
    log.append(sizedEvent(1001));
    expect(() => log.append(sizedEvent(1001))).toThrow(RangeError);
    expect(() => log.append(sizedEvent(1000))).toThrow(RangeError);
    expect(() => log.append({ id: 1002, type: "has space", data: "{}" })).toThrow(TypeError);
    expect(() => log.append({ id: 1002, type: "x", data: "{\n}" })).toThrow(TypeError);
    await log.close();
    expect(await store.lastId(key)).toBe(1001);
    expect(ids((await (await store.open(key)).readAfter(0, 10)).events)).toEqual([1001]);
  });

  it("tells the last id without opening, keeps events across a reopen and never goes back", async () => {
    const store = makeStore();
    const key = newKey();
    expect(await store.lastId(key)).toBe(0);
    const log = await store.open(key);
    for (const id of range(1001, 1012)) log.append(sizedEvent(id));
    await log.flush();
    expect(await store.lastId(key)).toBe(1012);
    await log.close();
    const again = await store.open(key);
    expect([again.lastId, again.oldestId]).toEqual([1012, 1001]);
    expect(ids((await again.readAfter(1010, 10)).events)).toEqual([1011, 1012]);
    expect(() => again.append(sizedEvent(1012))).toThrow(RangeError);
    again.append(sizedEvent(1013));
    await again.close();
    expect(await store.lastId(key)).toBe(1013);
  });

  it("removes a log: its events and its last id are gone", async () => {
    const store = makeStore();
    const key = newKey();
    const log = await store.open(key);
    for (const id of range(1001, 1003)) log.append(sizedEvent(id));
    await log.close();
    await store.remove(key);
    expect(await store.lastId(key)).toBe(0);
    const reopened = await store.open(key);
    expect(await reopened.readAfter(0, 10)).toEqual({ events: [], oldestId: undefined, lastId: 0 });
    await reopened.close();
  });

  it("keeps at most maxBytes, removing the oldest events first, so a reader sees the gap", async () => {
    const maxBytes = 20 * recordBytes;
    const store = makeStore({ maxBytes });
    const key = newKey();
    const log = await store.open(key);
    for (const id of range(1001, 1060)) {
      log.append(sizedEvent(id));
      if (id % 5 === 0) await log.flush();
    }
    await log.flush();
    const page = await log.readAfter(1000, 1000);
    const oldest = page.oldestId as number;
    expect(oldest).toBeGreaterThan(1001);
    expect(ids(page.events)).toEqual(range(oldest, 1060));
    expect(page.events.length * recordBytes).toBeLessThanOrEqual(maxBytes);
    expect(page.events.length * recordBytes).toBeGreaterThanOrEqual(maxBytes / 2);
    expect([log.oldestId, log.lastId]).toEqual([oldest, 1060]);
    await log.close();
    expect(await store.lastId(key)).toBe(1060);
  });

  it("removes events older than maxAgeMs, never the newest ones", async () => {
    let now = clockStart;
    const store = makeStore({ maxAgeMs: 1000 }, { now: () => now });
    const key = newKey();
    const log = await store.open(key);
    for (const id of range(1001, 1005)) log.append(sizedEvent(id));
    await log.flush();
    now += 5000;
    for (const id of range(1006, 1015)) {
      log.append(sizedEvent(id));
      if (id % 5 === 0) await log.flush();
    }
    await log.flush();
    const page = await log.readAfter(0, 100);
    expect(page.oldestId).toBe(1006);
    expect(ids(page.events)).toEqual(range(1006, 1015));
    now += 5000;
    await log.close();
    const reopened = await store.open(key);
    expect(reopened.lastId).toBe(1015);
    expect((await reopened.readAfter(1014, 10)).events.map((event) => event.id)).toEqual([1015]);
    await reopened.close();
  });
});

describe.each(stores)("event log store sweeps (%s)", (_name, makeStore) => {
  /** A log key of a fresh project directory under `area` (`sessions` or another). */
  const keyIn = (area: string, project: string) =>
    join(root, ".pi-global", area, project, `s-${randomBytes(4).toString("hex")}.events`);

  it("applies age retention to logs nobody writes, open or closed, only under the directory swept", async () => {
    let now = clockStart;
    const store = makeStore({ maxAgeMs: 1000 }, { now: () => now });
    const project = `p-${randomBytes(4).toString("hex")}`;
    const [closed, open, fresh] = [
      keyIn("sessions", project),
      keyIn("sessions", project),
      keyIn("sessions", project),
    ];
    const outside = keyIn("elsewhere", project);
    const write = async (key: string, at: number) => {
      now = at;
      const log = await store.open(key);
      for (const id of range(1001, 1010)) {
        log.append(sizedEvent(id));
        if (id % 5 === 0) await log.flush();
      }
      await log.flush();
      return log;
    };
    for (const key of [closed, outside]) await (await write(key, clockStart)).close();
    const stillOpen = await write(open, clockStart);
    await (await write(fresh, clockStart + 5000)).close();

    now = clockStart + 5000;
    expect(await store.sweep(join(root, ".pi-global", "sessions", project))).toBe(2);

    // Read back on the clock of their writes, so opening applies no retention of its own.
    now = clockStart;
    const oldestOf = async (key: string) => {
      const log = await store.open(key);
      const page = await log.readAfter(0, 100);
      await log.close();
      expect(page.lastId).toBe(1010);
      expect(ids(page.events)).toEqual(range(page.oldestId as number, 1010));
      return page.oldestId as number;
    };
    expect(await oldestOf(closed)).toBeGreaterThan(1001);
    expect(await oldestOf(fresh)).toBe(1001);
    expect(await oldestOf(outside)).toBe(1001);
    const page = await stillOpen.readAfter(0, 100);
    expect(page.oldestId).toBeGreaterThan(1001);
    expect(ids(page.events)).toEqual(range(page.oldestId as number, 1010));
    // The open log goes on.
    stillOpen.append(sizedEvent(1011));
    await stillOpen.flush();
    expect(ids(await stillOpen.tail(1))).toEqual([1011]);
    await stillOpen.close();
    expect(await store.sweep(join(root, ".pi-global", "sessions", project))).toBe(0);
    expect(await store.sweep(join(root, ".pi-global", "missing"))).toBe(0);
  });
});
