import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp, type TestApp } from "#test-support/test-app.js";
import type { SendResult } from "./webhook-sender.js";

const admin = "admin-token-for-webhook-route-tests-0123";

describe("webhook routes", () => {
  const tempDir = useTempDirs();
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const { services } of apps.splice(0)) {
      await services.stop();
      await services.close();
    }
  });

  async function boot(
    answer: () => SendResult = () => ({
      statusCode: 200,
      response: "ok",
      error: null,
      durationMs: 1,
    }),
  ) {
    const testApp = await createTestApp(
      await tempDir(),
      { apiToken: admin },
      {
        webhooks: {
          retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, windowMs: 3_600_000 },
          resolve: async () => [{ address: "93.184.216.34", family: 4 }],
          send: async () => answer(),
        },
      },
    );
    apps.push(testApp);
    return testApp;
  }

  describe("happy path", () => {
    it("creates, lists, reads and deletes a subscription, showing the secret only once", async () => {
      const { call } = await boot();
      const created = await call("POST", "/v1/webhooks", {
        token: admin,
        body: {
          url: "https://hooks.example.com/pi",
          events: ["task.status_changed", "run.finished", "run.finished"],
          description: "CI bot",
        },
      });
      expect(created.status).toBe(201);
      const { webhook, secret } = await readJson(created);
      expect(created.headers.get("location")).toBe(`/v1/webhooks/${webhook.id}`);
      expect(secret).toMatch(/^whsec_/);
      expect(webhook).toEqual({
        id: expect.any(String),
        url: "https://hooks.example.com/pi",
        events: ["task.status_changed", "run.finished"],
        description: "CI bot",
        createdAt: expect.any(String),
      });

      const list = await readJson(await call("GET", "/v1/webhooks", { token: admin }));
      expect(list).toEqual({ items: [webhook] });
      expect(JSON.stringify(list)).not.toContain(secret);
      expect(
        await readJson(await call("GET", `/v1/webhooks/${webhook.id}`, { token: admin })),
      ).toEqual(webhook);

      expect((await call("DELETE", `/v1/webhooks/${webhook.id}`, { token: admin })).status).toBe(
        204,
      );
      const gone = await call("GET", `/v1/webhooks/${webhook.id}`, { token: admin });
      expect(gone.status).toBe(404);
      expect((await readJson(gone)).code).toBe("WEBHOOK_NOT_FOUND");
    });

    it("keeps a secret given by the caller", async () => {
      const { call, services } = await boot();
      const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
      const created = await call("POST", "/v1/webhooks", {
        token: admin,
        body: { url: "https://hooks.example.com/pi", events: ["run.finished"], secret },
      });
      const body = await readJson(created);
      expect(body.secret).toBe(secret);
      expect((await services.webhooks.subscription(body.webhook.id)).secret).toBe(secret);
    });

    it("pages deliveries with their attempts and re-sends a delivered one", async () => {
      const { call, services } = await boot();
      const { webhook } = await readJson(
        await call("POST", "/v1/webhooks", {
          token: admin,
          body: { url: "https://hooks.example.com/pi", events: ["run.finished"] },
        }),
      );
      for (const n of [1, 2, 3]) services.webhooks.emit("run.finished", { n });
      const deliveries = async (query = "") =>
        readJson(
          await call("GET", `/v1/webhooks/${webhook.id}/deliveries${query}`, { token: admin }),
        );
      for (let i = 0; i < 200; i++) {
        const page = await deliveries();
        if (page.items.every((item: { status: string }) => item.status === "delivered")) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const page = await deliveries("?limit=2&offset=1");
      expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(
        page.items.map((item: { payload: { data: { n: number } } }) => item.payload.data.n),
      ).toEqual([2, 1]);
      expect(page.items[1]).toEqual({
        id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
        webhookId: webhook.id,
        type: "run.finished",
        status: "delivered",
        createdAt: expect.any(String),
        nextAttemptAt: null,
        payload: { type: "run.finished", timestamp: expect.any(String), data: { n: 1 } },
        attempts: [
          { at: expect.any(String), statusCode: 200, response: "ok", error: null, durationMs: 1 },
        ],
      });

      const id = page.items[1].id;
      const resent = await call("POST", `/v1/webhooks/${webhook.id}/deliveries/${id}/resend`, {
        token: admin,
      });
      expect(resent.status).toBe(202);
      expect(await readJson(resent)).toMatchObject({ id, status: "pending" });
    });
  });

  describe("errors", () => {
    it("refuses private and non-http URLs, unknown events and malformed secrets", async () => {
      const { call } = await boot();
      const post = (body: unknown) => call("POST", "/v1/webhooks", { token: admin, body });
      const loopback = await post({ url: "http://127.0.0.1:9/hook", events: ["run.finished"] });
      expect(loopback.status).toBe(400);
      expect(await readJson(loopback)).toMatchObject({
        code: "WEBHOOK_URL_REFUSED",
        detail: "The webhook URL points at a private address (127.0.0.1)",
      });
      const metadata = await post({ url: "http://169.254.169.254/", events: ["run.finished"] });
      expect((await readJson(metadata)).code).toBe("WEBHOOK_URL_REFUSED");
      const ftp = await post({ url: "ftp://hooks.example.com/", events: ["run.finished"] });
      expect((await readJson(ftp)).code).toBe("WEBHOOK_URL_REFUSED");
      for (const body of [
        { url: "https://hooks.example.com/", events: ["run.started"] },
        { url: "https://hooks.example.com/", events: [] },
        { url: "https://hooks.example.com/", events: ["run.finished"], secret: "whsec_short" },
        { url: "https://hooks.example.com/", events: ["run.finished"], extra: 1 },
      ]) {
        const response = await post(body);
        expect(response.status).toBe(400);
        expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
      }
      expect((await readJson(await call("GET", "/v1/webhooks", { token: admin }))).items).toEqual(
        [],
      );
    });

    it("answers 404 for unknown webhooks and deliveries, 409 for re-sending a pending one", async () => {
      const { call, services } = await boot(() => ({
        statusCode: 503,
        response: "busy",
        error: "receiver answered 503",
        durationMs: 1,
      }));
      const unknown = "7b0c9a52-3f7e-4f64-9d1e-2c8a4c7d5e10";
      const missing = await call("GET", `/v1/webhooks/${unknown}/deliveries`, { token: admin });
      expect((await readJson(missing)).code).toBe("WEBHOOK_NOT_FOUND");
      expect((await call("GET", "/v1/webhooks/not-a-uuid", { token: admin })).status).toBe(400);

      const { webhook } = await readJson(
        await call("POST", "/v1/webhooks", {
          token: admin,
          body: { url: "https://hooks.example.com/pi", events: ["run.finished"] },
        }),
      );
      services.webhooks.emit("run.finished", { n: 1 });
      let item: { id: string; status: string; attempts: unknown[] } | undefined;
      for (let i = 0; i < 200 && !item?.attempts.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        item = (
          await readJson(
            await call("GET", `/v1/webhooks/${webhook.id}/deliveries`, { token: admin }),
          )
        ).items[0];
      }
      expect(item).toMatchObject({ status: "pending", nextAttemptAt: expect.any(String) });
      expect(item?.attempts).toEqual([
        {
          at: expect.any(String),
          statusCode: 503,
          response: "busy",
          error: "receiver answered 503",
          durationMs: 1,
        },
      ]);
      const pending = await call(
        "POST",
        `/v1/webhooks/${webhook.id}/deliveries/${item?.id}/resend`,
        { token: admin },
      );
      expect(pending.status).toBe(409);
      expect((await readJson(pending)).code).toBe("WEBHOOK_DELIVERY_CONFLICT");
      const none = await call(
        "POST",
        `/v1/webhooks/${webhook.id}/deliveries/msg_00000000000000000000000000000000/resend`,
        { token: admin },
      );
      expect((await readJson(none)).code).toBe("WEBHOOK_DELIVERY_NOT_FOUND");
    });
  });

  describe("security", () => {
    it("is for admins only", async () => {
      const { call, services } = await boot();
      const operator = (await services.tokens.create({ name: "ops", role: "operator" }, "test"))
        .secret;
      const unknown = "7b0c9a52-3f7e-4f64-9d1e-2c8a4c7d5e10";
      const requests: [string, string, unknown?][] = [
        ["POST", "/v1/webhooks", { url: "https://hooks.example.com/", events: ["run.finished"] }],
        ["GET", "/v1/webhooks"],
        ["GET", `/v1/webhooks/${unknown}`],
        ["DELETE", `/v1/webhooks/${unknown}`],
        ["GET", `/v1/webhooks/${unknown}/deliveries`],
        ["POST", `/v1/webhooks/${unknown}/deliveries/msg_00000000000000000000000000000000/resend`],
      ];
      for (const [method, path, body] of requests) {
        const asOperator = await call(method, path, { token: operator, body });
        expect(asOperator.status, `${method} ${path}`).toBe(403);
        expect((await call(method, path, { body })).status, `${method} ${path}`).toBe(401);
      }
      expect(await services.webhooks.subscriptions()).toEqual([]);
    });
  });
});
