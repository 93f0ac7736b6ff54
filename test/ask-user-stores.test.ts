import { mkdir, readdir, writeFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { AskUserSessions } from "../src/ask-user/ask-user-sessions.js";
import { freshState } from "../src/ask-user/ask-user-state.js";
import type { AskUserStateStore } from "../src/ask-user/ask-user-state-store.js";
import { AskUserStore } from "../src/ask-user/ask-user-store.js";
import { PgAskUserStore } from "../src/ask-user/pg-ask-user-store.js";
import { ExtensionUiBridge } from "../src/sessions/extension-ui-bridge.js";
import { type Database, openDatabase } from "../src/storage/postgres/index.js";
import { useDatabases } from "./support/postgres.js";

/** One place to keep state in, with ways to open a project's store there and to damage a record. */
interface Backend {
  store(projectId: string): AskUserStateStore;
  corrupt(projectId: string, sessionId: string): Promise<void>;
  setAside(projectId: string): Promise<string[]>;
}

const tempDir = useTempDirs();
const newDatabase = useDatabases();
const databases: Database[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.close()));
});

async function fileBackend(): Promise<Backend> {
  const root = await tempDir();
  const store = (projectId: string) => new AskUserStore(`${root}/${projectId}`);
  return {
    store,
    async corrupt(projectId, sessionId) {
      await mkdir(`${root}/${projectId}`, { recursive: true });
      await writeFile(
        store(projectId).stateFile(sessionId),
        '{"version": 1, "queue": "not a list"}',
      );
    },
    setAside: async (projectId) =>
      (await readdir(`${root}/${projectId}`)).filter((name) => name.includes(".corrupt-")),
  };
}

async function pgBackend(): Promise<Backend> {
  const database = await openDatabase(await newDatabase());
  databases.push(database);
  return {
    store: (projectId) => new PgAskUserStore(database, projectId),
    async corrupt(projectId, sessionId) {
      await database.query(
        `INSERT INTO ask_user_states (project_id, session_id, state)
         VALUES ($1, $2, '{"version": 1, "queue": "not a list"}')`,
        [projectId, sessionId],
      );
    },
    async setAside(projectId) {
      const { rows } = await database.query<{ session_id: string }>(
        "SELECT session_id FROM ask_user_states WHERE project_id = $1 AND session_id LIKE '%.corrupt-%'",
        [projectId],
      );
      return rows.map((row) => row.session_id);
    },
  };
}

function queuedState(...texts: string[]) {
  const state = freshState();
  state.queue = texts.map((text, i) => ({
    id: `q${i}`,
    text,
    createdAt: "2026-01-01T00:00:00.000Z",
  }));
  state.settings = { enabled: true, autopilot: { enabled: true, prompts: ["p1", "p2"] } };
  state.autopilotCursor = 1;
  return state;
}

const host = (id: string) => ({
  id,
  hub: { publish: () => 0, subscriberCount: 0 },
  ui: new ExtensionUiBridge(() => undefined),
});

describe.each([
  ["file", fileBackend],
  ["postgres", pgBackend],
])("ask_user state in %s", (_name, makeBackend) => {
  it("reads fresh state and empty defaults before anything is written", async () => {
    const store = (await makeBackend()).store("demo");
    expect(await store.loadState("s1")).toEqual(freshState());
    expect(await store.loadDefaults()).toEqual({});
  });

  it("round-trips session state and project defaults through a new store", async () => {
    const backend = await makeBackend();
    const state = queuedState("hello", "again");
    await backend.store("demo").saveState("s1", state);
    await backend.store("demo").saveDefaults({ fallbackAnswer: "go", waitTimeoutSeconds: 30 });
    expect(await backend.store("demo").loadState("s1")).toEqual(state);
    expect(await backend.store("demo").loadDefaults()).toEqual({
      fallbackAnswer: "go",
      waitTimeoutSeconds: 30,
    });
    const replaced = queuedState("only");
    await backend.store("demo").saveState("s1", replaced);
    expect(await backend.store("demo").loadState("s1")).toEqual(replaced);
  });

  it("keeps projects apart and deletes a session's state idempotently", async () => {
    const backend = await makeBackend();
    await backend.store("demo").saveState("s1", queuedState("demo's"));
    await backend.store("other").saveState("s1", queuedState("other's"));
    await backend.store("demo").deleteState("s1");
    await backend.store("demo").deleteState("s1");
    expect(await backend.store("demo").loadState("s1")).toEqual(freshState());
    expect((await backend.store("other").loadState("s1")).queue[0]?.text).toBe("other's");
  });

  it("sets a record that does not parse aside and starts fresh", async () => {
    const backend = await makeBackend();
    await backend.corrupt("demo", "s1");
    expect(await backend.store("demo").loadState("s1")).toEqual(freshState());
    expect(await backend.setAside("demo")).toEqual([expect.stringMatching(/^s1\..*corrupt-\d+$/)]);
    await backend.store("demo").saveState("s1", queuedState("after"));
    expect((await backend.store("demo").loadState("s1")).queue[0]?.text).toBe("after");
  });

  it("resumes a session's queue, settings and cursor after the runtime is rebuilt", async () => {
    const backend = await makeBackend();
    const first = new AskUserSessions(backend.store("demo"));
    const session = await first.prepare();
    session.attach(host("s1"));
    for (const text of ["one", "two", "three"]) session.enqueue(text);
    session.updateSettings({
      fallbackAnswer: "carry on",
      autopilot: { enabled: true, prompts: ["p"] },
    });
    await first.close();

    const resumed = await new AskUserSessions(backend.store("demo")).prepare("s1");
    expect(resumed.queue.map((answer) => answer.text)).toEqual(["one", "two", "three"]);
    expect(resumed.settings.fallbackAnswer).toBe("carry on");
    expect(resumed.settings.autopilot).toEqual({ enabled: true, prompts: ["p"] });
  });
});
