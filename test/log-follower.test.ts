import { afterEach, describe, expect, it } from "vitest";
import { LogFollowers } from "../src/sse/log-followers.js";
import {
  type Database,
  EventLogConflictError,
  openDatabase,
  postgresEventLogs,
} from "../src/storage/postgres/index.js";
import { range, sizedEvent } from "./support/event-logs.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const opened: Database[] = [];
const followersOpened: LogFollowers[] = [];
afterEach(async () => {
  await Promise.all(followersOpened.splice(0).map((followers) => followers.close()));
  await Promise.all(opened.splice(0).map((database) => database.close().catch(() => undefined)));
});

async function node(url: string, name: string): Promise<Database> {
  const database = await openDatabase(url, { applicationName: name });
  opened.push(database);
  return database;
}

/** A stream subscriber that keeps the ids of the frames it receives. */
function idSink() {
  const ids: number[] = [];
  const decoder = new TextDecoder();
  return {
    ids,
    send(frame: Uint8Array) {
      for (const match of decoder.decode(frame).matchAll(/^id: (\d+)$/gm))
        ids.push(Number(match[1]));
      return true;
    },
    close: () => undefined,
  };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`never happened: ${what}`);
};

async function follow(database: Database, key: string, lastEventId?: number) {
  const followers = new LogFollowers(postgresEventLogs(database));
  followersOpened.push(followers);
  const lease = await followers.acquire(key);
  const sink = idSink();
  lease.hub.subscribe(sink, { lastEventId });
  return sink;
}

describe("log follower", () => {
  it("reads again after its listening connection comes back, losing nothing written meanwhile", async () => {
    const url = await newDatabase();
    const writer = await await postgresEventLogs(await node(url, "writer")).open("s1");
    for (const id of range(1, 3)) writer.append(sizedEvent(id));
    await writer.flush();
    const reader = await node(url, "reader");
    const sink = await follow(reader, "s1", 0);
    await until(() => sink.ids.length === 3, "replay");
    const killed = await reader.query(
      "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'reader listener'",
    );
    expect(killed.rows).toEqual([{ done: true }]);
    for (const id of range(4, 8)) writer.append(sizedEvent(id));
    await writer.flush();
    await until(() => sink.ids.length === 8, "events written while the listener was down");
    expect(sink.ids).toEqual(range(1, 8));
  });

  it("follows a log across a change of writer with no gap and no duplicate, refusing the old writer", async () => {
    const url = await newDatabase();
    const first = await postgresEventLogs(await node(url, "first")).open("s1");
    const sink = await follow(await node(url, "follower"), "s1", 0);
    for (const id of range(1, 5)) first.append(sizedEvent(id));
    await first.flush();
    await until(() => sink.ids.length === 5, "events of the first writer");

    const second = await postgresEventLogs(await node(url, "second")).open("s1");
    expect(second.lastId).toBe(5);
    for (const id of range(6, 9)) second.append(sizedEvent(id));
    await second.flush();
    first.append({ id: 6, type: "note", data: '{"stale":true}' });
    await expect(first.flush()).rejects.toThrow(EventLogConflictError);
    second.append(sizedEvent(10));
    await second.flush();
    await until(() => sink.ids.length >= 10, "events of the second writer");
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.ids).toEqual(range(1, 10));
  });

  it("resumes a late subscriber after its Last-Event-ID from the log, then live", async () => {
    const url = await newDatabase();
    const writer = await postgresEventLogs(await node(url, "writer")).open("s1");
    for (const id of range(1, 20)) writer.append(sizedEvent(id));
    await writer.flush();
    const sink = await follow(await node(url, "reader"), "s1", 12);
    await until(() => sink.ids.length === 8, "replay after 12");
    writer.append(sizedEvent(21));
    await writer.flush();
    await until(() => sink.ids.length === 9, "live event");
    expect(sink.ids).toEqual(range(13, 21));
  });
});
