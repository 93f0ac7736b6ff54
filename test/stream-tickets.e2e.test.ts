import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { openSse } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const token = "stream-ticket-test-token-0123456789ab";

describe("browser stream tickets with auth on", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  async function bootWithToken(ttlMs = "60000") {
    return boot(await tempDir(), {
      env: { AGENT_SERVER_TOKEN: token, AGENT_SERVER_STREAM_TICKET_TTL_MS: ttlMs },
    });
  }

  async function issue(booted: Awaited<ReturnType<typeof bootWithToken>>, sessionId: string) {
    const response = await booted.api(`/projects/demo/sessions/${sessionId}/events/tickets`, {
      method: "POST",
    });
    expect(response.status).toBe(201);
    return readJson(response);
  }

  it("opens the session's stream without a header, and the stream carries the run", async () => {
    const booted = await bootWithToken();
    const sessionId = await booted.newSession();
    const issued = await issue(booted, sessionId);
    expect(issued.url).toBe(
      `/v1/projects/demo/sessions/${sessionId}/events?ticket=${issued.ticket}`,
    );
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now());

    const stream = await openSse(`${booted.server.url}${issued.url}`);
    booted.faux.setResponses([fauxAssistantMessage("over a ticket")]);
    await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "hi" },
    });
    await stream.waitFor((events) => events.some((event) => event.data.type === "agent_end"));
    stream.close();

    const again = await openSse(`${booted.server.url}${issued.url}`, { lastEventId: 0 });
    await again.waitFor((events) => events.some((event) => event.data.type === "agent_end"));
    again.close();
  });

  it("rejects the stream without a token or ticket, and with a made-up ticket", async () => {
    const booted = await bootWithToken();
    const sessionId = await booted.newSession();
    for (const query of ["", "?ticket=made-up"]) {
      const response = await fetch(`${booted.eventsUrl(sessionId)}${query}`);
      expect(response.status).toBe(401);
      expect((await readJson(response)).code).toBe("UNAUTHORIZED");
    }
  });

  it("does not open another session's stream or any other route", async () => {
    const booted = await bootWithToken();
    const first = await booted.newSession();
    const second = await booted.newSession();
    const { ticket } = await issue(booted, first);
    expect((await fetch(`${booted.eventsUrl(second)}?ticket=${ticket}`)).status).toBe(401);
    const detail = await fetch(
      `${booted.server.url}/v1/projects/demo/sessions/${first}?ticket=${ticket}`,
    );
    expect(detail.status).toBe(401);
    const prompt = await fetch(
      `${booted.server.url}/v1/projects/demo/sessions/${first}/prompt?ticket=${ticket}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"x"}' },
    );
    expect(prompt.status).toBe(401);
  });

  it("stops opening streams once expired", async () => {
    const booted = await bootWithToken("1000");
    const sessionId = await booted.newSession();
    const { ticket } = await issue(booted, sessionId);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await fetch(`${booted.eventsUrl(sessionId)}?ticket=${ticket}`)).status).toBe(401);
  });

  it("is issued only to authenticated callers, for sessions that exist", async () => {
    const booted = await bootWithToken();
    const sessionId = await booted.newSession();
    const url = `${booted.server.url}/v1/projects/demo/sessions/${sessionId}/events/tickets`;
    expect((await fetch(url, { method: "POST" })).status).toBe(401);
    const unknown = await booted.api("/projects/demo/sessions/nope/events/tickets", {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).code).toBe("SESSION_NOT_FOUND");
    const ghost = await booted.api("/projects/ghost/sessions/nope/events/tickets", {
      method: "POST",
    });
    expect((await readJson(ghost)).code).toBe("PROJECT_NOT_FOUND");
  });

  it("opens the org task stream with a task-stream ticket, and only that stream", async () => {
    const booted = await bootWithToken();
    const sessionId = await booted.newSession();
    const unauthenticated = await fetch(`${booted.server.url}/v1/tasks/events/tickets`, {
      method: "POST",
    });
    expect(unauthenticated.status).toBe(401);
    const response = await booted.api("/tasks/events/tickets", { method: "POST" });
    expect(response.status).toBe(201);
    const issued = await readJson(response);
    expect(issued.url).toBe(`/v1/tasks/events?ticket=${issued.ticket}`);

    const stream = await openSse(`${booted.server.url}${issued.url}`);
    await stream.waitFor(() => stream.raw().includes(": connected"));
    stream.close();
    expect((await fetch(`${booted.eventsUrl(sessionId)}?ticket=${issued.ticket}`)).status).toBe(
      401,
    );
    const sessionTicket = (await issue(booted, sessionId)).ticket;
    const crossed = await fetch(`${booted.server.url}/v1/tasks/events?ticket=${sessionTicket}`);
    expect(crossed.status).toBe(401);
  });
});
