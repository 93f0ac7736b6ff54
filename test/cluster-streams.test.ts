import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/server/create-app.js";
import { createInMemoryServices } from "../src/server/in-memory-services.js";
import type { Services } from "../src/server/services.js";
import { StreamTickets } from "../src/sse/stream-tickets.js";
import {
  type TestClusterNode,
  testClusterSecret,
  useClusterNodes,
} from "./support/cluster-nodes.js";
import { fauxAssistantMessage, installFauxProvider } from "./support/faux.js";
import { readJson } from "./support/json.js";
import { useDatabases } from "./support/postgres.js";
import { type ReadFrame, readSse } from "./support/sse-reader.js";
import { useTempDirs } from "./support/temp-dir.js";

const newDatabase = useDatabases();
const joinNode = useClusterNodes();
const tempDir = useTempDirs("cluster-streams-");

interface Node {
  services: Services;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server process of the cluster: its own services and app over the shared volume and database. */
async function startNode(
  cluster: TestClusterNode,
  workspaceDir: string,
  apiToken?: string,
): Promise<Node> {
  const services = await createInMemoryServices({ workspaceDir, version: "test", cluster });
  cleanups.push(async () => {
    await services.stop();
    await services.close();
  });
  const app = createApp(services, { apiToken });
  return {
    services,
    call: async (method, path, { body, headers = {} } = {}) => {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        (init.headers as Record<string, string>)["content-type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      return app.request(`/v1${path}`, init);
    },
  };
}

async function twoNodes(apiToken?: string, tokensPerSecond = 0) {
  const url = await newDatabase();
  const workspaceDir = await tempDir();
  const a = await startNode(await joinNode(url, { nodeId: "a" }), workspaceDir, apiToken);
  const faux = installFauxProvider(a.services.credentials.org, {
    tokensPerSecond,
    models: [{ id: "faux-1" }],
  });
  cleanups.push(async () => faux.unregister());
  return { url, workspaceDir, a, faux };
}

const page = async (node: Node, path: string, view = "compact") => {
  const response = await node.call("GET", `${path}?after=0&limit=1000&view=${view}`, {
    headers: { accept: "application/json" },
  });
  expect(response.status).toBe(200);
  return (await readJson(response)) as {
    events: { id: number; event: unknown }[];
    lastEventId: number;
  };
};

const ids = (frames: readonly ReadFrame[]) => frames.map((frame) => frame.id);

async function waitIdle(node: Node, path: string) {
  for (let i = 0; i < 500; i++) {
    if ((await readJson(await node.call("GET", path))).status === "idle") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("session never became idle");
}

describe("streams from any node of a cluster", () => {
  it("streams a session that runs on node A through node B: replay exact, then live, both views", async () => {
    const { url, workspaceDir, a, faux } = await twoNodes();
    expect((await a.call("POST", "/projects", { body: { name: "demo" } })).status).toBe(201);
    const created = await a.call("POST", "/projects/demo/sessions", {
      body: { provider: "faux", modelId: "faux-1" },
    });
    const sessionId = (await readJson(created)).id as string;
    const session = `/projects/demo/sessions/${sessionId}`;
    faux.setResponses([
      fauxAssistantMessage("First reply, in several words."),
      fauxAssistantMessage("Second reply."),
    ]);
    expect((await a.call("POST", `${session}/prompt`, { body: { text: "one" } })).status).toBe(202);
    await waitIdle(a, session);

    const b = await startNode(await joinNode(url, { nodeId: "b" }), workspaceDir);
    const onA = await page(a, `${session}/events`);
    const lastId = onA.lastEventId;
    expect(lastId).toBeGreaterThan(5);
    expect(await page(b, `${session}/events`)).toEqual(onA);
    expect(await page(b, `${session}/events`, "full")).toEqual(
      await page(a, `${session}/events`, "full"),
    );

    const all = readSse(await b.call("GET", `${session}/events?lastEventId=0`));
    await all.waitFor((frames) => frames.at(-1)?.id === lastId);
    expect(all.frames).toEqual(onA.events.map((event) => ({ id: event.id, data: event.event })));
    await all.close();

    const middle = onA.events[3]?.id as number;
    const resumed = readSse(
      await b.call("GET", `${session}/events`, { headers: { "last-event-id": String(middle) } }),
    );
    const fullLive = readSse(
      await b.call("GET", `${session}/events?view=full`, {
        headers: { "last-event-id": String(lastId) },
      }),
    );
    await resumed.waitFor((frames) => frames.at(-1)?.id === lastId);
    expect(ids(resumed.frames)).toEqual(
      onA.events.filter((event) => event.id > middle).map((event) => event.id),
    );

    expect((await a.call("POST", `${session}/prompt`, { body: { text: "two" } })).status).toBe(202);
    await waitIdle(a, session);
    const after = await page(a, `${session}/events`);
    const newLast = after.lastEventId;
    expect(newLast).toBeGreaterThan(lastId);
    await resumed.waitFor((frames) => frames.at(-1)?.id === newLast);
    const expected = after.events.filter((event) => event.id > middle);
    expect(resumed.frames).toEqual(expected.map((event) => ({ id: event.id, data: event.event })));
    await fullLive.waitFor((frames) => frames.at(-1)?.id === newLast);
    const fullOnA = (await page(a, `${session}/events`, "full")).events.filter(
      (event) => event.id > lastId,
    );
    expect(fullLive.frames).toEqual(fullOnA.map((event) => ({ id: event.id, data: event.event })));
    await resumed.close();
    await fullLive.close();

    expect(b.services.runtimes.get("demo").liveSession(sessionId)).toBeUndefined();
    expect(b.services.logFollowers?.size).toBe(0);
    expect((await b.call("GET", "/projects/demo/sessions/no-such-session/events")).status).toBe(
      404,
    );
  });

  it("shows task events published on either node once each, in id order, on both nodes' task streams", async () => {
    const { url, workspaceDir, a } = await twoNodes();
    expect((await a.call("POST", "/projects", { body: { name: "demo" } })).status).toBe(201);
    const b = await startNode(await joinNode(url, { nodeId: "b" }), workspaceDir);
    const streams = [
      readSse(await a.call("GET", "/tasks/events?lastEventId=0")),
      readSse(await b.call("GET", "/tasks/events?lastEventId=0")),
    ];
    const submitted = [];
    for (const [node, title] of [
      [a, "on a"],
      [b, "on b"],
      [a, "again on a"],
    ] as const) {
      const { task } = await node.services.tasks.submit("demo", { title, prompt: "p" });
      submitted.push(task.id);
    }
    // Publishing is asynchronous: the database orders events by when they are written.
    for (const stream of streams) await stream.waitFor((frames) => frames.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [onA, onB] = streams.map((stream) => stream.frames);
    expect(ids(onA ?? [])).toEqual([1, 2, 3]);
    expect(onB).toEqual(onA);
    expect((onA ?? []).map((frame) => frame.data.taskId).sort()).toEqual([...submitted].sort());
    for (const stream of streams) await stream.close();
    const late = readSse(
      await b.call("GET", "/tasks/events", { headers: { "last-event-id": "1" } }),
    );
    await late.waitFor((frames) => frames.length >= 2);
    expect(ids(late.frames)).toEqual([2, 3]);
    await late.close();
  });

  it("opens a stream on node B with a ticket node A issued, and refuses a forged, expired or misused one", async () => {
    const token = "cluster-streams-admin-token";
    const bearer = { authorization: `Bearer ${token}` };
    const { url, workspaceDir, a } = await twoNodes(token);
    expect(
      (await a.call("POST", "/projects", { body: { name: "demo" }, headers: bearer })).status,
    ).toBe(201);
    const created = await a.call("POST", "/projects/demo/sessions", {
      body: { provider: "faux", modelId: "faux-1" },
      headers: bearer,
    });
    const sessionId = (await readJson(created)).id as string;
    const issued = await a.call("POST", `/projects/demo/sessions/${sessionId}/events/tickets`, {
      headers: bearer,
    });
    expect(issued.status).toBe(201);
    const { ticket, url: streamUrl } = (await readJson(issued)) as { ticket: string; url: string };
    expect(streamUrl).toBe(`/v1/projects/demo/sessions/${sessionId}/events?ticket=${ticket}`);

    const b = await startNode(await joinNode(url, { nodeId: "b" }), workspaceDir, token);
    const onB = (path: string) =>
      b.call("GET", path.replace(/^\/v1/, ""), { headers: { accept: "application/json" } });
    const opened = await onB(streamUrl);
    expect(opened.status).toBe(200);
    const onA = await a.call("GET", `/projects/demo/sessions/${sessionId}/events`, {
      headers: { ...bearer, accept: "application/json" },
    });
    expect(await readJson(opened)).toEqual(await readJson(onA));

    const [body, mac] = ticket.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    const forged = Buffer.from(JSON.stringify({ ...payload, p: "/v1/tasks/events" })).toString(
      "base64url",
    );
    const expired = new StreamTickets({
      secret: testClusterSecret,
      now: () => Date.now() - 120_000,
    }).issueFor(`/v1/projects/demo/sessions/${sessionId}/events/tickets`).ticket;
    const foreign = new StreamTickets({ secret: "not-the-cluster-secret" }).issueFor(
      `/v1/projects/demo/sessions/${sessionId}/events/tickets`,
    ).ticket;
    for (const refused of [
      `/v1/tasks/events?ticket=${ticket}`,
      `/v1/tasks/events?ticket=${forged}.${mac}`,
      `/v1/projects/demo/sessions/${sessionId}/events?ticket=${expired}`,
      `/v1/projects/demo/sessions/${sessionId}/events?ticket=${foreign}`,
      `/v1/projects/demo/sessions/${sessionId}/events?ticket=${ticket}x`,
    ]) {
      expect([refused, (await onB(refused)).status]).toEqual([refused, 401]);
    }
  });

  it("expands the full view of a follower that starts in the middle of a reply", async () => {
    const { url, workspaceDir, a, faux } = await twoNodes(undefined, 200);
    expect((await a.call("POST", "/projects", { body: { name: "demo" } })).status).toBe(201);
    const created = await a.call("POST", "/projects/demo/sessions", {
      body: { provider: "faux", modelId: "faux-1" },
    });
    const session = `/projects/demo/sessions/${(await readJson(created)).id}`;
    const b = await startNode(await joinNode(url, { nodeId: "b" }), workspaceDir);
    faux.setResponses([fauxAssistantMessage("Slowly streamed words. ".repeat(60))]);
    expect((await a.call("POST", `${session}/prompt`, { body: { text: "go" } })).status).toBe(202);
    let middle = 0;
    for (let i = 0; i < 500 && middle === 0; i++) {
      const updates = (await page(a, `${session}/events`)).events.filter(
        (event) => (event.event as { type: string }).type === "message_update",
      );
      if (updates.length >= 5) middle = updates[2]?.id ?? 0;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(middle).toBeGreaterThan(0);
    const full = readSse(
      await b.call("GET", `${session}/events?view=full`, {
        headers: { "last-event-id": String(middle) },
      }),
    );
    await waitIdle(a, session);
    const onA = (await page(a, `${session}/events`, "full")).events.filter((e) => e.id > middle);
    expect(onA.length).toBeGreaterThan(10);
    await full.waitFor((frames) => frames.at(-1)?.id === onA.at(-1)?.id);
    expect(full.frames).toEqual(onA.map((event) => ({ id: event.id, data: event.event })));
    await full.close();
  });

  it("keeps a stream on node B going when the session's node crashes and node C takes it over", async () => {
    const { url, workspaceDir, a, faux } = await twoNodes();
    expect((await a.call("POST", "/projects", { body: { name: "demo" } })).status).toBe(201);
    const created = await a.call("POST", "/projects/demo/sessions", {
      body: { provider: "faux", modelId: "faux-1" },
    });
    const sessionId = (await readJson(created)).id as string;
    const session = `/projects/demo/sessions/${sessionId}`;
    faux.setResponses([
      fauxAssistantMessage("Before the crash."),
      fauxAssistantMessage("After it."),
    ]);
    expect((await a.call("POST", `${session}/prompt`, { body: { text: "one" } })).status).toBe(202);
    await waitIdle(a, session);
    const beforeCrash = (await page(a, `${session}/events`)).lastEventId;

    const b = await startNode(await joinNode(url, { nodeId: "b" }), workspaceDir);
    const stream = readSse(await b.call("GET", `${session}/events?lastEventId=0`));
    await stream.waitFor((frames) => frames.at(-1)?.id === beforeCrash);
    await (a.services.cluster as TestClusterNode).crash();

    const c = await startNode(await joinNode(url, { nodeId: "c" }), workspaceDir);
    const fauxOnC = installFauxProvider(c.services.credentials.org, {
      tokensPerSecond: 0,
      models: [{ id: "faux-1" }],
    });
    cleanups.push(async () => fauxOnC.unregister());
    fauxOnC.setResponses([fauxAssistantMessage("After it.")]);
    // A's project lease outlives it by up to one lease time: until then C answers 503.
    let prompted = await c.call("POST", `${session}/prompt`, { body: { text: "two" } });
    for (let i = 0; i < 200 && prompted.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      prompted = await c.call("POST", `${session}/prompt`, { body: { text: "two" } });
    }
    expect(prompted.status).toBe(202);
    await waitIdle(c, session);
    const onC = await page(c, `${session}/events`);
    expect(onC.lastEventId).toBeGreaterThan(beforeCrash);
    await stream.waitFor((frames) => frames.at(-1)?.id === onC.lastEventId);
    expect(stream.frames).toEqual(onC.events.map((event) => ({ id: event.id, data: event.event })));
    expect(ids(stream.frames)).toEqual([...new Set(ids(stream.frames))]);
    await stream.close();
  });
});
