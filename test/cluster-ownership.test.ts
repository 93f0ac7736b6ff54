import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { forwardedHeaders, signForwardedRequest } from "../src/server/forwarded-signature.js";
import { type ClusterApp, clusterAppToken, useClusterApps } from "./support/cluster-apps.js";
import { testClusterSecret } from "./support/cluster-nodes.js";
import { fauxAssistantMessage } from "./support/faux.js";
import { type Json, readJson } from "./support/json.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilIdle(through: ClusterApp, sessionId: string): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    const detail = await readJson(await through.api(`/projects/demo/sessions/${sessionId}`));
    if (detail.status === "idle" && detail.messages?.length > 0) return detail;
    await sleep(20);
  }
  throw new Error("session never became idle");
}

async function health(app: ClusterApp): Promise<Json> {
  return readJson(await app.api("/healthz"));
}

describe("projects and sessions across nodes", () => {
  const tempDir = useTempDirs();
  const startNode = useClusterApps();

  async function cluster(...nodes: Array<{ nodeId: string; role?: "all" | "api" | "worker" }>) {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const apps: ClusterApp[] = [];
    for (const node of nodes) apps.push(await startNode(databaseUrl, workspaceDir, node));
    return apps;
  }

  it("serves a session on the node that runs its project, through any node, and fails over", async () => {
    const [a, b, c] = await cluster({ nodeId: "a" }, { nodeId: "b" }, { nodeId: "c" });
    if (!a || !b || !c) throw new Error("three nodes expected");
    expect((await a.api("/projects", { method: "POST", body: { name: "Demo" } })).status).toBe(201);
    const listed = await readJson(await c.api("/projects"));
    expect(listed.items.map((project: Json) => project.id)).toEqual(["demo"]);
    // A project created on A is usable on B by the very next request; A runs it first.
    expect((await a.api("/projects/demo/sessions")).status).toBe(200);
    expect((await health(a)).cluster).toMatchObject({ nodeId: "a", leases: 1, projects: ["demo"] });

    const created = await b.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: a.faux.getModel().id },
    });
    expect(created.status).toBe(201);
    const sessionId = (await readJson(created)).id as string;
    expect(a.services.runtimes.stats().liveSessions).toBe(1);
    expect(b.services.runtimes.stats().runtimes).toBe(0);
    expect((await health(b)).cluster).toMatchObject({ nodeId: "b", leases: 0, projects: [] });

    a.faux.setResponses([fauxAssistantMessage("first answer")]);
    const prompt = await b.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "hello" },
    });
    expect(prompt.status).toBe(202);
    const detail = await waitUntilIdle(c, sessionId);
    expect(detail.messages.map((message: Json) => message.role)).toEqual(["user", "assistant"]);
    expect(c.services.runtimes.stats().runtimes).toBe(0);

    await a.crash();
    // Until A's lease runs out nobody else may run the project; then the next request takes it.
    const refused = await b.api(`/projects/demo/sessions/${sessionId}`);
    expect(refused.status).toBe(503);
    await sleep(1700);
    const reopened = await b.api(`/projects/demo/sessions/${sessionId}`);
    expect(reopened.status).toBe(200);
    expect((await readJson(reopened)).messages.map((message: Json) => message.role)).toEqual([
      "user",
      "assistant",
    ]);
    expect((await health(b)).cluster).toMatchObject({ leases: 1, projects: ["demo"] });

    b.faux.setResponses([fauxAssistantMessage("second answer")]);
    const again = await c.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "still there?" },
    });
    expect(again.status).toBe(202);
    await sleep(50);
    const after = await waitUntilIdle(c, sessionId);
    expect(after.messages).toHaveLength(4);
    expect(JSON.stringify(after.messages.at(-1))).toContain("second answer");
  });

  it("gives a project nobody runs to exactly one of the nodes asked for it at once", async () => {
    const [a, b, c] = await cluster({ nodeId: "a" }, { nodeId: "b" }, { nodeId: "c" });
    if (!a || !b || !c) throw new Error("three nodes expected");
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    const answers = await Promise.all(
      [a, b, c, a, b, c].map((node) => node.api("/projects/demo/sessions")),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const owners = await Promise.all([a, b, c].map(async (node) => (await health(node)).cluster));
    expect(owners.filter((owner: Json) => owner.leases === 1)).toHaveLength(1);
    const runtimes = [a, b, c].map((node) => node.services.runtimes.size);
    expect(runtimes.sort()).toEqual([0, 0, 1]);
  });

  it("deletes a project on the node that runs it, disposing its runtime there", async () => {
    const [a, b] = await cluster({ nodeId: "a" }, { nodeId: "b" });
    if (!a || !b) throw new Error("two nodes expected");
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    await a.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: a.faux.getModel().id },
    });
    expect(a.services.runtimes.size).toBe(1);
    expect((await b.api("/projects/demo", { method: "DELETE" })).status).toBe(204);
    expect(a.services.runtimes.size).toBe(0);
    expect(a.services.registry.get("demo")).toBeUndefined();
    expect((await b.api("/projects/demo/sessions")).status).toBe(404);
    expect((await health(a)).cluster.leases).toBe(0);
  });

  it("disposes a project's runtime as soon as its lease is lost", async () => {
    const [a] = await cluster({ nodeId: "a" });
    if (!a) throw new Error("one node expected");
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    expect((await a.api("/projects/demo/sessions")).status).toBe(200);
    expect(a.services.runtimes.size).toBe(1);
    // Another node took the lease over (as after this node stalled past its lease time).
    await a.node.database.query("UPDATE leases SET node_id = 'elsewhere'");
    await a.node.nodes.heartbeat();
    expect(a.services.runtimes.size).toBe(0);
    expect((await health(a)).cluster.leases).toBe(0);
  });

  it("sends an api node's session work to a live session-running node", async () => {
    const [api, worker] = await cluster(
      { nodeId: "api", role: "api" },
      { nodeId: "w", role: "worker" },
    );
    if (!api || !worker) throw new Error("two nodes expected");
    await api.api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await api.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: worker.faux.getModel().id },
    });
    expect(created.status).toBe(201);
    expect(worker.services.runtimes.stats().liveSessions).toBe(1);
    expect(api.services.runtimes.size).toBe(0);
    expect((await health(worker)).cluster).toMatchObject({ role: "worker", projects: ["demo"] });
    expect((await health(api)).cluster).toMatchObject({ role: "api", leases: 0 });
  });

  it("refuses public requests on a worker node, but answers health and signed requests", async () => {
    const [worker] = await cluster({ nodeId: "w", role: "worker" });
    if (!worker) throw new Error("one node expected");
    const refused = await worker.api("/projects");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await readJson(refused)).detail).toMatch(/serves no public API/);
    expect((await worker.api("/healthz")).status).toBe(200);

    const signed = signForwardedRequest(
      testClusterSecret,
      { method: "GET", pathAndQuery: "/v1/projects", body: new Uint8Array() },
      { kind: "bootstrap", name: "AGENT_SERVER_TOKEN", role: "admin" },
      "peer",
    );
    const forwarded = await fetch(`${worker.url}/v1/projects`, { headers: signed });
    expect(forwarded.status).toBe(200);
  });

  it("refuses forged, tampered, stale and replayed forwarding signatures", async () => {
    const [a] = await cluster({ nodeId: "a" });
    if (!a) throw new Error("one node expected");
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    const viewer = {
      kind: "token" as const,
      tokenId: "t1",
      name: "reader",
      role: "viewer" as const,
    };
    const sign = (options: { secret?: string; path?: string; now?: number } = {}) =>
      signForwardedRequest(
        options.secret ?? testClusterSecret,
        { method: "GET", pathAndQuery: options.path ?? "/v1/projects", body: new Uint8Array() },
        viewer,
        "peer",
        options.now,
      );
    const send = (headers: Record<string, string>, path = "/v1/projects") =>
      fetch(`${a.url}${path}`, { headers });

    const genuine = sign();
    expect((await send(genuine)).status).toBe(200);
    const replayed = await send(genuine);
    expect(replayed.status).toBe(401);
    expect((await readJson(replayed)).detail).toMatch(/replayed/);

    expect((await send(sign({ secret: "not-the-cluster-secret-0123456789" }))).status).toBe(401);
    expect((await send(sign({ now: Date.now() - 120_000 }))).status).toBe(401);
    expect((await send(sign({ path: "/v1/projects/demo" }), "/v1/projects")).status).toBe(401);
    const elevated = {
      ...sign(),
      [forwardedHeaders.caller]: Buffer.from(
        JSON.stringify({ kind: "bootstrap", name: "x", role: "admin" }),
      ).toString("base64url"),
    };
    expect((await send(elevated)).status).toBe(401);

    // A public caller cannot use the headers, even with a valid token beside them.
    const forged = { ...sign(), [forwardedHeaders.signature]: "ab".repeat(32) };
    const withToken = await fetch(`${a.url}/v1/projects`, {
      headers: { ...forged, authorization: `Bearer ${clusterAppToken}` },
    });
    expect(withToken.status).toBe(401);
    // The signed caller's role still applies on the receiving node.
    const asViewer = sign({ path: "/v1/projects" });
    const deleteHeaders = signForwardedRequest(
      testClusterSecret,
      { method: "DELETE", pathAndQuery: "/v1/projects/demo", body: new Uint8Array() },
      viewer,
      "peer",
    );
    expect((await send(asViewer)).status).toBe(200);
    const denied = await fetch(`${a.url}/v1/projects/demo`, {
      method: "DELETE",
      headers: deleteHeaders,
    });
    expect(denied.status).toBe(403);
  });
});
