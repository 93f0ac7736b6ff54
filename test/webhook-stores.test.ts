import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../src/errors/index.js";
import { openWebhooks, type Webhooks, type WebhooksOptions } from "../src/webhooks/index.js";
import type { SendOptions, SendResult } from "../src/webhooks/webhook-sender.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";
import { verifiedBySecret, WebhookReceiver } from "./support/webhook-receiver.js";

const newDatabase = useDatabases();
const tempDir = useTempDirs("pi-agent-server-webhook-stores-");
const joinNode = useClusterNodes();
const services: Webhooks[] = [];
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) {
    await service.stop();
    await service.close();
  }
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const fast: Partial<WebhooksOptions> = {
  allowPrivateUrls: true,
  retry: { baseDelayMs: 50, maxDelayMs: 100 },
  pollIntervalMs: 100,
};

async function receiver(): Promise<WebhookReceiver> {
  const started = new WebhookReceiver();
  await started.start();
  receivers.push(started);
  return started;
}

type Open = (options?: Partial<WebhooksOptions>) => Promise<Webhooks>;

const openFile: Open = async (options = {}) => {
  const service = await openWebhooks({ ...fast, ...options, dir: await tempDir() });
  services.push(service);
  return service;
};

const openPg: Open = async (options = {}) => {
  const cluster = await joinNode(await newDatabase(), { nodeId: "a" });
  const service = await openWebhooks({ ...fast, ...options, dir: "unused", cluster });
  services.push(service);
  return service;
};

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
const ids = (received: { headers: Record<string, unknown> }[]) =>
  received.map((request) => request.headers["webhook-id"]);

describe.each([
  ["file", openFile],
  ["postgres", openPg],
])("webhooks (%s)", (_backend, open) => {
  it("keep subscriptions with their secrets, refuse a private URL and delete with deliveries", async () => {
    const webhooks = await open({ allowPrivateUrls: false });
    expect(
      await codeOf(webhooks.subscribe({ url: "http://127.0.0.1:9/x", events: ["run.finished"] })),
    ).toBe("WEBHOOK_URL_REFUSED");
    expect(await webhooks.subscriptions()).toEqual([]);
    const made = await webhooks.subscribe({
      url: "https://93.184.215.14/hooks",
      events: ["run.finished", "run.finished"],
      description: "ci",
    });
    expect(made).toMatchObject({ events: ["run.finished"], description: "ci" });
    expect(made.secret).toMatch(/^whsec_/);
    expect(await webhooks.subscriptions()).toEqual([made]);
    expect(await webhooks.subscription(made.id)).toEqual(made);
    await webhooks.unsubscribe(made.id);
    expect(await codeOf(Promise.resolve().then(() => webhooks.subscription(made.id)))).toBe(
      "WEBHOOK_NOT_FOUND",
    );
    expect(await codeOf(webhooks.unsubscribe(made.id))).toBe("WEBHOOK_NOT_FOUND");
  });

  it("deliver each event signed, in order, retry a failure, list attempts and re-send", async () => {
    const hooks = await receiver();
    let failFirst = true;
    hooks.answer = () => {
      if (!failFirst) return 204;
      failFirst = false;
      return 503;
    };
    const webhooks = await open();
    const sub = await webhooks.subscribe({ url: hooks.url, events: ["run.finished"] });
    await webhooks.subscribe({ url: hooks.url, events: ["task.status_changed"] });
    for (const n of [1, 2, 3]) webhooks.emit("run.finished", { n });
    const accepted = await hooks.waitForAccepted(3);
    expect(accepted.map((request) => JSON.parse(request.body).data.n)).toEqual([1, 2, 3]);
    expect(accepted.every((request) => verifiedBySecret(request, sub.secret))).toBe(true);
    // The receiver answers before the sender records the attempt: wait for the records.
    const deliveries = () => webhooks.deliveries(sub.id, { limit: 10, offset: 0 });
    await expect
      .poll(async () => (await deliveries()).items.map((delivery) => delivery.state))
      .toEqual(["delivered", "delivered", "delivered"]);
    const page = await deliveries();
    expect(page.total).toBe(3);
    const first = page.items[2];
    expect(
      first?.history.map((entry) => (entry.kind === "attempt" ? entry.statusCode : 0)),
    ).toEqual([503, 204]);
    const resent = await webhooks.resend(sub.id, first?.id ?? "");
    expect(resent.state).toBe("pending");
    expect(await codeOf(webhooks.resend(sub.id, "msg_missing"))).toBe("WEBHOOK_DELIVERY_NOT_FOUND");
    const again = await hooks.waitForAccepted(4);
    expect(again[3]?.headers["webhook-id"]).toBe(first?.id);
    expect(ids(hooks.received)).toHaveLength(5);
  });
});

