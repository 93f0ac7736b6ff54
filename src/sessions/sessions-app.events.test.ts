import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { type SessionApp, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { StreamTicketSchema } from "../sse/stream-ticket-schema.js";

const sessions = "/projects/demo/sessions";
const token = "events-route-token";

interface Stream {
  response: Response;
  events: Array<{ id: number; data: Json }>;
  raw(): string;
  until(predicate: (events: Stream["events"]) => boolean): Promise<void>;
  close(): void;
}

/** Opens `path` in-process and parses what arrives with a real SSE parser. */
async function openStream(
  t: SessionApp,
  path: string,
  options: { headers?: Record<string, string>; token?: string | null } = {},
): Promise<Stream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { ...options.headers };
  const bearer = options.token === undefined ? undefined : options.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await t.app.request(`/v1${path}`, { headers, signal: controller.signal });
  const events: Stream["events"] = [];
  let raw = "";
  const parser = createParser({
    onEvent: (event) => events.push({ id: Number(event.id), data: JSON.parse(event.data) }),
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      const text = decoder.decode(chunk.value, { stream: true });
      raw += text;
      parser.feed(text);
    }
  })();
  return {
    response,
    events,
    raw: () => raw,
    async until(predicate) {
      for (let i = 0; i < 500 && !predicate(events); i++) {
        await Promise.race([pump, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
      if (!predicate(events)) throw new Error(`stream ended or stalled: ${raw}`);
    },
    close: () => controller.abort(),
  };
}

const ended = (events: Stream["events"]) => events.some((e) => e.data.type === "agent_end");
/** The run is over and the session reported itself idle: the last event of a run. */
const settled = (events: Stream["events"]) =>
  ended(events) && events.at(-1)?.data.type === "session_status";

describe("event stream routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  async function runOnce(t: SessionApp, sessionId: string) {
    t.faux.setResponses([fauxAssistantMessage("streamed")]);
    await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "hi" } });
    await t.waitForStatus(sessionId, "idle");
  }

  describe("GET …/events (sessions.events)", () => {
    it("streams the run with increasing ids after a connected comment", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const stream = await openStream(t, `${sessions}/${sessionId}/events`);
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
      expect(t.runtimes.stats().subscribers).toBe(1);
      await runOnce(t, sessionId);
      await stream.until(ended);
      stream.close();
      expect(stream.raw()).toContain(`: connected to ${sessionId}`);
      const types = stream.events.map((event) => event.data.type);
      expect(types).toEqual(expect.arrayContaining(["agent_start", "message_end", "agent_end"]));
      const ids = stream.events.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      await expect.poll(() => t.runtimes.stats().subscribers, { timeout: 5000 }).toBe(0);
    });

    it("replays after lastEventId, the Last-Event-ID header taking precedence", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const first = await openStream(t, `${sessions}/${sessionId}/events`);
      await runOnce(t, sessionId);
      await first.until(settled);
      first.close();
      const all = first.events.map((event) => event.id);
      const cut = all[2] as number;
      const caughtUp = (events: Stream["events"]) => events.at(-1)?.id === all.at(-1);

      const byQuery = await openStream(t, `${sessions}/${sessionId}/events?lastEventId=${cut}`);
      await byQuery.until(caughtUp);
      byQuery.close();
      expect(byQuery.events.map((event) => event.id)).toEqual(all.filter((id) => id > cut));

      const byHeader = await openStream(t, `${sessions}/${sessionId}/events?lastEventId=0`, {
        headers: { "last-event-id": String(all.at(-2)) },
      });
      await byHeader.until(caughtUp);
      byHeader.close();
      expect(byHeader.events.map((event) => event.id)).toEqual(all.slice(-1));
    });

    it.each([
      ["lastEventId=abc", "query.lastEventId"],
      ["lastEventId=-1", "query.lastEventId"],
      [`ticket=${"t".repeat(4097)}`, "query.ticket"],
    ])("rejects ?%s with 400 naming %s", async (query, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/events?${query}`);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
      expect(t.runtimes.stats().subscribers).toBe(0);
    });

    it("opens with the bearer token when auth is on", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const stream = await openStream(t, `${sessions}/${sessionId}/events`, { token });
      expect(stream.response.status).toBe(200);
      stream.close();
    });
  });

  describe("GET …/events with Accept: application/json (a page of events)", () => {
    const json = { accept: "application/json" };

    it("pages the events the stream carries, in order, in either view, up to the session's lastEventId", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const stream = await openStream(t, `${sessions}/${sessionId}/events?view=full`);
      await runOnce(t, sessionId);
      await stream.until(settled);
      stream.close();
      const detail = await readJson(await t.call("GET", `${sessions}/${sessionId}`));
      const listed = await readJson(await t.call("GET", sessions));
      expect(detail.lastEventId).toBe(stream.events.at(-1)?.id);
      expect(listed.items[0].lastEventId).toBe(detail.lastEventId);

      const paged: Array<{ id: number; event: Json }> = [];
      let after = 0;
      for (let guard = 0; guard < 50; guard++) {
        const response = await t.call(
          "GET",
          `${sessions}/${sessionId}/events?view=full&after=${after}&limit=3`,
          { headers: json },
        );
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        const page = await readJson(response);
        expect(page.gap).toBe(false);
        expect(page.lastEventId).toBe(detail.lastEventId);
        paged.push(...page.events);
        after = page.next;
        if (!page.hasMore) break;
      }
      expect(after).toBe(detail.lastEventId);
      expect(paged.map((event) => event.id)).toEqual(stream.events.map((event) => event.id));
      expect(paged.map((event) => event.event)).toEqual(stream.events.map((event) => event.data));

      const compact = await readJson(
        await t.call("GET", `${sessions}/${sessionId}/events?limit=1000`, { headers: json }),
      );
      const update = compact.events.find(
        (event: { event: Json }) => event.event.type === "message_update",
      );
      expect(update.event).not.toHaveProperty("message");
      expect(update.event.assistantMessageEvent).not.toHaveProperty("partial");
    });

    it.each([
      ["limit=1001", "query.limit"],
      ["limit=0", "query.limit"],
      ["after=abc", "query.after"],
      ["view=raw", "query.view"],
    ])("rejects ?%s with 400 naming %s", async (query, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/events?${query}`, {
        headers: json,
      });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
    });

    it("answers HEAD with the stream's headers and subscribes nothing, 401 without the token", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const anonymous = await t.call("HEAD", `${sessions}/${sessionId}/events`, { token: null });
      expect(anonymous.status).toBe(401);
      const live = await (await t.runtimes.get("demo")).getSession(sessionId);
      for (let i = 0; i < 3; i++) {
        const response = await t.call("HEAD", `${sessions}/${sessionId}/events`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toContain("text/event-stream");
        expect(await response.text()).toBe("");
      }
      expect(live.hub.subscriberCount).toBe(0);
      const health = await readJson(await t.call("GET", "/healthz"));
      expect(health.sse.subscribers).toBe(0);
      expect(health.sse.streams.sessions ?? 0).toBe(0);
    });

    it("refuses a stream beyond SSE_MAX_STREAMS with 503 and Retry-After, and serves pages", async () => {
      const t = await build(await tempDir(), { apiToken: token, maxStreams: 2 });
      const first = await t.session();
      const second = await t.session();
      const held = [
        await openStream(t, `${sessions}/${first}/events`, { token }),
        await openStream(t, `${sessions}/${second}/events`, { token }),
      ];
      const refused = await t.call("GET", `${sessions}/${first}/events`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(await readJson(refused)).toMatchObject({ code: "STREAM_LIMIT_REACHED" });
      const page = await t.call("GET", `${sessions}/${first}/events`, { headers: json });
      expect(page.status).toBe(200);
      expect((await t.call("HEAD", `${sessions}/${first}/events`)).status).toBe(200);
      const health = await readJson(await t.call("GET", "/healthz"));
      expect(health.sse.streams.sessions).toBe(2);
      expect(health.sse.maxStreams).toBe(2);
      expect(health.sse.subscribers).toBe(2);

      held[0]?.close();
      let reopened: Stream | undefined;
      for (let i = 0; i < 100 && !reopened; i++) {
        const attempt = await openStream(t, `${sessions}/${second}/events`, { token });
        if (attempt.response.status === 200) reopened = attempt;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(reopened?.response.headers.get("content-type")).toContain("text/event-stream");
      reopened?.close();
      held[1]?.close();
    });

    it("refuses an API token's stream beyond SSE_MAX_STREAMS_PER_TOKEN, its tickets included", async () => {
      const t = await build(await tempDir(), { apiToken: token, maxStreamsPerToken: 1 });
      const sessionId = await t.session();
      const created = await t.call("POST", "/tokens", {
        body: { name: "watcher", role: "viewer" },
      });
      expect(created.status).toBe(201);
      const secret = (await readJson(created)).secret as string;
      const path = `${sessions}/${sessionId}/events`;
      const held = await openStream(t, path, { token: secret });
      expect(held.response.status).toBe(200);

      const refused = await t.call("GET", path, { token: secret });
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(await readJson(refused)).toMatchObject({
        code: "STREAM_LIMIT_REACHED",
        detail: expect.stringContaining("SSE_MAX_STREAMS_PER_TOKEN"),
      });
      const ticketed = await t.call("POST", `${path}/tickets`, { token: secret });
      const ticket = StreamTicketSchema.parse(await readJson(ticketed));
      const byTicket = await t.call("GET", ticket.url.replace(/^\/v1/, ""), { token: null });
      expect(byTicket.status).toBe(503);
      const bootstrap = await openStream(t, path, { token });
      expect(bootstrap.response.status).toBe(200);
      const health = await readJson(await t.call("GET", "/healthz"));
      expect(health.sse).toMatchObject({ streams: { sessions: 2 }, maxStreamsPerToken: 1 });

      held.close();
      let reopened: Stream | undefined;
      for (let i = 0; i < 100 && !reopened; i++) {
        const attempt = await openStream(t, path, { token: secret });
        if (attempt.response.status === 200) reopened = attempt;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(reopened).toBeDefined();
      reopened?.close();
      bootstrap.close();
    });

    it("answers 404 for an unknown session and 401 without the bearer token", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const unknown = await t.call("GET", `${sessions}/nope/events`, { headers: json });
      expect(unknown.status).toBe(404);
      const anonymous = await t.call("GET", `${sessions}/${sessionId}/events`, {
        headers: json,
        token: null,
      });
      expect(anonymous.status).toBe(401);
      expect(await readJson(anonymous)).toMatchObject({ code: "UNAUTHORIZED" });
    });
  });

  describe("POST …/events/tickets (sessions.createStreamTicket)", () => {
    async function issue(t: SessionApp, sessionId: string) {
      const response = await t.call("POST", `${sessions}/${sessionId}/events/tickets`);
      expect(response.status).toBe(201);
      return StreamTicketSchema.parse(await readJson(response));
    }

    it("issues a ticket whose url opens only that session's stream without a header", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const other = await t.session();
      const issued = await issue(t, sessionId);
      expect(issued.url).toBe(`/v1${sessions}/${sessionId}/events?ticket=${issued.ticket}`);
      expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now());

      const stream = await openStream(t, issued.url.replace(/^\/v1/, ""), { token: null });
      expect(stream.response.status).toBe(200);
      await stream.until(() => stream.raw().includes(`connected to ${sessionId}`));
      stream.close();

      const query = `?ticket=${issued.ticket}`;
      const head = await t.call("HEAD", `${sessions}/${sessionId}/events${query}`, { token: null });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toContain("text/event-stream");
      for (const path of [`${sessions}/${other}/events`, `${sessions}/${sessionId}`]) {
        const response = await t.call("GET", `${path}${query}`, { token: null });
        expect(response.status, path).toBe(401);
        expect(await readJson(response)).toMatchObject({ code: "UNAUTHORIZED" });
      }
      const posted = await t.call("POST", `${sessions}/${sessionId}/abort${query}`, {
        token: null,
      });
      expect(posted.status).toBe(401);
    });

    it("issues tickets without auth configured too", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const issued = await issue(t, sessionId);
      expect(issued.ticket.length).toBeGreaterThan(16);
      const stream = await openStream(t, issued.url.replace(/^\/v1/, ""));
      expect(stream.response.status).toBe(200);
      stream.close();
    });
  });
});
