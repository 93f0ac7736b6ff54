import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import type { SendOptions, SendResult } from "./webhook-sender.js";
import { WebhookService, type WebhookServiceOptions } from "./webhook-service.js";
import { verifyWebhook } from "./webhook-signature.js";

const ok: SendResult = { statusCode: 204, response: "", error: null, durationMs: 1 };
const down: SendResult = {
  statusCode: null,
  response: null,
  error: "connect ECONNREFUSED",
  durationMs: 1,
};

interface Sent {
  url: string;
  id: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  options: SendOptions;
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("WebhookService", () => {
  const tempDir = useTempDirs();
  const open: WebhookService[] = [];
  afterEach(async () => {
    for (const service of open.splice(0)) {
      await service.stop();
      await service.close();
    }
  });

  /** A service whose attempts are answered by `answer` and recorded in `sent`. */
  async function start(
    dir: string,
    answer: (sent: Sent) => SendResult,
    options: Partial<WebhookServiceOptions> = {},
  ) {
    const sent: Sent[] = [];
    const service = await WebhookService.open({
      dir,
      allowPrivateUrls: true,
      retry: { baseDelayMs: 10, maxDelayMs: 40, windowMs: 60_000 },
      send: async (send) => {
        const entry: Sent = {
          url: send.url,
          id: send.headers["webhook-id"] as string,
          body: JSON.parse(send.body),
          options: send,
        };
        sent.push(entry);
        return answer(entry);
      },
      ...options,
    });
    open.push(service);
    return { service, sent };
  }

  it("signs each delivery and sends it only once its outbox record is on disk", async () => {
    const dir = await tempDir();
    const onDisk: boolean[] = [];
    const { service, sent } = await start(dir, ({ id }) => {
      onDisk.push(readFileSync(join(dir, "outbox.jsonl"), "utf8").includes(`"id":"${id}"`));
      return ok;
    });
    const tasks = await service.subscribe({
      url: "http://a.test/hook",
      events: ["task.status_changed"],
    });
    await service.subscribe({ url: "http://b.test/hook", events: ["run.finished"] });
    service.emit("task.status_changed", { taskId: "t1", status: "pending" });
    service.emit("ask_user.waiting", { question: "nobody asked for this" });
    await waitFor(() => sent.length === 1);

    const [delivery] = sent as [Sent];
    expect(onDisk).toEqual([true]);
    expect(delivery.url).toBe("http://a.test/hook");
    expect(delivery.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(delivery.body).toEqual({
      type: "task.status_changed",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { taskId: "t1", status: "pending" },
    });
    const headers = delivery.options.headers;
    expect(
      verifyWebhook(
        tasks.secret,
        {
          id: headers["webhook-id"] as string,
          timestamp: headers["webhook-timestamp"] as string,
          signature: headers["webhook-signature"] as string,
        },
        delivery.options.body,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    await waitFor(
      () => service.deliveries(tasks.id, { limit: 10, offset: 0 }).items[0]?.state === "delivered",
    );
  });

  it("keeps each subscription in order through retries, without holding up the others", async () => {
    const dir = await tempDir();
    let failuresLeft = 3;
    const { service, sent } = await start(dir, ({ url }) => {
      if (url.includes("flaky") && failuresLeft > 0) {
        failuresLeft -= 1;
        return down;
      }
      return ok;
    });
    const flaky = await service.subscribe({ url: "http://flaky.test/", events: ["run.finished"] });
    await service.subscribe({ url: "http://steady.test/", events: ["run.finished"] });
    for (const n of [1, 2, 3]) service.emit("run.finished", { n });
    await waitFor(() => sent.filter((entry) => entry.url.includes("flaky")).length === 6);

    const steady = sent.filter((entry) => entry.url.includes("steady"));
    expect(steady.map((entry) => entry.body.data.n)).toEqual([1, 2, 3]);
    const flakyIds = sent.filter((entry) => entry.url.includes("flaky")).map((entry) => entry.id);
    // The first event is tried four times under one id before the second goes out.
    expect(new Set(flakyIds.slice(0, 4)).size).toBe(1);
    expect(new Set(flakyIds).size).toBe(3);
    const flakyData = sent.filter((e) => e.url.includes("flaky")).map((e) => e.body.data.n);
    expect(flakyData).toEqual([1, 1, 1, 1, 2, 3]);
    // Steady's three went out while flaky's first was still being retried.
    expect(
      sent.findIndex((entry) => entry.url.includes("steady") && entry.body.data.n === 3),
    ).toBeLessThan(
      sent.findIndex((entry) => entry.url.includes("flaky") && entry.body.data.n === 2),
    );

    await waitFor(() =>
      service
        .deliveries(flaky.id, { limit: 10, offset: 0 })
        .items.every((d) => d.state === "delivered"),
    );
    const [third, second, first] = service.deliveries(flaky.id, { limit: 10, offset: 0 }).items;
    expect([first?.history.length, second?.history.length, third?.history.length]).toEqual([
      4, 1, 1,
    ]);
    const attempts = first?.history ?? [];
    const gaps = attempts.slice(1).map((entry, i) => entry.at - (attempts[i]?.at ?? 0));
    // Backoff: at least half of 10, 20 and 40 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(5);
    expect(gaps[1]).toBeGreaterThanOrEqual(10);
    expect(gaps[2]).toBeGreaterThanOrEqual(20);
  });

  it("gives a delivery up after the retry window, then sends the next", async () => {
    const { service, sent } = await start(
      await tempDir(),
      ({ body }) => (body.data.n === 1 ? down : ok),
      { retry: { baseDelayMs: 10, maxDelayMs: 20, windowMs: 100 } },
    );
    const hook = await service.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    service.emit("run.finished", { n: 1 });
    service.emit("run.finished", { n: 2 });
    await waitFor(() => sent.some((entry) => entry.body.data.n === 2));
    const [second, first] = service.deliveries(hook.id, { limit: 10, offset: 0 }).items;
    expect(first?.state).toBe("failed");
    expect(first?.history.length).toBeGreaterThan(2);
    expect(first?.history.at(-1)).toMatchObject({ state: "failed", nextAttemptAt: null });
    expect(second?.body).toContain('"n":2');
  });

  it("resumes pending deliveries after a restart, under the same id and history", async () => {
    const dir = await tempDir();
    const first = await start(dir, () => down, {
      retry: { baseDelayMs: 200, maxDelayMs: 200, windowMs: 60_000 },
    });
    const hook = await first.service.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    first.service.emit("run.finished", { n: 1 });
    await waitFor(
      () =>
        (first.service.deliveries(hook.id, { limit: 1, offset: 0 }).items[0]?.history.length ??
          0) === 1,
    );
    await first.service.stop();
    await first.service.close();

    const second = await start(dir, () => ok);
    await waitFor(() => second.sent.length === 1);
    expect(second.sent[0]?.id).toBe(first.sent[0]?.id);
    await waitFor(
      () =>
        second.service.deliveries(hook.id, { limit: 1, offset: 0 }).items[0]?.state === "delivered",
    );
    const [delivery] = second.service.deliveries(hook.id, { limit: 1, offset: 0 }).items;
    expect(delivery?.history.map((entry) => entry.kind === "attempt" && entry.error)).toEqual([
      "connect ECONNREFUSED",
      null,
    ]);
    expect(second.service.subscription(hook.id).secret).toBe(hook.secret);
  });

  it("re-sends a finished delivery under the same id; a pending one is a conflict", async () => {
    let answer = down;
    const { service, sent } = await start(await tempDir(), () => answer, {
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000, windowMs: 60_000 },
    });
    const hook = await service.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    service.emit("run.finished", { n: 1 });
    await waitFor(() => sent.length === 1);
    const [pending] = service.deliveries(hook.id, { limit: 1, offset: 0 }).items;
    await expect(service.resend(hook.id, pending?.id ?? "")).rejects.toMatchObject({
      code: "WEBHOOK_DELIVERY_CONFLICT",
    });
    await expect(
      service.resend(hook.id, "msg_00000000000000000000000000000000"),
    ).rejects.toMatchObject({
      code: "WEBHOOK_DELIVERY_NOT_FOUND",
    });

    answer = ok;
    const quick = await start(await tempDir(), () => ok);
    const other = await quick.service.subscribe({
      url: "http://y.test/",
      events: ["run.finished"],
    });
    quick.service.emit("run.finished", { n: 2 });
    await waitFor(
      () =>
        quick.service.deliveries(other.id, { limit: 1, offset: 0 }).items[0]?.state === "delivered",
    );
    const [done] = quick.service.deliveries(other.id, { limit: 1, offset: 0 }).items;
    const resent = await quick.service.resend(other.id, done?.id ?? "");
    expect(resent.state).toBe("pending");
    await waitFor(() => quick.sent.length === 2 && resent.state === "delivered");
    expect(quick.sent[1]?.id).toBe(quick.sent[0]?.id);
  });

  it("drops a deleted subscription's deliveries, also from the outbox at the next start", async () => {
    const dir = await tempDir();
    const first = await start(dir, () => down, {
      retry: { baseDelayMs: 300, maxDelayMs: 300, windowMs: 60_000 },
    });
    const gone = await first.service.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    const kept = await first.service.subscribe({ url: "http://y.test/", events: ["run.finished"] });
    first.service.emit("run.finished", { n: 1 });
    await waitFor(() => first.sent.length >= 2);
    await first.service.unsubscribe(gone.id);
    await expect(first.service.unsubscribe(gone.id)).rejects.toMatchObject({
      code: "WEBHOOK_NOT_FOUND",
    });
    expect(() => first.service.deliveries(gone.id, { limit: 1, offset: 0 })).toThrow(/No webhook/);
    await first.service.stop();
    await first.service.close();

    const second = await start(dir, () => ok);
    expect(second.service.subscriptions().map((sub) => sub.id)).toEqual([kept.id]);
    expect(readFileSync(join(dir, "outbox.jsonl"), "utf8")).not.toContain(gone.id);
    await waitFor(() => second.sent.length === 1);
    expect(second.sent[0]?.url).toBe("http://y.test/");
  });

  it("forgets finished deliveries past the retention, hourly and at the next start", async () => {
    const dir = await tempDir();
    let clock = Date.UTC(2026, 10, 30, 8);
    const options = { now: () => clock, retentionMs: 60_000 };
    const first = await start(dir, () => ok, options);
    const hook = await first.service.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    const states = () =>
      first.service.deliveries(hook.id, { limit: 10, offset: 0 }).items.map((d) => d.state);
    first.service.emit("run.finished", { n: 1 });
    await waitFor(() => states().join() === "delivered");
    clock += 30 * 60_000;
    first.service.emit("run.finished", { n: 2 });
    await waitFor(() => states().join() === "delivered,delivered");
    clock += 31 * 60_000;
    first.service.emit("run.finished", { n: 3 });
    // The hourly sweep after the third dropped the first two (older than a minute).
    await waitFor(() => states().join() === "delivered");
    await first.service.stop();
    await first.service.close();

    clock += 2 * 60_000;
    const second = await start(dir, () => ok, options);
    expect(second.service.deliveries(hook.id, { limit: 10, offset: 0 }).total).toBe(0);
    expect(readFileSync(join(dir, "outbox.jsonl"), "utf8")).toBe("");
  });

  it("abandons attempts in flight on stop, unrecorded, and sends them again after a restart", async () => {
    const dir = await tempDir();
    let calls = 0;
    const hanging = await WebhookService.open({
      dir,
      allowPrivateUrls: true,
      timeoutMs: 60_000,
      send: (send) => {
        calls += 1;
        return new Promise((resolve) =>
          send.signal?.addEventListener("abort", () =>
            resolve({ statusCode: null, response: null, error: "abandoned", durationMs: 0 }),
          ),
        );
      },
    });
    const hook = await hanging.subscribe({ url: "http://x.test/", events: ["run.finished"] });
    hanging.emit("run.finished", { n: 1 });
    const outbox = () => {
      try {
        return readFileSync(join(dir, "outbox.jsonl"), "utf8");
      } catch {
        return "";
      }
    };
    await waitFor(() => calls === 1);
    const started = Date.now();
    await hanging.stop();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outbox()).not.toContain('"attempt"');

    const second = await start(dir, () => ok);
    await waitFor(() => second.sent.length === 1);
    expect(second.sent[0]?.body.data).toEqual({ n: 1 });
    await waitFor(
      () =>
        second.service.deliveries(hook.id, { limit: 1, offset: 0 }).items[0]?.state === "delivered",
    );
    expect(
      second.service.deliveries(hook.id, { limit: 1, offset: 0 }).items[0]?.history,
    ).toHaveLength(1);
  });

  it("has at most `concurrency` attempts in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const sent: string[] = [];
    const service = await WebhookService.open({
      dir: await tempDir(),
      allowPrivateUrls: true,
      concurrency: 2,
      send: async (send) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
        sent.push(send.url);
        return ok;
      },
    });
    open.push(service);
    for (const name of ["a", "b", "c", "d"]) {
      await service.subscribe({ url: `http://${name}.test/`, events: ["run.finished"] });
    }
    service.emit("run.finished", {});
    service.emit("run.finished", {});
    await waitFor(() => sent.length === 8);
    expect(most).toBe(2);
  });

  it("refuses private URLs when subscribing unless they are allowed", async () => {
    const resolve = async () => [{ address: "10.0.0.7", family: 4 }];
    const strict = await WebhookService.open({ dir: await tempDir(), resolve });
    open.push(strict);
    await expect(
      strict.subscribe({ url: "http://intranet.example/", events: ["run.finished"] }),
    ).rejects.toMatchObject({
      code: "WEBHOOK_URL_REFUSED",
      message: "The webhook URL resolves to a private address (10.0.0.7)",
    });
    expect(strict.subscriptions()).toEqual([]);
    const lax = await WebhookService.open({
      dir: await tempDir(),
      resolve,
      allowPrivateUrls: true,
    });
    open.push(lax);
    const created = await lax.subscribe({
      url: "http://intranet.example/",
      events: ["run.finished"],
    });
    expect(created.secret).toMatch(/^whsec_/);
  });
});
