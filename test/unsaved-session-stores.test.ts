import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { PgUnsavedSessions } from "../src/sessions/pg-unsaved-sessions.js";
import {
  type UnsavedSession,
  type UnsavedSessionStore,
  UnsavedSessions,
} from "../src/sessions/unsaved-sessions.js";
import { type Database, openDatabase } from "../src/storage/postgres/index.js";
import { useDatabases } from "./support/postgres.js";

interface Backend {
  store(projectId: string): UnsavedSessionStore;
  /** Puts an unreadable record for `id` where the store looks. */
  damage(projectId: string, id: string): Promise<void>;
}

const tempDir = useTempDirs();
const newDatabase = useDatabases();
const databases: Database[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.close()));
});

async function fileBackend(): Promise<Backend> {
  const root = await tempDir();
  // The runtime creates a project's transcript directory before it records a session.
  for (const projectId of ["demo", "other"]) await mkdir(join(root, projectId));
  return {
    store: (projectId) => new UnsavedSessions(join(root, projectId)),
    async damage(projectId, id) {
      await writeFile(join(root, projectId, `${id}.unsaved.json`), '{"id": "x", "name": 3}');
    },
  };
}

async function pgBackend(): Promise<Backend> {
  const database = await openDatabase(await newDatabase());
  databases.push(database);
  return {
    store: (projectId) => new PgUnsavedSessions(database, projectId),
    async damage(projectId, id) {
      await database.query(
        `INSERT INTO unsaved_sessions (project_id, session_id, record) VALUES ($1, $2, '{"name": 3}')`,
        [projectId, id],
      );
    },
  };
}

function record(id: string, overrides: Partial<UnsavedSession> = {}): UnsavedSession {
  return {
    id,
    createdAt: "2026-03-01T10:00:00.000Z",
    name: null,
    provider: "anthropic",
    modelId: "claude-sonnet-4-5",
    thinkingLevel: "medium",
    ...overrides,
  };
}

describe.each([
  ["file", fileBackend],
  ["postgres", pgBackend],
])("unsaved-session records in %s", (_name, makeBackend) => {
  it("saves, replaces, lists and removes records, read back through a new store", async () => {
    const backend = await makeBackend();
    expect(await backend.store("demo").list()).toEqual([]);
    expect(await backend.store("demo").get("s1")).toBeUndefined();
    await backend.store("demo").save(record("s1"));
    await backend.store("demo").save(record("s2", { cwd: "/work/demo/sub" }));
    await backend.store("demo").save(record("s1", { name: "Renamed", thinkingLevel: "high" }));
    expect(await backend.store("demo").get("s1")).toEqual(
      record("s1", { name: "Renamed", thinkingLevel: "high" }),
    );
    const listed = await backend.store("demo").list();
    expect(listed.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      record("s1", { name: "Renamed", thinkingLevel: "high" }),
      record("s2", { cwd: "/work/demo/sub" }),
    ]);
    await backend.store("demo").remove("s1");
    await backend.store("demo").remove("s1");
    expect((await backend.store("demo").list()).map((r) => r.id)).toEqual(["s2"]);
  });

  it("keeps projects apart", async () => {
    const backend = await makeBackend();
    await backend.store("demo").save(record("s1", { name: "demo's" }));
    await backend.store("other").save(record("s1", { name: "other's" }));
    await backend.store("other").remove("s1");
    expect((await backend.store("demo").get("s1"))?.name).toBe("demo's");
    expect(await backend.store("other").list()).toEqual([]);
  });

  it("skips a record it cannot read, keeping the others", async () => {
    const backend = await makeBackend();
    await backend.store("demo").save(record("good"));
    await backend.damage("demo", "bad");
    expect(await backend.store("demo").get("bad")).toBeUndefined();
    expect((await backend.store("demo").list()).map((r) => r.id)).toEqual(["good"]);
  });
});

describe("unsaved-session records in postgres, bad input", () => {
  it("refuses a malformed record and keeps the one it had", async () => {
    const { store } = await pgBackend();
    await store("demo").save(record("s1"));
    const bad = { ...record("s1"), thinkingLevel: "extreme" } as unknown as UnsavedSession;
    await expect(store("demo").save(bad)).rejects.toThrow(/thinkingLevel/);
    expect(await store("demo").get("s1")).toEqual(record("s1"));
  });
});