describe("webhooks across nodes", () => {
  it("deliver each event exactly once, in order, with every node's sender running; list and re-send from any node", async () => {
    const hooks = await receiver();
    const url = await newDatabase();
    const nodes = [];
    for (const nodeId of ["a", "b", "c"]) {
      const cluster = await joinNode(url, { nodeId });
      const service = await openWebhooks({ ...fast, dir: "unused", cluster });
      services.push(service);
      nodes.push(service);
    }
    const [a, b, c] = nodes as [Webhooks, Webhooks, Webhooks];
    const sub = await a.subscribe({ url: hooks.url, events: ["run.finished"] });
    for (let n = 0; n < 20; n += 1) (n % 2 ? a : b).emit("run.finished", { n });
    await hooks.waitForAccepted(20);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new Set(ids(hooks.received)).size).toBe(20);
    expect(hooks.received).toHaveLength(20);
    const sent = hooks.received.map((request) => JSON.parse(request.body).data.n as number);
    expect(sent.filter((n) => n % 2)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(sent.filter((n) => n % 2 === 0)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    const listed = await c.deliveries(sub.id, { limit: 50, offset: 0 });
    expect(listed.total).toBe(20);
    expect(listed.items.every((delivery) => delivery.state === "delivered")).toBe(true);
    const again = listed.items[5]?.id ?? "";
    expect((await c.resend(sub.id, again)).state).toBe("pending");
    await hooks.waitForAccepted(21);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ids(hooks.received).filter((id) => id === again)).toHaveLength(2);
    expect(hooks.received).toHaveLength(21);
  });

  it("a delivery claimed by a node that died mid-attempt is delivered by a survivor", async () => {
    const hooks = await receiver();
    const url = await newDatabase();
    const doomed = await joinNode(url, { nodeId: "doomed" });
    const started: string[] = [];
    const hang = (options: SendOptions) => {
      started.push(options.headers["webhook-id"] ?? "");
      return new Promise<SendResult>(() => undefined);
    };
    const onDoomed = await openWebhooks({
      ...fast,
      timeoutMs: 500,
      send: hang,
      dir: "unused",
      cluster: doomed,
    });
    const sub = await onDoomed.subscribe({ url: hooks.url, events: ["run.finished"] });
    onDoomed.emit("run.finished", { n: 1 });
    await expect.poll(() => started.length, { timeout: 5000 }).toBe(1);
    await doomed.crash();
    const survivor = await openWebhooks({
      ...fast,
      timeoutMs: 500,
      dir: "unused",
      cluster: await joinNode(url, { nodeId: "survivor" }),
    });
    services.push(survivor);
    const [delivered] = await hooks.waitForAccepted(1, 10_000);
    expect(delivered?.headers["webhook-id"]).toBe(started[0]);
    // The receiver answers before the survivor records the attempt: wait for the record.
    await expect
      .poll(async () =>
        (await survivor.deliveries(sub.id, { limit: 10, offset: 0 })).items.map(
          (delivery) => delivery.state,
        ),
      )
      .toEqual(["delivered"]);
  });
});
