import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import {
  modelWithoutCredentials,
  type SessionApp,
  useSessionApps,
} from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { PromptQueue, PromptQueueStore } from "./prompt-queue.js";

const sessions = "/projects/demo/sessions";

describe("the prompt queue over the session routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  const prompt = (t: SessionApp, sessionId: string, body: Json) =>
    t.call("POST", `${sessions}/${sessionId}/prompt`, { body });
  const queueOf = async (t: SessionApp, sessionId: string) =>
    readJson(await t.call("GET", `${sessions}/${sessionId}/queue`));
  const queueEvents = async (t: SessionApp, sessionId: string) => {
    const page = await readJson(
      await t.call("GET", `${sessions}/${sessionId}/events?after=0&limit=1000`, {
        headers: { accept: "application/json" },
      }),
    );
    return page.events
      .map((entry: { event: Json }) => entry.event)
      .filter((event: Json) => event.type === "prompt_queue");
  };

  it.each(["enqueue", "interrupt", "steer", "followUp", "reject"])(
    "runs the prompt at once on a free session whatever the policy (%s)",
    async (onBusy) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("done")]);
      const response = await prompt(t, sessionId, { text: "hi", onBusy });
      expect(response.status).toBe(202);
      expect(await readJson(response)).toEqual({ accepted: true, outcome: "started" });
      await t.waitForStatus(sessionId, "idle");
      expect((await queueOf(t, sessionId)).items).toEqual([]);
    },
  );

  it("leaves queued prompts of a project another node runs to that node", async () => {
    const t = await build(await tempDir());
    const sessionId = await t.session(modelWithoutCredentials(t));
    await t.runtimes.dispose("demo");
    const store = new PromptQueueStore(t.registry.layout.sessionsDir("demo"));
    await (await PromptQueue.open(store, sessionId)).add("waiting");
    const asked: string[] = [];
    const resumed = await t.runtimes.resumeQueuedPrompts(undefined, async (projectId) => {
      asked.push(projectId);
      return false;
    });
    expect(resumed).toBe(0);
    expect(asked).toEqual(["demo"]);
    expect(t.runtimes.size).toBe(0);
  });

  it("drops a queued prompt pi refuses when its turn comes, as `failed` with the problem, and moves on", async () => {
    const t = await build(await tempDir());
    const sessionId = await t.session(modelWithoutCredentials(t));
    // Queued by an earlier server life; nothing holds the session now.
    await t.runtimes.dispose("demo");
    const store = new PromptQueueStore(t.registry.layout.sessionsDir("demo"));
    const left = await PromptQueue.open(store, sessionId);
    const first = await left.add("first");
    const second = await left.add("second");

    expect(await t.runtimes.resumeQueuedPrompts()).toBe(1);
    let events: Json[] = [];
    for (let i = 0; i < 200 && events.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      events = await queueEvents(t, sessionId);
    }
    expect((await queueOf(t, sessionId)).items).toEqual([]);
    expect(
      events.map((event: Json) => [
        event.change,
        event.itemId,
        event.error?.code,
        event.items.length,
      ]),
    ).toEqual([
      ["failed", first.id, "MODEL_NO_CREDENTIALS", 1],
      ["failed", second.id, "MODEL_NO_CREDENTIALS", 0],
    ]);
    expect(await store.sessionsWithQueuedPrompts()).toEqual([]);
  });

  it("deleting a session deletes its queue file", async () => {
    const t = await build(await tempDir(), { tokensPerSecond: 40 });
    const sessionId = await t.session();
    t.faux.setResponses([fauxAssistantMessage("slow ".repeat(400))]);
    await prompt(t, sessionId, { text: "go" });
    await t.waitForStatus(sessionId, "streaming");
    const queued = await prompt(t, sessionId, { text: "later", onBusy: "enqueue" });
    expect(await readJson(queued)).toMatchObject({ outcome: "queued", item: { position: 1 } });
    const file = new PromptQueueStore(t.registry.layout.sessionsDir("demo")).file(sessionId);
    await access(file);
    expect(t.runtimes.get("demo").idle).toBe(false);

    expect((await t.call("DELETE", `${sessions}/${sessionId}`)).status).toBe(204);
    await expect(access(file)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(access(file)).rejects.toThrow();
  });

  it("answers 404 for the queue of an unknown session, and 400 for an unknown policy", async () => {
    const t = await build(await tempDir());
    const sessionId = await t.session();
    expect((await t.call("GET", `${sessions}/nope/queue`)).status).toBe(404);
    const bad = await prompt(t, sessionId, { text: "hi", onBusy: "later" });
    expect(bad.status).toBe(400);
    const problem = await readJson(bad);
    expect(problem.errors.map((error: { path: string }) => error.path)).toContain("body.onBusy");
  });
});
