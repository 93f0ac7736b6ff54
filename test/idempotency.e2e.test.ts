import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, heldReply } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { startServerProcess } from "#test-support/processes.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { bootTaskServer, webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const agentStarts = (events: ReceivedEvent[]) =>
  events.filter((event) => event.data.type === "agent_start").length;
const ended = (events: ReceivedEvent[]) => events.some((event) => event.data.type === "agent_end");

interface Answer {
  status: number;
  body: string;
  location: string | null;
  contentType: string | null;
  replayed: string | null;
}

async function answer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    body: await response.text(),
    location: response.headers.get("location"),
    contentType: response.headers.get("content-type"),
    replayed: response.headers.get("idempotent-replayed"),
  };
}

const withKey = (key: string) => ({ headers: { "idempotency-key": key } });

describe("Idempotency-Key on a real server", () => {
  const tempDir = useTempDirs();
  const { boot, stop } = useSessionServers();

  async function prompt(booted: BootedServer, sessionId: string, text: string, key: string) {
    return answer(
      await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
        method: "POST",
        body: { text },
        ...withKey(key),
      }),
    );
  }

  it("runs two identical prompts with one key once and answers both identically", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 400 });
    const sessionId = await booted.newSession();
    let modelCalls = 0;
    booted.faux.setResponses([
      () => {
        modelCalls += 1;
        return fauxAssistantMessage("Done, streamed at a readable pace. ".repeat(4));
      },
      () => {
        modelCalls += 1;
        return fauxAssistantMessage("A second run.");
      },
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    const first = await prompt(booted, sessionId, "write a.txt", "prompt-key-1");
    const during = await prompt(booted, sessionId, "write a.txt", "prompt-key-1");
    await stream.waitFor(ended);
    await booted.waitUntilIdle(sessionId);
    const after = await prompt(booted, sessionId, "write a.txt", "prompt-key-1");
    await new Promise((resolve) => setTimeout(resolve, 200));
    stream.close();

    expect(first).toMatchObject({ status: 202, replayed: null });
    for (const retry of [during, after]) {
      expect(retry).toEqual({ ...first, replayed: "true" });
    }
    expect(agentStarts(stream.events)).toBe(1);
    expect(modelCalls).toBe(1);
    const detail = await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`));
    const users = (detail.messages as { role: string }[]).filter((m) => m.role === "user");
    expect(users).toHaveLength(1);
  });

  it("queues a follow-up retried with its key once", async () => {
    const booted = await boot(await tempDir(), { tokensPerSecond: 400 });
    const sessionId = await booted.newSession();
    let modelCalls = 0;
    const reply = (text: string) => () => {
      modelCalls += 1;
      return fauxAssistantMessage(text);
    };
    // The first answer waits until both follow-ups are in, so the run is still going.
    const first = heldReply(
      fauxAssistantMessage("A first answer, streamed at a readable pace. ".repeat(4)),
      () => {
        modelCalls += 1;
      },
    );
    booted.faux.setResponses([
      first.step,
      reply("The follow-up's answer."),
      reply("A third answer nobody asked for."),
    ]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    expect((await prompt(booted, sessionId, "write a.txt", "p")).status).toBe(202);
    await stream.waitFor((events) => agentStarts(events) === 1);
    const followUp = async () =>
      answer(
        await booted.api(`/projects/demo/sessions/${sessionId}/follow-up`, {
          method: "POST",
          body: { text: "then run the tests" },
          ...withKey("follow-up-1"),
        }),
      );
    const accepted = await followUp();
    const retry = await followUp();
    expect(accepted.status).toBe(202);
    expect(retry).toEqual({ ...accepted, replayed: "true" });
    first.release();
    await stream.waitFor(ended);
    await booted.waitUntilIdle(sessionId);
    stream.close();
    const detail = await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`));
    const users = (detail.messages as { role: string }[]).filter((m) => m.role === "user");
    expect(users).toHaveLength(2);
    expect(modelCalls).toBe(2);
  });

  it("refuses the same key with another body with 422 and starts nothing", async () => {
    const booted = await boot(await tempDir());
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("One."), fauxAssistantMessage("Two.")]);
    const stream = await openSse(booted.eventsUrl(sessionId));
    expect((await prompt(booted, sessionId, "write a.txt", "k")).status).toBe(202);
    await stream.waitFor(ended);
    await booted.waitUntilIdle(sessionId);
    const other = await prompt(booted, sessionId, "write b.txt", "k");
    expect(other.status).toBe(422);
    expect(JSON.parse(other.body).code).toBe("IDEMPOTENCY_KEY_REUSED");
    const malformed = await prompt(booted, sessionId, "write b.txt", "no spaces allowed");
    expect(malformed.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stream.close();
    expect(agentStarts(stream.events)).toBe(1);
  });

  it("answers 409 to duplicates sent while the first is in flight, and creates one session", async () => {
    const booted = await boot(await tempDir());
    await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
    const body = { provider: "faux", modelId: booted.faux.getModel().id, name: "Once" };
    // The project's runtime is built by the first request, so it stays in flight a while.
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () =>
        answer(
          await booted.api("/projects/demo/sessions", {
            method: "POST",
            body,
            ...withKey("create-once"),
          }),
        ),
      ),
    );
    const created = answers.filter((a) => a.status === 201 && a.replayed === null);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) {
      expect(JSON.parse(conflict.body).code).toBe("IDEMPOTENCY_KEY_IN_FLIGHT");
    }
    for (const other of answers.filter((a) => a.status !== 409)) {
      expect(other).toEqual({ ...(created[0] as Answer), replayed: other.replayed });
    }
    const retry = await answer(
      await booted.api("/projects/demo/sessions", {
        method: "POST",
        body,
        ...withKey("create-once"),
      }),
    );
    expect(retry).toEqual({ ...(created[0] as Answer), replayed: "true" });
    expect(retry.location).toMatch(/^\/v1\/projects\/demo\/sessions\/.+/);
    const list = await readJson(await booted.api("/projects/demo/sessions"));
    expect(list.sessions ?? list.items).toHaveLength(1);
  });

  it("replays a created session after a restart", async () => {
    const dir = await tempDir();
    const first = await boot(dir);
    await first.api("/projects", { method: "POST", body: { name: "Demo" } });
    const body = { provider: "faux", modelId: first.faux.getModel().id };
    const create = async (booted: BootedServer) =>
      answer(
        await booted.api("/projects/demo/sessions", {
          method: "POST",
          body,
          ...withKey("survives"),
        }),
      );
    const original = await create(first);
    expect(original.status).toBe(201);
    await stop(first);

    const second = await boot(dir);
    const replayed = await create(second);
    expect(replayed).toEqual({ ...original, replayed: "true" });
    const list = await readJson(await second.api("/projects/demo/sessions"));
    expect(list.sessions ?? list.items).toHaveLength(1);
  });
});

