import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { type ClusterApp, useClusterApps } from "./support/cluster-apps.js";
import { fauxAssistantMessage } from "./support/faux.js";
import { type Json, readJson } from "./support/json.js";
import { useDatabases } from "./support/postgres.js";
import { waitFor } from "./support/task-cluster.js";

const newDatabase = useDatabases();

interface Context {
  messages: Array<{ role: string; content: unknown }>;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((block: { text?: string }) => block.text ?? "").join("");
}

/** Answers each run with `Reply to <its prompt>.`, counting the runs it answered. */
function replyToEach(app: ClusterApp, answered: string[]): void {
  const reply = async (context: Context) => {
    const prompt = textOf(context.messages.findLast((m) => m.role === "user")?.content);
    answered.push(prompt);
    return fauxAssistantMessage(`Reply to ${prompt}.`);
  };
  app.faux.appendResponses(Array.from({ length: 10 }, () => reply as never));
}

/** A model call that lasts until its run is aborted. */
function endlessCall(app: ClusterApp): void {
  const endless = (_context: Context, options: { signal?: AbortSignal } | undefined) =>
    new Promise((resolve) =>
      options?.signal?.addEventListener("abort", () => resolve(fauxAssistantMessage("cut"))),
    );
  app.faux.setResponses([endless as never]);
}

describe("prompts queued in a project whose node died", () => {
  const tempDir = useTempDirs();
  const startNode = useClusterApps();

  it("are resumed by exactly one survivor, without any request naming the project", async () => {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const a = await startNode(databaseUrl, workspaceDir, { nodeId: "a", leaseTtlMs: 900 });
    const b = await startNode(databaseUrl, workspaceDir, { nodeId: "b", leaseTtlMs: 900 });
    const c = await startNode(databaseUrl, workspaceDir, { nodeId: "c", leaseTtlMs: 900 });
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await a.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: a.faux.getModel().id },
    });
    const sessionId = (await readJson(created)).id as string;
    const session = `/projects/demo/sessions/${sessionId}`;
    endlessCall(a);
    expect(
      (await a.api(`${session}/prompt`, { method: "POST", body: { text: "one" } })).status,
    ).toBe(202);
    await waitFor(
      async () => (await readJson(await a.api(session))).status,
      (status) => status === "streaming",
      5000,
    );
    for (const text of ["two", "three"]) {
      const answer = await a.api(`${session}/prompt`, {
        method: "POST",
        body: { text, onBusy: "enqueue" },
      });
      expect((await readJson(answer)).outcome).toBe("queued");
    }
    const answered = { b: [] as string[], c: [] as string[] };
    replyToEach(b, answered.b);
    replyToEach(c, answered.c);
    await a.crash();

    // Nobody asks for the project: a survivor notices the expired lease and takes it.
    await waitFor(
      async () => [...answered.b, ...answered.c],
      (prompts) => prompts.length === 2,
      10_000,
    );
    const runtimes = [b, c].map((node) => node.services.runtimes.size);
    expect(runtimes.sort()).toEqual([0, 1]);
    const taker = b.services.runtimes.size === 1 ? b : c;
    expect(taker.services.owners?.owned).toEqual(["demo"]);
    const detail: Json = await waitFor(
      async () => readJson(await taker.api(session)),
      (read) => read.status === "idle",
      5000,
    );
    expect(detail.messages.slice(-4).map((m: Json) => `${m.role}:${textOf(m.content)}`)).toEqual([
      "user:two",
      "assistant:Reply to two.",
      "user:three",
      "assistant:Reply to three.",
    ]);
    expect((await readJson(await taker.api(`${session}/queue`))).items).toEqual([]);
    // Later looks find nothing more to do: each queued prompt ran once.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect([...answered.b, ...answered.c].sort()).toEqual(["three", "two"]);
    // The crashed node's run was cut off with its database: what it would still write fails.
    await a.services.runtimes.disposeAll().catch(() => undefined);
  }, 30_000);

  it("are handed over by a node stopped cleanly, and run on another node without a request", async () => {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const a = await startNode(databaseUrl, workspaceDir, { nodeId: "a", leaseTtlMs: 900 });
    const b = await startNode(databaseUrl, workspaceDir, { nodeId: "b", leaseTtlMs: 900 });
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await a.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: a.faux.getModel().id },
    });
    const session = `/projects/demo/sessions/${(await readJson(created)).id as string}`;
    endlessCall(a);
    await a.api(`${session}/prompt`, { method: "POST", body: { text: "one" } });
    await waitFor(
      async () => (await readJson(await a.api(session))).status,
      (status) => status === "streaming",
      5000,
    );
    await a.api(`${session}/prompt`, { method: "POST", body: { text: "two", onBusy: "enqueue" } });
    const answered: string[] = [];
    replyToEach(b, answered);

    await a.services.stop();
    await a.services.close();
    await a.node.leave();
    await waitFor(
      async () => answered,
      (prompts) => prompts.length === 1,
      5000,
    );
    expect(answered).toEqual(["two"]);
    expect(b.services.owners?.owned).toEqual(["demo"]);
    await waitFor(
      async () => (await readJson(await b.api(`${session}/queue`))).items,
      (items) => items.length === 0,
      5000,
    );
  }, 30_000);

  it("leaves a dead node's project with nothing queued to the next request, and forgets its lease", async () => {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const a = await startNode(databaseUrl, workspaceDir, { nodeId: "a", leaseTtlMs: 2000 });
    const b = await startNode(databaseUrl, workspaceDir, { nodeId: "b", leaseTtlMs: 2000 });
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    expect((await a.api("/projects/demo/sessions")).status).toBe(200);
    await a.crash();
    const rows = async () =>
      (await b.node.database.query("SELECT resource FROM leases")).rows.map((row) => row.resource);
    expect(await rows()).toEqual(["project:demo"]);
    await waitFor(rows, (resources) => resources.length === 0, 10_000);
    expect(b.services.runtimes.size).toBe(0);
    expect((await b.api("/projects/demo/sessions")).status).toBe(200);
    expect(b.services.owners?.owned).toEqual(["demo"]);
  }, 30_000);
});
