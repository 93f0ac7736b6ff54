import { readdir } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { testClusterSecret } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();

async function rowCount(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe("session state on two servers sharing one database and one volume", () => {
  const tempDir = useTempDirs();
  const servers = useSessionServers();

  it("keeps unsaved sessions and ask_user state in the database, readable by the other node", async () => {
    const url = await newDatabase();
    const workspace = await tempDir();
    const env = (nodeId: string) => ({
      STATE_STORE: "postgres",
      DATABASE_URL: url,
      AGENT_SERVER_NODE_ID: nodeId,
      AGENT_SERVER_CLUSTER_SECRET: testClusterSecret,
    });
    const a = await servers.boot(workspace, { env: env("a") });
    const id = await a.newSession();
    await a.api(`/projects/demo/sessions/${id}`, { method: "PATCH", body: { name: "draft" } });
    const askUser = `/projects/demo/sessions/${id}/ask-user`;
    const patched = await a.api(`${askUser}/settings`, {
      method: "PATCH",
      body: { enabled: true, autopilot: { enabled: true, prompts: ["p1", "p2"] } },
    });
    expect(patched.status).toBe(200);
    for (const text of ["first", "second"]) {
      const queued = await a.api(`${askUser}/queue`, { method: "POST", body: { text } });
      expect(queued.status).toBe(201);
    }
    await servers.stop(a);

    const files = await readdir(join(workspace, ".pi-global", "sessions", "demo"));
    expect(
      files.filter((f) => f.endsWith(".unsaved.json") || f.endsWith(".ask-user.json")),
    ).toEqual([]);
    expect(await rowCount(url, "unsaved_sessions")).toBe(1);
    expect(await rowCount(url, "ask_user_states")).toBe(1);

    const b = await servers.boot(workspace, { env: env("b") });
    const listed = await readJson(await b.api("/projects/demo/sessions"));
    expect(listed.items).toEqual([expect.objectContaining({ id, name: "draft" })]);
    const state = await readJson(await b.api(askUser));
    expect(state.queue.map((answer: { text: string }) => answer.text)).toEqual(["first", "second"]);
    expect(state.settings.autopilot).toEqual({ enabled: true, prompts: ["p1", "p2"] });
  });
});
