import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxToolCall, heldReply } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const endedAfter = (from: number) => (events: ReceivedEvent[]) =>
  events.slice(from).some((event) => event.data.type === "agent_end");
const started = (events: ReceivedEvent[]) =>
  events.some((event) => event.data.type === "message_update");
const runStarted = (events: ReceivedEvent[]) =>
  events.some((event) => event.data.type === "agent_start");

interface Message {
  role: string;
  content: string | Array<{ type: string; text?: string }>;
}
const textOf = (message: Message) =>
  typeof message.content === "string"
    ? message.content
    : message.content.map((block) => block.text ?? `[${block.type}]`).join("");

describe("driving a running session", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  async function post(booted: BootedServer, sessionId: string, action: string, body?: unknown) {
    return booted.api(`/projects/demo/sessions/${sessionId}/${action}`, {
      method: "POST",
      ...(body === undefined ? {} : { body }),
    });
  }

  async function history(booted: BootedServer, sessionId: string): Promise<Message[]> {
    return (await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`))).messages;
  }

  it("delivers a steer message after the current tool call, before the next model turn", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 200 });
    const sessionId = await booted.newSession();
    const seenByModel: string[] = [];
    // The first reply waits until the steer is in, so the steer lands inside its turn.
    const first = heldReply(
      fauxAssistantMessage(
        [
          fauxText("Let me write that file carefully. ".repeat(6)),
          fauxToolCall("write", { path: "a.txt", content: "a" }),
        ],
        { stopReason: "toolUse" },
      ),
    );
    booted.faux.setResponses([
      first.step,
      (context) => {
        seenByModel.push(...context.messages.map((m) => m.role));
        return fauxAssistantMessage("Steered.");
      },
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    expect((await post(booted, sessionId, "prompt", { text: "write a" })).status).toBe(202);
    await stream.waitFor(runStarted);
    const steer = await post(booted, sessionId, "steer", { text: "also mention b" });
    expect(steer.status).toBe(202);
    first.release();
    await stream.waitFor(endedAfter(0));
    stream.close();

    const messages = await history(booted, sessionId);
    expect(messages.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "toolResult",
      "user",
      "assistant",
    ]);
    expect(textOf(messages[3] as Message)).toBe("also mention b");
    expect(seenByModel.at(-1)).toBe("user");
  });

  it("runs a follow-up after the agent would have stopped", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 200 });
    const sessionId = await booted.newSession();
    // The first answer waits until the follow-up is in, so the run is still going.
    const first = heldReply(fauxAssistantMessage("First answer, streamed slowly. ".repeat(5)));
    booted.faux.setResponses([first.step, fauxAssistantMessage("Second answer.")]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await post(booted, sessionId, "prompt", { text: "one" });
    await stream.waitFor(runStarted);
    expect((await post(booted, sessionId, "follow-up", { text: "two" })).status).toBe(202);
    const busy = await post(booted, sessionId, "prompt", { text: "not now" });
    expect(busy.status).toBe(409);
    expect((await readJson(busy)).code).toBe("SESSION_BUSY");
    first.release();
    await stream.waitFor(endedAfter(0));
    stream.close();
    const messages = await history(booted, sessionId);
    expect(messages.map((m) => `${m.role}:${textOf(m).trim().slice(0, 14)}`)).toEqual([
      "user:one",
      "assistant:First answer, ",
      "user:two",
      "assistant:Second answer.",
    ]);
  });

  it("aborts a long run promptly and leaves the session usable", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 20 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("a very long answer ".repeat(500))]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await post(booted, sessionId, "prompt", { text: "talk forever" });
    await stream.waitFor(started);

    const abortedAt = Date.now();
    const abort = await post(booted, sessionId, "abort");
    expect(abort.status).toBe(200);
    expect((await readJson(abort)).status).toBe("idle");
    await stream.waitFor(endedAfter(0), 2000);
    expect(Date.now() - abortedAt).toBeLessThan(2000);
    const last = (await history(booted, sessionId)).at(-1) as Message & { stopReason?: string };
    expect(last.stopReason).toBe("aborted");

    booted.faux.setResponses([fauxAssistantMessage("back again")]);
    const from = stream.events.length;
    expect((await post(booted, sessionId, "prompt", { text: "hello?" })).status).toBe(202);
    await stream.waitFor(endedAfter(from));
    stream.close();
    expect(textOf((await history(booted, sessionId)).at(-1) as Message)).toBe("back again");
  });

  it("leaves no subscribers or live streams behind after 200 connect/disconnect cycles", async () => {
    const booted = await boot(await tempDir());
    const sessionId = await booted.newSession();
    const health = async () => readJson(await booted.api("/healthz"));
    const before = await health();
    for (let i = 0; i < 200; i++) {
      const stream = await openSse(booted.eventsUrl(sessionId));
      await stream.waitFor(() => stream.raw().includes("connected"));
      stream.close();
      await stream.closed;
    }
    expect(before.sse.streams).toEqual({});
    for (let i = 0; i < 100 && (await health()).sse.subscribers > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = await health();
    expect(after.sse.subscribers).toBe(0);
    expect(after.liveSessions).toBe(before.liveSessions);
    expect(booted.server.runtimes.stats().subscribers).toBe(0);
    expect(after.sse.streams).toEqual({ sessions: 0 });
  });

  it("deleting the project aborts its running session, closes its streams and frees its runtime", async () => {
    const workspace = await tempDir();
    const booted = await boot(workspace, { tokensPerSecond: 20 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("an endless answer ".repeat(500))]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await post(booted, sessionId, "prompt", { text: "talk" });
    await stream.waitFor(started);

    const removed = await booted.api("/projects/demo", { method: "DELETE" });
    expect(removed.status).toBe(204);
    await Promise.race([
      stream.closed,
      new Promise((_, reject) => setTimeout(() => reject(new Error("stream stayed open")), 3000)),
    ]);
    const health = await readJson(await booted.api("/healthz"));
    expect(health).toMatchObject({ runtimes: 0, liveSessions: 0, sse: { subscribers: 0 } });
    expect(health.sse.streams.sessions).toBe(0);
    expect((await booted.api(`/projects/demo/sessions/${sessionId}`)).status).toBe(404);
    await expect(readdir(join(workspace, ".pi-global", "sessions", "demo"))).rejects.toThrow();
  });
});
