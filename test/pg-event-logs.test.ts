import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Database,
  EventLogConflictError,
  openDatabase,
  postgresEventLogs,
} from "../src/storage/postgres/index.js";
import { ids, range, sizedEvent } from "./support/event-logs.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

/** Two connections to one fresh database, standing for two nodes. */
async function twoNodes(): Promise<[Database, Database]> {
  const url = await newDatabase();
  const a = await openDatabase(url);
  const b = await openDatabase(url);
  opened.push(a, b);
  return [a, b];
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("event logs in PostgreSQL", () => {
  it("names a log by its path inside the workspace, wherever a node mounts the volume", async () => {
    const [a, b] = await twoNodes();
    const onA = postgresEventLogs(a, { workspaceDir: "/mnt/a/workspace" });
    const onB = postgresEventLogs(b, { workspaceDir: "/srv/shared" });
    const log = await onA.open("/mnt/a/workspace/.pi-global/sessions/p1/s1.events");
    for (const id of range(1, 3)) log.append(sizedEvent(id));
    await log.close();
    expect(await onB.lastId("/srv/shared/.pi-global/sessions/p1/s1.events")).toBe(3);
    const page = await onB.read(".pi-global/sessions/p1/s1.events", 1, 10);
    expect(ids(page.events)).toEqual([2, 3]);
    const { rows } = await a.query("SELECT key FROM event_logs");
    expect(rows).toEqual([{ key: ".pi-global/sessions/p1/s1.events" }]);
  });

  it("announces each write as `<key> <lastId>`, a long key as its hash", async () => {
    const [a, b] = await twoNodes();
    const payloads: string[] = [];
    await b.listen("event_logs", (payload) => payloads.push(payload));
    const logs = postgresEventLogs(a);
    const log = await logs.open("tasks");
    log.append(sizedEvent(1));
    log.append(sizedEvent(2));
    await log.flush();
    const long = `k${"x".repeat(300)}`;
    await logs.appendShared(long, [{ type: "note", data: "{}" }]);
    await until(() => payloads.length === 2);
    expect(payloads[0]).toBe("tasks 2");
    expect(payloads[1]).toMatch(/^#[0-9a-f]{64} 1$/);
  });

  it("wakes a watcher on another node with the new last id, for its key only", async () => {
    const [a, b] = await twoNodes();
    const seen: (number | undefined)[] = [];
    const stop = await postgresEventLogs(b).watch("s1", (lastId) => seen.push(lastId));
    const logs = postgresEventLogs(a);
    const other = await logs.open("s2");
    other.append(sizedEvent(7));
    await other.flush();
    const log = await logs.open("s1");
    log.append(sizedEvent(1));
    await log.flush();
    log.append(sizedEvent(2));
    await log.flush();
    await until(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
    stop();
    log.append(sizedEvent(3));
    await log.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1, 2]);
  });

  it("fails a second writer of one log for good, writing nothing of it", async () => {
    const [a, b] = await twoNodes();
    const first = await postgresEventLogs(a).open("s1");
    const second = await postgresEventLogs(b).open("s1");
    first.append(sizedEvent(1));
    first.append(sizedEvent(2));
    await first.flush();
    second.append({ id: 2, type: "note", data: '{"from":"second"}' });
    await expect(second.flush()).rejects.toThrow(EventLogConflictError);
    expect(() => second.append(sizedEvent(3))).toThrow(EventLogConflictError);
    const page = await postgresEventLogs(a).read("s1", 0, 10);
    expect(page.events).toEqual([sizedEvent(1), sizedEvent(2)]);
  });

  it("gives events appended at once by several nodes distinct ids with no gap", async () => {
    const [a, b] = await twoNodes();
    const onA = postgresEventLogs(a);
    const onB = postgresEventLogs(b);
    const event = (node: string, n: number) => ({
      type: "note",
      data: `{"node":"${node}","n":${n}}`,
    });
    const written = await Promise.all(
      range(1, 20).map((n) =>
        (n % 2 ? onA : onB).appendShared("tasks", [event(n % 2 ? "a" : "b", n), event("x", n)]),
      ),
    );
    const assigned = written.flat().map((e) => e.id);
    expect([...assigned].sort((x, y) => x - y)).toEqual(range(1, 40));
    for (const pair of written) expect((pair[1]?.id ?? 0) - (pair[0]?.id ?? 0)).toBe(1);
    const page = await onB.read("tasks", 0, 100);
    expect(ids(page.events)).toEqual(range(1, 40));
    expect(page.lastId).toBe(40);
    await expect(onA.appendShared("tasks", [{ type: "bad type", data: "{}" }])).rejects.toThrow(
      TypeError,
    );
    expect(await onA.lastId("tasks")).toBe(40);
  });

  it("trims a log by age on another node's sweep while its writer goes on, neither failing", async () => {
    const [a, b] = await twoNodes();
    let now = 1_000_000;
    const writer = postgresEventLogs(a, {
      workspaceDir: "/w",
      retention: { maxAgeMs: 1000 },
      now: () => now,
    });
    const sweeper = postgresEventLogs(b, {
      workspaceDir: "/w",
      retention: { maxAgeMs: 1000 },
      now: () => now,
    });
    const log = await writer.open("/w/.pi-global/sessions/p1/s1.events");
    let writing = true;
    const sweeps = (async () => {
      let trimmed = 0;
      while (writing) trimmed += await sweeper.sweep("/w/.pi-global/sessions");
      return trimmed;
    })();
    for (const id of range(1, 200)) {
      log.append(sizedEvent(id));
      if (id % 10 === 0) {
        now += 400; // each batch ages the ones before it
        await log.flush();
      }
    }
    writing = false;
    expect(await sweeps).toBeGreaterThan(0);
    const page = await writer.read(".pi-global/sessions/p1/s1.events", 0, 500);
    expect(page.lastId).toBe(200);
    expect(ids(page.events)).toEqual(range(page.oldestId as number, 200));
    expect(page.oldestId).toBeGreaterThan(150);
    await log.close();
  });

  it("keeps buffered events across a lost connection and writes them on the next flush", async () => {
    const [a, b] = await twoNodes();
    const log = await postgresEventLogs(a).open(join("sessions", "s1"));
    log.append(sizedEvent(1));
    await log.flush();
    await b.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    log.append(sizedEvent(2));
    await log.flush().catch(() => undefined);
    log.append(sizedEvent(3));
    await log.flush();
    expect(ids((await postgresEventLogs(b).read("sessions/s1", 0, 10)).events)).toEqual([1, 2, 3]);
  });
});
