import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  heldReply,
} from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const types = (events: ReceivedEvent[]) => events.map((event) => event.data.type as string);
const ended = (events: ReceivedEvent[]) => types(events).includes("agent_end");

describe("sessions over HTTP + SSE", () => {
  const tempDir = useTempDirs();
  const servers = useSessionServers();

  const boot = servers.boot;

  it("streams a prompt with thinking, text and a real write tool call, in order, ending in agent_end", async () => {
    const workspace = await tempDir();
    const { faux, api, server, newSession } = await boot(workspace);
    const sessionId = await newSession();
    faux.setResponses([
      fauxAssistantMessage(
        [
          fauxThinking("plan"),
          fauxText("Writing it."),
          fauxToolCall("write", { path: "hello.txt", content: "hi there" }),
        ],
        { stopReason: "toolUse" },
      ),
      fauxAssistantMessage("Done."),
    ]);
    const stream = await openSse(`${server.url}/v1/projects/demo/sessions/${sessionId}/events`);
    const prompt = await api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "write hello" },
    });
    expect(prompt.status).toBe(202);
    await stream.waitFor(ended);
    stream.close();

    const seen = types(stream.events).filter((type) => type !== "session_status");
    expect(seen.slice(0, 3)).toEqual(["agent_start", "turn_start", "message_start"]);
    expect(seen).toContain("tool_execution_start");
    expect(seen.indexOf("tool_execution_end")).toBeGreaterThan(
      seen.indexOf("tool_execution_start"),
    );
    expect(seen.at(-1)).toBe("agent_end");
    const updates = stream.events
      .filter((e) => e.data.type === "message_update")
      .map((e) => e.data.assistantMessageEvent.type);
    expect(updates).toEqual(
      expect.arrayContaining(["thinking_delta", "text_delta", "toolcall_start", "toolcall_end"]),
    );
    const ids = stream.events.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(stream.raw()).toContain(`: connected to ${sessionId}`);
    expect(await readFile(join(workspace, "demo", "hello.txt"), "utf8")).toBe("hi there");

    const detail = await readJson(await api(`/projects/demo/sessions/${sessionId}`));
    expect(detail.status).toBe("idle");
    expect(detail.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "toolResult",
      "assistant",
    ]);
  });

  it("replays missed events after Last-Event-ID with no gap and no duplicate", async () => {
    const { faux, api, server, newSession, waitUntilIdle } = await boot(await tempDir(), {
      tokensPerSecond: 400,
    });
    const sessionId = await newSession();
    // The reply is held until the first client has gone, so it misses the whole reply.
    const reply = heldReply(fauxAssistantMessage([fauxText("word ".repeat(120))]));
    faux.setResponses([reply.step]);
    const url = `${server.url}/v1/projects/demo/sessions/${sessionId}/events`;
    const first = await openSse(url);
    await api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "go" },
    });
    await first.waitFor((events) => events.some((event) => event.data.type === "message_end"));
    first.close();
    await first.closed;
    reply.release();
    expect(ended(first.events)).toBe(false);
    const lastSeen = first.events.at(-1)?.id ?? 0;

    await waitUntilIdle(sessionId);
    const settle = async (lastEventId: number) => {
      const stream = await openSse(url, { lastEventId });
      await stream.waitFor(ended);
      await new Promise((resolve) => setTimeout(resolve, 100));
      stream.close();
      return stream.events.map((event) => event.id);
    };
    const complete = await settle(0);
    const second = await settle(lastSeen);
    expect([...first.events.map((event) => event.id), ...second]).toEqual(complete);
  });

  it("keeps history and the event id sequence across a restart", async () => {
    const workspace = await tempDir();
    const first = await boot(workspace);
    const sessionId = await first.newSession();
    first.faux.setResponses([fauxAssistantMessage("before restart")]);
    const stream = await openSse(
      `${first.server.url}/v1/projects/demo/sessions/${sessionId}/events`,
    );
    await first.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "hello" },
    });
    await stream.waitFor(ended);
    stream.close();
    const lastBefore = stream.events.at(-1)?.id ?? 0;
    await servers.stop(first);

    const second = await boot(workspace);
    const history = await readJson(await second.api(`/projects/demo/sessions/${sessionId}`));
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    const resumed = await openSse(
      `${second.server.url}/v1/projects/demo/sessions/${sessionId}/events`,
      { lastEventId: lastBefore },
    );
    await resumed
      .waitFor((events) => events.some((e) => e.data.type === "replay_gap"), 5000)
      .catch(() => undefined);
    second.faux.setResponses([fauxAssistantMessage("after restart")]);
    await second.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "again" },
    });
    await resumed.waitFor(ended);
    resumed.close();
    for (const event of resumed.events) {
      if (event.data.type === "replay_gap") expect(event.id).toBeUndefined();
      else expect(event.id).toBeGreaterThan(lastBefore);
    }
  });

  it("404s every session route of an unknown project without building a runtime", async () => {
    const { api, server } = await boot(await tempDir());
    for (const [method, path] of [
      ["GET", "/projects/ghost/sessions"],
      ["POST", "/projects/ghost/sessions"],
      ["GET", "/projects/ghost/sessions/abc"],
      ["GET", "/projects/ghost/sessions/abc/events"],
      ["POST", "/projects/ghost/sessions/abc/abort"],
    ] as const) {
      const response = await api(path, { method, ...(method === "POST" ? { body: {} } : {}) });
      expect(response.status, path).toBe(404);
      expect((await readJson(response)).code).toBe("PROJECT_NOT_FOUND");
    }
    expect(server.runtimes.size).toBe(0);
  });

  it("404s an unknown session of a known project", async () => {
    const { api } = await boot(await tempDir());
    await api("/projects", { method: "POST", body: { name: "Demo" } });
    const response = await api("/projects/demo/sessions/does-not-exist");
    expect(response.status).toBe(404);
    expect((await readJson(response)).code).toBe("SESSION_NOT_FOUND");
  });
});
