import { describe, expect, it } from "vitest";
import { AgentApiError, createAgentClient } from "./agent-client.js";
import { answerDialog, ensureProject, runPrompt } from "./flows.js";

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** A fetch over a route table, recording every request (REST and stream alike). */
function routedFetch(routes: Record<string, (seen: Seen) => Response>) {
  const seen: Seen[] = [];
  const fetch = (async (input: Request | string, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const entry: Seen = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: request.method === "GET" ? "" : await request.text(),
    };
    seen.push(entry);
    const route = routes[`${entry.method} ${url.pathname}`];
    return route ? route(entry) : new Response("{}", { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const session = "/v1/projects/demo/sessions/s1";

describe("createAgentClient", () => {
  it("sends the token as a bearer header, and no authorization header without one", async () => {
    const { fetch, seen } = routedFetch({ "GET /v1/projects": () => json({ projects: [] }) });
    await createAgentClient({ baseUrl: "http://agents.test", token: "t0k", fetch }).GET(
      "/v1/projects",
    );
    await createAgentClient({ baseUrl: "http://agents.test", fetch }).GET("/v1/projects");
    expect(seen.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer t0k",
      null,
    ]);
  });
});

describe("ensureProject", () => {
  it("creates the project by name and throws the problem of a refusal", async () => {
    const project = { id: "my-app", name: "My App", projectDir: "/w/my-app", createdAt: "x" };
    const ok = routedFetch({ "POST /v1/projects": () => json(project, 201) });
    const client = createAgentClient({ baseUrl: "http://agents.test", fetch: ok.fetch });
    expect(await ensureProject(client, "My App")).toEqual(project);
    expect(JSON.parse(ok.seen[0]?.body ?? "")).toEqual({ name: "My App" });

    const refused = routedFetch({
      "POST /v1/projects": () => json({ code: "UNAUTHORIZED", detail: "no token" }, 401),
    });
    const other = createAgentClient({ baseUrl: "http://agents.test", fetch: refused.fetch });
    const error = await ensureProject(other, "My App").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentApiError);
    expect((error as AgentApiError).status).toBe(401);
  });
});

describe("runPrompt", () => {
  it("streams from the session's lastEventId and resolves with agent_end's last assistant message", async () => {
    const reply = { role: "assistant", content: [{ type: "text", text: "Hi" }] };
    const frames = [
      'id: 8\ndata: {"type":"agent_start"}\n\n',
      `id: 9\ndata: ${JSON.stringify({ type: "agent_end", messages: [{ role: "user", content: "Hello" }, reply] })}\n\n`,
    ];
    const { fetch, seen } = routedFetch({
      [`GET ${session}`]: () => json({ id: "s1", lastEventId: 7 }),
      [`POST ${session}/prompt`]: () => new Response(null, { status: 202 }),
      [`GET ${session}/events`]: () => new Response(frames.join(""), { status: 200 }),
    });
    const client = createAgentClient({ baseUrl: "http://agents.test", token: "t", fetch });
    const types: string[] = [];
    const result = await runPrompt(client, {
      projectId: "demo",
      sessionId: "s1",
      text: "Hello",
      onEvent: (event) => {
        types.push(event.type);
      },
    });
    expect(result.message).toEqual(reply);
    expect(types).toEqual(["agent_start", "agent_end"]);
    const stream = seen.find((request) => request.path.endsWith("/events"));
    expect(stream?.headers.get("last-event-id")).toBe("7");
    expect(stream?.headers.get("authorization")).toBe("Bearer t");
    const prompt = seen.find((request) => request.path.endsWith("/prompt"));
    expect(JSON.parse(prompt?.body ?? "")).toEqual({ text: "Hello" });
  });

  it("fails with the refusal when the prompt is not accepted", async () => {
    const { fetch } = routedFetch({
      [`GET ${session}`]: () => json({ id: "s1", lastEventId: 0 }),
      [`POST ${session}/prompt`]: () => json({ code: "SESSION_BUSY" }, 409),
      [`GET ${session}/events`]: () => new Response(": connected\n\n", { status: 200 }),
    });
    const client = createAgentClient({ baseUrl: "http://agents.test", fetch });
    await expect(
      runPrompt(client, { projectId: "demo", sessionId: "s1", text: "Hello" }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe("answerDialog", () => {
  it("posts the answer to the request's response route", async () => {
    const { fetch, seen } = routedFetch({
      [`POST ${session}/extension-ui/r1/response`]: () => new Response(null, { status: 204 }),
    });
    const client = createAgentClient({ baseUrl: "http://agents.test", fetch });
    await answerDialog(
      client,
      { projectId: "demo", sessionId: "s1", requestId: "r1" },
      { confirmed: true },
    );
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ confirmed: true });
  });
});
