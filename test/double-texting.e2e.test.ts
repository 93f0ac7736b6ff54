import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxToolCall, heldReply } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

interface Message {
  role: string;
  content: string | Array<{ type: string; text?: string }>;
  stopReason?: string;
}
const textOf = (message: Message) =>
  typeof message.content === "string"
    ? message.content
    : message.content.map((block) => block.text ?? `[${block.type}]`).join("");
const line = (message: Message) => `${message.role}:${textOf(message).trim().slice(0, 14)}`;

const started = (events: ReceivedEvent[]) =>
  events.some((event) => event.data.type === "message_update");
const queueChanges = (events: ReceivedEvent[]) =>
  events
    .filter((event) => event.data.type === "prompt_queue")
    .map((event) => `${event.data.change}:${event.data.items.length}`);

/** A first answer long enough to still be streaming while the test sends more prompts. */
const slowAnswer = () => fauxAssistantMessage("First answer, streamed slowly. ".repeat(30));

describe("double-texting: prompts sent while a session is busy", () => {
  const tempDir = useTempDirs();
  const { boot, stop } = useSessionServers();

  const sessionPath = (sessionId: string) => `/projects/demo/sessions/${sessionId}`;

  function prompt(booted: BootedServer, sessionId: string, body: Record<string, unknown>) {
    return booted.api(`${sessionPath(sessionId)}/prompt`, { method: "POST", body });
  }

  async function history(booted: BootedServer, sessionId: string): Promise<Message[]> {
    return (await readJson(await booted.api(sessionPath(sessionId)))).messages;
  }

  async function queue(booted: BootedServer, sessionId: string) {
    const response = await booted.api(`${sessionPath(sessionId)}/queue`);
    expect(response.status).toBe(200);
    return readJson(response);
  }

  /** Waits until the queue is empty and the session idle. */
  async function drained(booted: BootedServer, sessionId: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // The queue first: a prompt leaves it only once its run has started, so an empty
      // queue and then an idle session mean nothing runs or waits. Read together, the
      // status could predate the start of a prompt the queue no longer shows.
      const queued = await queue(booted, sessionId);
      const detail = await readJson(await booted.api(sessionPath(sessionId)));
      if (queued.items.length === 0 && detail.status === "idle") return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the queue never drained");
  }

  it("enqueue: three prompts sent during a run execute in order after it", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 100 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([
      slowAnswer(),
      fauxAssistantMessage("Answer two."),
      fauxAssistantMessage("Answer three."),
      fauxAssistantMessage("Answer four."),
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    expect((await prompt(booted, sessionId, { text: "one" })).status).toBe(202);
    await stream.waitFor(started);

    const answers = [];
    for (const text of ["two", "three", "four"]) {
      const response = await prompt(booted, sessionId, { text, onBusy: "enqueue" });
      expect(response.status).toBe(202);
      answers.push(await readJson(response));
    }
    expect(
      answers.map((answer) => [answer.outcome, answer.item.text, answer.item.position]),
    ).toEqual([
      ["queued", "two", 1],
      ["queued", "three", 2],
      ["queued", "four", 3],
    ]);
    const listed = await queue(booted, sessionId);
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual(
      answers.map((answer) => answer.item.id),
    );
    expect(listed.onBusy).toBe("reject");
    // Still busy while prompts wait: a prompt without a policy is refused, not run out of turn.
    const refused = await prompt(booted, sessionId, { text: "not now" });
    expect(refused.status).toBe(409);
    expect(await readJson(refused)).toMatchObject({ code: "SESSION_BUSY" });

    await drained(booted, sessionId);
    await stream.waitFor((events) => queueChanges(events).length === 6);
    stream.close();
    expect((await history(booted, sessionId)).map(line)).toEqual([
      "user:one",
      "assistant:First answer, ",
      "user:two",
      "assistant:Answer two.",
      "user:three",
      "assistant:Answer three.",
      "user:four",
      "assistant:Answer four.",
    ]);
    expect(queueChanges(stream.events)).toEqual([
      "queued:1",
      "queued:2",
      "queued:3",
      "started:2",
      "started:1",
      "started:0",
    ]);
  });

  it("enqueue: a cancelled prompt never runs; cancelling it again is 404", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 100 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([
      slowAnswer(),
      fauxAssistantMessage("Answer two."),
      fauxAssistantMessage("Answer four."),
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await prompt(booted, sessionId, { text: "one" });
    await stream.waitFor(started);
    const ids: string[] = [];
    for (const text of ["two", "three", "four"]) {
      ids.push(
        (await readJson(await prompt(booted, sessionId, { text, onBusy: "enqueue" }))).item.id,
      );
    }
    const cancel = () =>
      booted.api(`${sessionPath(sessionId)}/queue/${ids[1]}`, { method: "DELETE" });
    expect((await cancel()).status).toBe(204);
    const again = await cancel();
    expect(again.status).toBe(404);
    expect(await readJson(again)).toMatchObject({ code: "QUEUED_PROMPT_NOT_FOUND" });
    expect(
      (await queue(booted, sessionId)).items.map(
        (item: { text: string; position: number }) => `${item.position}:${item.text}`,
      ),
    ).toEqual(["1:two", "2:four"]);

    await drained(booted, sessionId);
    stream.close();
    expect((await history(booted, sessionId)).map(line)).toEqual([
      "user:one",
      "assistant:First answer, ",
      "user:two",
      "assistant:Answer two.",
      "user:four",
      "assistant:Answer four.",
    ]);
    expect(queueChanges(stream.events)).toContain("cancelled:2");
  });

  it("interrupt: aborts the current run, then runs the new prompt", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 20 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([
      fauxAssistantMessage("an endless answer ".repeat(500)),
      fauxAssistantMessage("Instead."),
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await prompt(booted, sessionId, { text: "talk forever" });
    await stream.waitFor(started);

    const sentAt = Date.now();
    const response = await prompt(booted, sessionId, {
      text: "stop, do this",
      onBusy: "interrupt",
    });
    expect(response.status).toBe(202);
    expect(await readJson(response)).toEqual({ accepted: true, outcome: "interrupted" });
    expect(Date.now() - sentAt).toBeLessThan(3000);
    await drained(booted, sessionId);
    stream.close();

    const messages = await history(booted, sessionId);
    expect(messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(messages[1]?.stopReason).toBe("aborted");
    expect(textOf(messages[2] as Message)).toBe("stop, do this");
    expect(textOf(messages[3] as Message)).toBe("Instead.");
    const agentEnds = stream.events.filter((event) => event.data.type === "agent_end");
    expect(agentEnds).toHaveLength(2);
  });

  it("the session's default policy applies when the prompt names none, and a request overrides it", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 100 });
    const sessionId = await booted.newSession();
    const patched = await booted.api(`${sessionPath(sessionId)}/settings`, {
      method: "PATCH",
      body: { onBusy: "enqueue" },
    });
    expect(patched.status).toBe(200);
    expect(await readJson(patched)).toMatchObject({ onBusy: "enqueue" });
    booted.faux.setResponses([slowAnswer(), fauxAssistantMessage("Answer two.")]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    // The default matters only while busy: a free session runs the prompt.
    expect(await readJson(await prompt(booted, sessionId, { text: "one" }))).toEqual({
      accepted: true,
      outcome: "started",
    });
    await stream.waitFor(started);

    const queued = await prompt(booted, sessionId, { text: "two" });
    expect(queued.status).toBe(202);
    expect(await readJson(queued)).toMatchObject({ outcome: "queued", item: { position: 1 } });
    const overridden = await prompt(booted, sessionId, { text: "no", onBusy: "reject" });
    expect(overridden.status).toBe(409);
    expect(await readJson(overridden)).toMatchObject({ code: "SESSION_BUSY" });

    await drained(booted, sessionId);
    stream.close();
    expect((await history(booted, sessionId)).map(line)).toEqual([
      "user:one",
      "assistant:First answer, ",
      "user:two",
      "assistant:Answer two.",
    ]);
    expect((await readJson(await booted.api(`${sessionPath(sessionId)}/settings`))).onBusy).toBe(
      "enqueue",
    );
  });

  it("steer as the policy delivers the prompt after the current tool call, inside the run", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 200 });
    const sessionId = await booted.newSession();
    // The first reply waits until the steer is in, so the run is still going.
    const first = heldReply(
      fauxAssistantMessage(
        [
          fauxText("Let me write that file carefully. ".repeat(6)),
          fauxToolCall("write", { path: "a.txt", content: "a" }),
        ],
        { stopReason: "toolUse" },
      ),
    );
    booted.faux.setResponses([first.step, fauxAssistantMessage("Steered.")]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await prompt(booted, sessionId, { text: "write a" });
    await stream.waitFor((events) => events.some((event) => event.data.type === "agent_start"));
    const response = await prompt(booted, sessionId, { text: "also mention b", onBusy: "steer" });
    expect(await readJson(response)).toEqual({ accepted: true, outcome: "steer" });
    first.release();
    await drained(booted, sessionId);
    stream.close();
    const messages = await history(booted, sessionId);
    expect(messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "toolResult",
      "user",
      "assistant",
    ]);
    expect(textOf(messages[3] as Message)).toBe("also mention b");
    expect(stream.events.filter((event) => event.data.type === "agent_end")).toHaveLength(1);
  });

  it("followUp as the policy hands the prompt to pi's follow-up queue", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 100 });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([slowAnswer(), fauxAssistantMessage("Followed up.")]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    await prompt(booted, sessionId, { text: "one" });
    await stream.waitFor(started);
    const response = await prompt(booted, sessionId, { text: "two", onBusy: "followUp" });
    expect(await readJson(response)).toEqual({ accepted: true, outcome: "followUp" });
    await drained(booted, sessionId);
    stream.close();
    expect((await history(booted, sessionId)).map(line)).toEqual([
      "user:one",
      "assistant:First answer, ",
      "user:two",
      "assistant:Followed up.",
    ]);
    // pi ran it inside the same run: one agent_end, nothing in the server's queue.
    expect(stream.events.filter((event) => event.data.type === "agent_end")).toHaveLength(1);
    expect(queueChanges(stream.events)).toEqual([]);
  });

  it("the queue and the default survive a restart and run on by themselves", async () => {
    const workspace = await tempDir();
    const first = await boot(workspace, { tokensPerSecond: 20 });
    const sessionId = await first.newSession();
    await first.api(`${sessionPath(sessionId)}/settings`, {
      method: "PATCH",
      body: { onBusy: "enqueue" },
    });
    first.faux.setResponses([fauxAssistantMessage("an endless answer ".repeat(500))]);
    const stream = await openSse(first.eventsUrl(sessionId));
    await prompt(first, sessionId, { text: "talk forever" });
    await stream.waitFor(started);
    for (const text of ["after restart one", "after restart two"]) {
      expect((await readJson(await prompt(first, sessionId, { text }))).outcome).toBe("queued");
    }
    const file = join(
      workspace,
      ".pi-global",
      "sessions",
      "demo",
      `${sessionId}.prompt-queue.json`,
    );
    const onDisk = JSON.parse(await readFile(file, "utf8"));
    expect(onDisk.items.map((item: { text: string }) => item.text)).toEqual([
      "after restart one",
      "after restart two",
    ]);
    stream.close();
    await stop(first);

    const second = await boot(workspace, { tokensPerSecond: 200 });
    second.faux.setResponses([
      fauxAssistantMessage("Resumed one."),
      fauxAssistantMessage("Resumed two."),
    ]);
    // Nothing asks for the session: the server opens it and runs the queue by itself.
    const deadline = Date.now() + 20_000;
    while (second.faux.state.callCount < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(second.faux.state.callCount).toBe(2);
    await drained(second, sessionId);
    const messages = await history(second, sessionId);
    expect(messages.slice(-4).map((message) => `${message.role}:${textOf(message)}`)).toEqual([
      "user:after restart one",
      "assistant:Resumed one.",
      "user:after restart two",
      "assistant:Resumed two.",
    ]);
    const users = messages.filter((message) => message.role === "user").map(textOf);
    expect(users.filter((text) => text.startsWith("after restart"))).toHaveLength(2);
    expect((await readJson(await second.api(`${sessionPath(sessionId)}/settings`))).onBusy).toBe(
      "enqueue",
    );
  });
});
