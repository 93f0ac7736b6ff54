import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { OAuthLoginCallbacks } from "@mariozechner/pi-ai";
import { registerOAuthProvider, unregisterOAuthProvider } from "@mariozechner/pi-ai/oauth";
import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { expectNoSecrets, recordBodies } from "#test-support/secret-scan.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";

const accessToken = "oauth-access-token-secret";
const refreshToken = "oauth-refresh-token-secret";
const authUrl = "https://login.example.com/authorize?client_id=test&state=abc";
const aborts: string[] = [];

/** A test subscription provider scripted through pi's login callbacks. */
function registerTestLogin(id: string, run: (callbacks: OAuthLoginCallbacks) => Promise<string>) {
  registerOAuthProvider({
    id,
    name: `Test ${id}`,
    async login(callbacks) {
      callbacks.signal?.addEventListener("abort", () => aborts.push(id));
      const code = await run(callbacks);
      if (code !== "good-code") throw new Error("The authorization code was rejected");
      return { access: accessToken, refresh: refreshToken, expires: Date.now() + 3_600_000 };
    },
    refreshToken: async (credentials) => credentials,
    getApiKey: (credentials) => credentials.access,
  });
}

describe("subscription login routes", () => {
  const tempDir = useTempDirs();
  const registered: string[] = [];
  afterEach(() => {
    for (const id of registered.splice(0)) unregisterOAuthProvider(id);
    aborts.length = 0;
  });

  async function setup(
    provider: string,
    run: (callbacks: OAuthLoginCallbacks) => Promise<string>,
    ttlMs?: number,
  ) {
    registerTestLogin(provider, run);
    registered.push(provider);
    const workspaceDir = await tempDir();
    const testApp = await createTestApp(
      workspaceDir,
      {},
      { credentials: { subscriptions: { settleMs: 1_000, ...(ttlMs ? { ttlMs } : {}) } } },
    );
    const { call, bodies } = recordBodies(testApp.call);
    const poll = async (flowId: string, done: (flow: { status: string }) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const flow = await readJson(await call("GET", `/v1/auth/subscription/${flowId}`));
        if (done(flow)) return flow;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("flow never reached the expected state");
    };
    return {
      call,
      bodies,
      logs: testApp.logs,
      poll,
      authFile: join(workspaceDir, ".pi-global", "auth.json"),
    };
  }

  const pastedCode = async (callbacks: OAuthLoginCallbacks) => {
    callbacks.onAuth({ url: authUrl, instructions: "Log in, then paste the code" });
    return callbacks.onPrompt({ message: "Paste the authorization code", placeholder: "code" });
  };

  describe("happy", () => {
    it("start → URL and prompt → continue with the code → succeeded, credential stored 0600", async () => {
      const { call, bodies, logs, authFile } = await setup("test-sub", pastedCode);
      const started = await call("POST", "/v1/auth/providers/test-sub/subscription/start");
      expect(started.status).toBe(201);
      const flow = await readJson(started);
      expect(started.headers.get("location")).toBe(`/v1/auth/subscription/${flow.id}`);
      expect(flow).toMatchObject({
        provider: "test-sub",
        status: "awaiting_input",
        auth: { url: authUrl, instructions: "Log in, then paste the code" },
        prompt: { kind: "text", message: "Paste the authorization code", placeholder: "code" },
        error: null,
      });
      const status = await readJson(await call("GET", "/v1/auth/providers"));
      expect(
        status.items.find((p: { provider: string }) => p.provider === "test-sub").subscription,
      ).toMatchObject({ name: "Test test-sub", activeFlowId: flow.id });

      const continued = await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "good-code" },
      });
      expect(continued.status).toBe(200);
      expect(await readJson(continued)).toMatchObject({ status: "succeeded", prompt: null });

      expect((await stat(authFile)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(authFile, "utf8"))["test-sub"]).toMatchObject({
        type: "oauth",
        access: accessToken,
      });
      const after = await readJson(await call("GET", "/v1/auth/providers"));
      expect(
        after.items.find((p: { provider: string }) => p.provider === "test-sub"),
      ).toMatchObject({
        credentials: [{ source: "stored", type: "oauth", expiresAt: expect.any(String) }],
        subscription: { activeFlowId: null },
      });
      expectNoSecrets([...bodies, ...logs], [accessToken, refreshToken, "good-code"]);
    });

    it("shows a manual-code prompt, progress and select prompts", async () => {
      const { call, poll } = await setup("test-select", async (callbacks) => {
        callbacks.onAuth({ url: authUrl });
        const region = await callbacks.onSelect?.({
          message: "Region",
          options: [
            { id: "eu", label: "Europe" },
            { id: "us", label: "United States" },
          ],
        });
        callbacks.onProgress?.(`Using region ${region}`);
        return (await callbacks.onManualCodeInput?.()) ?? "";
      });
      const flow = await readJson(
        await call("POST", "/v1/auth/providers/test-select/subscription/start"),
      );
      expect(flow.prompt).toMatchObject({ kind: "select", options: [{ id: "eu" }, { id: "us" }] });
      const wrong = await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "mars" },
      });
      expect(wrong.status).toBe(400);
      const next = await readJson(
        await call("POST", `/v1/auth/subscription/${flow.id}/continue`, { body: { value: "eu" } }),
      );
      expect(next).toMatchObject({
        progress: ["Using region eu"],
        prompt: { kind: "manual_code" },
      });
      await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "good-code" },
      });
      expect((await poll(flow.id, (f) => f.status !== "awaiting_input")).status).toBe("succeeded");
    });
  });

  describe("errors", () => {
    it("cancels mid-flow: nothing stored, the login is aborted, continue and cancel then 409", async () => {
      const { call, authFile } = await setup("test-cancel", pastedCode);
      const flow = await readJson(
        await call("POST", "/v1/auth/providers/test-cancel/subscription/start"),
      );
      const cancelled = await call("DELETE", `/v1/auth/subscription/${flow.id}`);
      expect(cancelled.status).toBe(200);
      expect(await readJson(cancelled)).toMatchObject({ status: "cancelled", prompt: null });
      expect(aborts).toEqual(["test-cancel"]);
      const late = await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "good-code" },
      });
      expect(late.status).toBe(409);
      expect((await readJson(late)).code).toBe("SUBSCRIPTION_FLOW_FINISHED");
      expect((await call("DELETE", `/v1/auth/subscription/${flow.id}`)).status).toBe(409);
      await expect(stat(authFile)).rejects.toThrow();
      const again = await call("POST", "/v1/auth/providers/test-cancel/subscription/start");
      expect(again.status).toBe(201);
    });

    it("expires a flow nobody completes", async () => {
      const { call, poll } = await setup("test-expiry", pastedCode, 150);
      const flow = await readJson(
        await call("POST", "/v1/auth/providers/test-expiry/subscription/start"),
      );
      const expired = await poll(flow.id, (f) => f.status !== "awaiting_input");
      expect(expired).toMatchObject({
        status: "expired",
        error: expect.stringContaining("Not completed"),
      });
      const late = await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "good-code" },
      });
      expect(late.status).toBe(409);
    });

    it("fails a login the provider rejects, and 409s continuing it", async () => {
      const { call, authFile } = await setup("test-fail", pastedCode);
      const flow = await readJson(
        await call("POST", "/v1/auth/providers/test-fail/subscription/start"),
      );
      const failed = await readJson(
        await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
          body: { value: "bad-code" },
        }),
      );
      expect(failed).toMatchObject({
        status: "failed",
        error: "The authorization code was rejected",
      });
      const late = await call("POST", `/v1/auth/subscription/${flow.id}/continue`, {
        body: { value: "good-code" },
      });
      expect(late.status).toBe(409);
      await expect(stat(authFile)).rejects.toThrow();
    });

    it("allows one active flow per provider", async () => {
      const { call } = await setup("test-one", pastedCode);
      const first = await readJson(
        await call("POST", "/v1/auth/providers/test-one/subscription/start"),
      );
      const second = await call("POST", "/v1/auth/providers/test-one/subscription/start");
      expect(second.status).toBe(409);
      const problem = await readJson(second);
      expect(problem.code).toBe("SUBSCRIPTION_FLOW_ACTIVE");
      expect(problem.detail).toContain(first.id);
    });

    it("404s unknown flows and providers without a subscription login; 400s malformed ids", async () => {
      const { call } = await setup("test-404", pastedCode);
      const unknown = await call(
        "GET",
        "/v1/auth/subscription/5f0c8a1e-6d0b-4c53-9f1e-2b8f6f0c9a41",
      );
      expect(unknown.status).toBe(404);
      expect((await readJson(unknown)).code).toBe("SUBSCRIPTION_FLOW_NOT_FOUND");
      const noLogin = await call("POST", "/v1/auth/providers/groq/subscription/start");
      expect(noLogin.status).toBe(404);
      expect((await readJson(noLogin)).code).toBe("SUBSCRIPTION_PROVIDER_NOT_FOUND");
      expect((await call("GET", "/v1/auth/subscription/not-a-uuid")).status).toBe(400);
      const emptyAnswer = await readJson(
        await call("POST", "/v1/auth/providers/test-404/subscription/start"),
      );
      const empty = await call("POST", `/v1/auth/subscription/${emptyAnswer.id}/continue`, {
        body: { value: "  " },
      });
      expect(empty.status).toBe(400);
    });
  });
});
