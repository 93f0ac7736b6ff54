import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { scriptAskUser } from "#test-support/ask-user-server.js";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { openSse } from "#test-support/sse-client.js";
import { bootTaskServer, scriptTaskAgent, type TaskTestServer } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import {
  type ReceivedWebhook,
  verifiedBySecret,
  WebhookReceiver,
} from "#test-support/webhook-receiver.js";

const probe = fileURLToPath(new URL("./fixtures/extensions/ui-probe.ts", import.meta.url));
const bodyOf = (request: ReceivedWebhook): Json => JSON.parse(request.body);

describe("outgoing webhooks against a real receiver", () => {
  const tempDir = useTempDirs();
  const servers: TaskTestServer[] = [];
  const receivers: WebhookReceiver[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(({ server }) => server.stop()));
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  async function boot(env: Record<string, string> = {}): Promise<TaskTestServer> {
    const booted = await bootTaskServer(await tempDir(), {
      ...env,
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      WEBHOOK_RETRY_BASE_MS: "50",
      WEBHOOK_RETRY_MAX_DELAY_MS: "200",
      AGENT_SANDBOX: "none",
    });
    servers.push(booted);
    expect((await booted.api("/projects", { method: "POST", body: { name: "Demo" } })).status).toBe(
      201,
    );
    return booted;
  }

  async function receiver(): Promise<WebhookReceiver> {
    const created = new WebhookReceiver();
    await created.start();
    receivers.push(created);
    return created;
  }

  async function subscribe(booted: TaskTestServer, url: string, events: string[]) {
    const response = await booted.api("/webhooks", { method: "POST", body: { url, events } });
    expect(response.status).toBe(201);
    return (await readJson(response)) as { webhook: { id: string }; secret: string };
  }

  async function submitTask(booted: TaskTestServer, title: string): Promise<string> {
    const response = await booted.submit("demo", { title, prompt: `do ${title}` });
    expect(response.status).toBe(201);
    return (await readJson(response)).id;
  }

  it("delivers a task's status changes and a finished run, signed and verifiable with the secret", async () => {
    const booted = await boot();
    const hooks = await receiver();
    const { secret } = await subscribe(booted, hooks.url, ["task.status_changed", "run.finished"]);

    const taskId = await submitTask(booted, "first");
    const rejected = await booted.api(`/projects/demo/tasks/${taskId}/reject`, {
      method: "POST",
      body: { reason: "not now" },
    });
    expect(rejected.status).toBe(200);
    const [pending, rejection] = await hooks.waitForAccepted(2);

    for (const request of [pending, rejection] as ReceivedWebhook[]) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(verifiedBySecret(request, secret)).toBe(true);
      expect(verifiedBySecret(request, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
      expect(
        verifiedBySecret({ ...request, body: request.body.replace("demo", "dem0") }, secret),
      ).toBe(false);
    }
    expect(bodyOf(pending as ReceivedWebhook)).toEqual({
      type: "task.status_changed",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      data: {
        taskId,
        projectId: "demo",
        status: "pending",
        previousStatus: null,
        title: "first",
        sessionId: null,
        error: null,
        at: expect.any(String),
      },
    });
    expect(bodyOf(rejection as ReceivedWebhook).data).toMatchObject({
      taskId,
      status: "rejected",
      previousStatus: "pending",
    });

    scriptTaskAgent(booted.faux);
    const created = await booted.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: booted.faux.getModel().id },
    });
    const sessionId = (await readJson(created)).id;
    const prompted = await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "hello" },
    });
    expect(prompted.status).toBe(202);
    const run = (await hooks.waitForAccepted(3))[2] as ReceivedWebhook;
    expect(verifiedBySecret(run, secret)).toBe(true);
    expect(bodyOf(run)).toMatchObject({
      type: "run.finished",
      data: {
        projectId: "demo",
        sessionId,
        taskId: null,
        outcome: "succeeded",
        stopReason: "stop",
      },
    });
  });

  it("holds events while the receiver is down and then delivers each once, in order", async () => {
    const booted = await boot();
    const flaky = await receiver();
    const steady = await receiver();
    const flakyUrl = flaky.url;
    await flaky.stop();
    const down = await subscribe(booted, flakyUrl, ["task.status_changed"]);
    const up = await subscribe(booted, steady.url, ["task.status_changed"]);

    const ids: string[] = [];
    for (const title of ["one", "two", "three"]) ids.push(await submitTask(booted, title));
    await booted.api(`/projects/demo/tasks/${ids[1]}/reject`, { method: "POST", body: {} });
    const expected = [
      [ids[0], "pending"],
      [ids[1], "pending"],
      [ids[2], "pending"],
      [ids[1], "rejected"],
    ];
    const order = (requests: ReceivedWebhook[]) =>
      requests.map((request) => [bodyOf(request).data.taskId, bodyOf(request).data.status]);

    // The healthy subscription is not held up by the one whose receiver is down.
    expect(order(await steady.waitForAccepted(4))).toEqual(expected);

    const deliveries = async (webhookId: string) =>
      readJson(await booted.api(`/webhooks/${webhookId}/deliveries?limit=10`));
    for (let i = 0; i < 200; i++) {
      const head = (await deliveries(down.webhook.id)).items.at(-1);
      if (head.attempts.length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const waiting = await deliveries(down.webhook.id);
    expect(waiting.total).toBe(4);
    expect(waiting.items.every((item: Json) => item.status === "pending")).toBe(true);
    const head = waiting.items.at(-1);
    expect(head.attempts.length).toBeGreaterThanOrEqual(3);
    expect(head.attempts[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/ECONNRESET|socket hang up/),
    });
    // Later events wait behind the first: nothing was tried out of order.
    expect(waiting.items.slice(0, 3).every((item: Json) => item.attempts.length === 0)).toBe(true);

    let refusals = 1;
    flaky.answer = () => (refusals-- > 0 ? 503 : 200);
    await flaky.start();
    const delivered = await flaky.waitForAccepted(4);
    expect(order(delivered)).toEqual(expected);
    const acceptedIds = delivered.map((request) => request.headers["webhook-id"]);
    expect(new Set(acceptedIds).size).toBe(4);
    for (const request of delivered) expect(verifiedBySecret(request, down.secret)).toBe(true);
    // The 503 was retried under the same id.
    expect(flaky.received[0]?.status).toBe(503);
    expect(flaky.received[1]?.headers["webhook-id"]).toBe(flaky.received[0]?.headers["webhook-id"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flaky.accepted()).toHaveLength(4);
    expect(steady.accepted()).toHaveLength(4);

    const done = await deliveries(down.webhook.id);
    expect(done.items.every((item: Json) => item.status === "delivered")).toBe(true);
    const attempts = done.items.at(-1).attempts;
    expect(attempts.at(-2)).toMatchObject({
      statusCode: 503,
      response: "try later",
      error: "receiver answered 503",
    });
    expect(attempts.at(-1)).toMatchObject({ statusCode: 200, error: null });
    expect(
      (await deliveries(up.webhook.id)).items.map((item: Json) => item.attempts.length),
    ).toEqual([1, 1, 1, 1]);

    const resent = await booted.api(
      `/webhooks/${down.webhook.id}/deliveries/${done.items.at(-1).id}/resend`,
      { method: "POST" },
    );
    expect(resent.status).toBe(202);
    const again = (await flaky.waitForAccepted(5))[4] as ReceivedWebhook;
    expect(again.headers["webhook-id"]).toBe(done.items.at(-1).id);
    expect(again.body).toBe(delivered[0]?.body);
    expect(verifiedBySecret(again, down.secret)).toBe(true);
  });

  it("reports an ask_user question waiting for an answer, then the run's end", async () => {
    const booted = await boot();
    const hooks = await receiver();
    const { secret } = await subscribe(booted, hooks.url, [
      "ask_user.waiting",
      "extension_ui.waiting",
      "run.finished",
    ]);
    const created = await booted.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: booted.faux.getModel().id },
    });
    const sessionId = (await readJson(created)).id;
    const base = `/projects/demo/sessions/${sessionId}`;
    await booted.api(`${base}/ask-user/settings`, { method: "PATCH", body: { enabled: true } });
    const script = scriptAskUser(booted.faux, ["Which database?"]);
    // With nobody watching, ask_user answers by itself instead of waiting.
    const stream = await openSse(`${booted.server.url}/v1${base}/events`);
    await booted.api(`${base}/prompt`, { method: "POST", body: { text: "set it up" } });

    const waiting = await hooks.waitForAccepted(1);
    const types = () => hooks.accepted().map((request) => bodyOf(request).type);
    const asked = waiting.find((request) => bodyOf(request).type === "ask_user.waiting");
    expect(asked, JSON.stringify(types())).toBeDefined();
    expect(verifiedBySecret(asked as ReceivedWebhook, secret)).toBe(true);
    const { data } = bodyOf(asked as ReceivedWebhook);
    expect(data).toMatchObject({ projectId: "demo", sessionId, question: "Which database?" });

    const answered = await booted.api(`${base}/extension-ui/${data.requestId}/response`, {
      method: "POST",
      body: { value: "Postgres" },
    });
    expect(answered.status).toBe(204);
    for (let i = 0; i < 400 && !types().includes("run.finished"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    stream.close();
    expect(script.answers()).toEqual(["Postgres"]);
    expect(types()).toEqual(["ask_user.waiting", "run.finished"]);
  });

  it("reports an extension dialog waiting for an answer", async () => {
    const booted = await boot({ PI_EXTENSION_PATHS: probe });
    const hooks = await receiver();
    const { secret } = await subscribe(booted, hooks.url, ["extension_ui.waiting", "run.finished"]);
    const created = await booted.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: booted.faux.getModel().id },
    });
    const sessionId = (await readJson(created)).id;
    const base = `/projects/demo/sessions/${sessionId}`;
    booted.faux.setResponses([
      fauxAssistantMessage([fauxToolCall("ui_probe", { method: "confirm" })], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage("done"),
    ]);
    await booted.api(`${base}/prompt`, { method: "POST", body: { text: "ask me" } });

    const [dialog] = await hooks.waitForAccepted(1);
    expect(verifiedBySecret(dialog as ReceivedWebhook, secret)).toBe(true);
    const { type, data } = bodyOf(dialog as ReceivedWebhook);
    expect(type).toBe("extension_ui.waiting");
    expect(data).toMatchObject({
      projectId: "demo",
      sessionId,
      method: "confirm",
      id: expect.any(String),
    });
    const listed = await readJson(await booted.api(`${base}/extension-ui`));
    expect(listed.items.map((item: Json) => item.id)).toEqual([data.id]);

    const answered = await booted.api(`${base}/extension-ui/${data.id}/response`, {
      method: "POST",
      body: { confirmed: true },
    });
    expect(answered.status).toBe(204);
    const [, finished] = await hooks.waitForAccepted(2);
    expect(bodyOf(finished as ReceivedWebhook)).toMatchObject({
      type: "run.finished",
      data: { sessionId, outcome: "succeeded" },
    });
  });
});