describe("Idempotency-Key on the task webhook", () => {
  const tempDir = useTempDirs();

  async function submit(url: string, body: unknown, key: string) {
    return answer(
      await fetch(`${url}/v1/projects/demo/tasks`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${webhookSecret}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify(body),
      }),
    );
  }

  it("creates one task for a retried delivery", async () => {
    const dir = await tempDir();
    const tasks = await bootTaskServer(dir);
    try {
      await tasks.api("/projects", { method: "POST", body: { name: "Demo" } });
      const body = { title: "Fix the redirect", prompt: "Fix it." };
      const first = await submit(tasks.server.url, body, "delivery-1");
      const retry = await submit(tasks.server.url, body, "delivery-1");
      expect(first.status).toBe(201);
      expect(retry).toEqual({ ...first, replayed: "true" });
      const fresh = await submit(tasks.server.url, body, "delivery-2");
      expect(fresh.status).toBe(201);
      expect(JSON.parse(fresh.body).id).not.toBe(JSON.parse(first.body).id);
      const list = await readJson(await tasks.api("/projects/demo/tasks"));
      expect(list.total).toBe(2);
    } finally {
      await tasks.server.stop();
      tasks.faux.unregister();
    }
  });

  it("replays a delivery answered just before a SIGKILL, after the restart", async () => {
    const workspace = await tempDir();
    const env = { WORKSPACE_DIR: workspace, WEBHOOK_SECRET: webhookSecret };
    const body = { title: "Crash-safe", prompt: "Write a.txt." };
    const first = await startServerProcess(env);
    let original: Answer;
    try {
      const project = await fetch(`${first.url}/v1/projects`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Demo" }),
      });
      expect(project.status).toBe(201);
      original = await submit(first.url, body, "before-the-crash");
      expect(original.status).toBe(201);
    } finally {
      first.child.kill("SIGKILL");
    }
    expect(await first.exited).toBe("SIGKILL");

    const second = await startServerProcess(env);
    try {
      const replayed = await submit(second.url, body, "before-the-crash");
      expect(replayed).toEqual({ ...original, replayed: "true" });
      const list = await readJson(await fetch(`${second.url}/v1/projects/demo/tasks`));
      expect(list.total).toBe(1);
    } finally {
      second.child.kill("SIGKILL");
      await second.exited;
    }
  }, 60_000);
});
