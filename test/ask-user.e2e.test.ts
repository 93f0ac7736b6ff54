import { afterEach, describe, expect, it } from "vitest";
import {
  type BootedServer,
  bootServer,
  createSession,
  scriptAskUser,
  toolNames,
  waitUntilIdle,
} from "#test-support/ask-user-server.js";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { askUserLoopPolicy } from "../src/pi/ask-user-tool.js";

const ofType = (events: ReceivedEvent[], type: string) =>
  events.filter((event) => event.data.type === type).map((event) => event.data);
const ended = (events: ReceivedEvent[]) => ofType(events, "agent_end").length > 0;

describe("ask_user over HTTP + SSE (faux-scripted runs)", () => {
  const tempDir = useTempDirs();
  const booted: BootedServer[] = [];
  afterEach(async () => {
    await Promise.all(booted.splice(0).map(({ server }) => server.stop()));
  });

  async function setup(settings: Record<string, unknown> = { enabled: true }) {
    const server = await bootServer(await tempDir());
    booted.push(server);
    const sessionId = await createSession(server);
    const base = `/projects/demo/sessions/${sessionId}`;
    await server.json(`${base}/ask-user/settings`, 200, { method: "PATCH", body: settings });
    const prompt = (text = "work on it") =>
      server.json(`${base}/prompt`, 202, { method: "POST", body: { text } });
    const watch = () => openSse(`${server.server.url}/v1${base}/events`);
    const idle = () => waitUntilIdle(server, sessionId);
    return { ...server, sessionId, base, prompt, watch, idle };
  }

  it("hands out queued answers in FIFO order, then counts the direct reply that ended the run", async () => {
    const { faux, json, base, prompt, idle } = await setup();
    for (const text of ["first", "second", "third"]) {
      const item = await json(`${base}/ask-user/queue`, 201, { method: "POST", body: { text } });
      expect(item.text).toBe(text);
    }
    expect(
      (await json(`${base}/ask-user/queue`, 200)).items.map((i: { text: string }) => i.text),
    ).toEqual(["first", "second", "third"]);
    const script = scriptAskUser(faux, ["q1", "q2", "q3"]);
    await prompt();
    await idle();

    expect(script.answers()).toEqual(["first", "second", "third"]);
    expect((await json(`${base}/ask-user/queue`, 200)).items).toEqual([]);
    const counters = await json(`${base}/ask-user/counters`, 200);
    expect(counters).toMatchObject({
      askUserCalls: 3,
      runs: 1,
      directReplies: 1,
      otherToolCalls: 0,
    });
    expect(counters.startedAt).toEqual(expect.any(String));
  });

  it("cycles autopilot prompts 1→2→3→1 when the queue is empty", async () => {
    const { faux, prompt, idle } = await setup({
      enabled: true,
      autopilot: { enabled: true, prompts: ["one", "two", "three"] },
    });
    const script = scriptAskUser(faux, ["a", "b", "c", "d"]);
    await prompt();
    await idle();
    expect(script.answers()).toEqual(["one", "two", "three", "one"]);
  });

  it("asks a watching client when nothing is queued: pending request, awaiting_input, answered over HTTP", async () => {
    const { faux, json, api, base, prompt, watch } = await setup();
    const script = scriptAskUser(faux, ["Which database?"]);
    const stream = await watch();
    await prompt();
    await stream.waitFor((events) => ofType(events, "ask_user_waiting").length > 0);
    const [waiting] = ofType(stream.events, "ask_user_waiting");
    expect(waiting.question).toBe("Which database?");

    const pending = (await json(`${base}/extension-ui`, 200)).items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      id: waiting.requestId,
      method: "input",
      title: "Which database?",
    });
    expect(ofType(stream.events, "extension_ui_request").map((e) => e.id)).toContain(
      waiting.requestId,
    );
    expect((await json(base, 200)).status).toBe("awaiting_input");
    expect((await json(`${base}/ask-user`, 200)).waiting).toEqual([
      expect.objectContaining({ requestId: waiting.requestId, question: "Which database?" }),
    ]);

    const answered = await api(`${base}/extension-ui/${waiting.requestId}/response`, {
      method: "POST",
      body: { value: "Postgres" },
    });
    expect(answered.status).toBe(204);
    await stream.waitFor(ended);
    stream.close();
    expect(script.answers()).toEqual(["Postgres"]);
    expect(ofType(stream.events, "ask_user_answered")).toEqual([
      expect.objectContaining({ source: "user", answer: "Postgres", question: "Which database?" }),
    ]);
  });

  it("hands a newly queued answer straight to a waiting call", async () => {
    const { faux, json, base, prompt, watch } = await setup();
    const script = scriptAskUser(faux, ["next?"]);
    const stream = await watch();
    await prompt();
    await stream.waitFor((events) => ofType(events, "ask_user_waiting").length > 0);
    const item = await json(`${base}/ask-user/queue`, 201, {
      method: "POST",
      body: { text: "ship it" },
    });
    expect(item.position).toBe(0);
    await stream.waitFor(ended);
    stream.close();
    expect(script.answers()).toEqual(["ship it"]);
    expect((await json(`${base}/ask-user/queue`, 200)).items).toEqual([]);
    expect((await json(`${base}/extension-ui`, 200)).items).toEqual([]);
  });

  it("falls back after the wait timeout", async () => {
    const { faux, json, base, prompt, watch } = await setup({
      enabled: true,
      waitTimeoutSeconds: 1,
      fallbackAnswer: "keep going",
    });
    const script = scriptAskUser(faux, ["anyone there?"]);
    const stream = await watch();
    await prompt();
    await stream.waitFor(ended);
    stream.close();
    expect(script.answers()).toEqual(["keep going"]);
    expect(ofType(stream.events, "ask_user_waiting")[0].timeoutMs).toBe(1000);
    expect(ofType(stream.events, "ask_user_answered")).toEqual([
      expect.objectContaining({
        source: "fallback",
        fallbackReason: "timeout",
        answer: "keep going",
      }),
    ]);
    expect((await json(`${base}/extension-ui`, 200)).items).toEqual([]);
  });

  it("answers the fallback at once when nobody watches the stream", async () => {
    const { faux, prompt, idle } = await setup();
    const script = scriptAskUser(faux, ["hello?"]);
    await prompt();
    await idle();
    expect(script.answers()).toEqual(["continue"]);
  });

  it("stop releases a waiting call with `stop` and does not count the final reply as a miss", async () => {
    const { faux, json, base, prompt, watch } = await setup();
    const script = scriptAskUser(faux, ["shall I go on?"], "Stopping as asked.");
    const stream = await watch();
    await prompt();
    await stream.waitFor((events) => ofType(events, "ask_user_waiting").length > 0);
    expect(await json(`${base}/ask-user/stop`, 200, { method: "POST" })).toEqual({
      released: 1,
      stopRequested: false,
    });
    await stream.waitFor(ended);
    stream.close();
    expect(script.answers()).toEqual(["stop"]);
    expect(await json(`${base}/ask-user/counters`, 200)).toMatchObject({
      runs: 1,
      directReplies: 0,
    });
  });

  it("stop with nothing waiting makes the next call answer `stop`, ahead of the queue", async () => {
    const { faux, json, base, prompt, idle } = await setup();
    await json(`${base}/ask-user/queue`, 201, { method: "POST", body: { text: "queued" } });
    expect(await json(`${base}/ask-user/stop`, 200, { method: "POST" })).toEqual({
      released: 0,
      stopRequested: true,
    });
    const script = scriptAskUser(faux, ["one", "two"]);
    await prompt();
    await idle();
    expect(script.answers()).toEqual(["stop", "queued"]);
    expect((await json(`${base}/ask-user`, 200)).stopRequested).toBe(false);
  });

  it("keeps the tool out of the model's tool list while disabled, and adds it with the loop policy when enabled", async () => {
    const { faux, json, base, prompt, idle } = await setup({ enabled: false });
    const disabled = scriptAskUser(faux, []);
    await prompt();
    await idle();
    expect(toolNames(disabled.contexts[0])).toEqual(expect.arrayContaining(["read", "bash"]));
    expect(toolNames(disabled.contexts[0])).not.toContain("ask_user");
    expect(disabled.contexts[0]?.systemPrompt).not.toContain(askUserLoopPolicy);

    await json(`${base}/ask-user/settings`, 200, { method: "PATCH", body: { enabled: true } });
    const enabled = scriptAskUser(faux, []);
    await prompt();
    await idle();
    expect(toolNames(enabled.contexts[0])).toContain("ask_user");
    expect(enabled.contexts[0]?.systemPrompt?.endsWith(askUserLoopPolicy)).toBe(true);

    await json(`${base}/ask-user/settings`, 200, { method: "PATCH", body: { enabled: false } });
    const again = scriptAskUser(faux, []);
    await prompt();
    await idle();
    expect(toolNames(again.contexts[0])).not.toContain("ask_user");
  });

  it("counts other tool calls and warns once when the call threshold is reached", async () => {
    const { faux, json, base, prompt, watch } = await setup({
      enabled: true,
      warnAfterAskUserCalls: 2,
      autopilot: { enabled: true, prompts: ["go on"] },
    });
    faux.setResponses([
      fauxAssistantMessage([fauxToolCall("ls", { path: "." })], { stopReason: "toolUse" }),
      fauxAssistantMessage([fauxToolCall("ask_user", { question: "1" })], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage([fauxToolCall("ask_user", { question: "2" })], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage([fauxToolCall("ask_user", { question: "3" })], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage("done"),
    ]);
    const stream = await watch();
    await prompt();
    await stream.waitFor(ended);
    stream.close();
    expect(ofType(stream.events, "ask_user_warning")).toEqual([
      expect.objectContaining({ kind: "ask_user_calls", threshold: 2, value: 2 }),
    ]);
    expect(await json(`${base}/ask-user/counters`, 200)).toMatchObject({
      askUserCalls: 3,
      otherToolCalls: 1,
      runs: 1,
      directReplies: 1,
    });
    const reset = await json(`${base}/ask-user/counters/reset`, 200, { method: "POST" });
    expect(reset).toMatchObject({ askUserCalls: 0, otherToolCalls: 0, runs: 0, startedAt: null });
  });
});
