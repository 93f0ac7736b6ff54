import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readJson } from "#test-support/json.js";
import { expectNoSecrets, recordBodies } from "#test-support/secret-scan.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { createLogger } from "../logging/logger.js";
import { workspaceLayout } from "../workspace/layout.js";
import type { CredentialsServiceOptions } from "./credentials-service.js";

const groqKey = "gsk-test-0123456789abcdef";
const envMistralKey = "mistral-env-secret-987";

describe("credentials routes", () => {
  const tempDir = useTempDirs();
  beforeEach(() => {
    for (const name of ["GROQ_API_KEY", "MISTRAL_API_KEY"]) vi.stubEnv(name, "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function setup(
    options: { apiToken?: string } & Omit<CredentialsServiceOptions, "globalDir" | "org"> = {},
  ) {
    const { apiToken, ...serviceOptions } = options;
    const workspaceDir = await tempDir();
    const globalDir = workspaceLayout(workspaceDir).globalDir;
    const serviceLogs: string[] = [];
    const testApp = await createTestApp(workspaceDir, apiToken ? { apiToken } : {}, {
      credentials: {
        logger: createLogger({ level: "debug", write: (line) => serviceLogs.push(line) }),
        ...serviceOptions,
      },
    });
    const { credentials } = testApp.services;
    const { call, bodies } = recordBodies(testApp.call);
    const logs = () => [...testApp.logs, ...serviceLogs];
    return { call, bodies, logs, serviceLogs, credentials, globalDir };
  }

  const groqModels = async (call: (m: string, p: string) => Promise<Response>) =>
    (await readJson(await call("GET", "/v1/sessions/models?provider=groq"))).items as Array<{
      authAvailable: boolean;
    }>;

  describe("happy", () => {
    it("stores a key, makes the provider's models available, deletes it, and never shows it", async () => {
      const { call, bodies, logs, serviceLogs, globalDir } = await setup();
      expect((await groqModels(call)).every((model) => !model.authAvailable)).toBe(true);

      const stored = await call("PUT", "/v1/auth/providers/groq/api-key", {
        body: { apiKey: groqKey },
      });
      expect(stored.status).toBe(200);
      expect(await readJson(stored)).toMatchObject({
        provider: "groq",
        authAvailable: true,
        credentials: [{ source: "stored", type: "api_key", variable: null }],
      });
      const models = await groqModels(call);
      expect(models.length).toBeGreaterThan(0);
      expect(models.every((model) => model.authAvailable)).toBe(true);
      const providers = await readJson(await call("GET", "/v1/auth/providers"));
      expect(
        providers.items.find((p: { provider: string }) => p.provider === "groq"),
      ).toMatchObject({ availableModels: models.length });
      const authFile = join(globalDir, "auth.json");
      expect((await stat(authFile)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(authFile, "utf8")).groq).toEqual({
        type: "api_key",
        key: groqKey,
      });

      expect((await call("DELETE", "/v1/auth/providers/groq")).status).toBe(204);
      expect((await groqModels(call)).every((model) => !model.authAvailable)).toBe(true);
      expect(JSON.parse(await readFile(authFile, "utf8")).groq).toBeUndefined();
      expect(serviceLogs.join("\n")).toContain("API key stored provider=groq");
      expectNoSecrets([...bodies, ...logs()], [groqKey]);
    });

    it("describes each model: limits, thinking levels, default level", async () => {
      const { call } = await setup();
      const body = await readJson(await call("GET", "/v1/sessions/models?provider=deepseek"));
      expect(body.defaultModel).toBeNull();
      const pro = body.items.find((model: { id: string }) => model.id === "deepseek-v4-pro");
      expect(pro).toEqual({
        provider: "deepseek",
        id: "deepseek-v4-pro",
        name: expect.any(String),
        api: "openai-completions",
        reasoning: true,
        input: ["text"],
        contextWindow: 1_000_000,
        maxTokens: 384_000,
        thinkingLevels: ["off", "high", "xhigh"],
        defaultThinkingLevel: "high",
        authAvailable: false,
        usesSubscription: false,
      });
    });

    it("filters models by availability", async () => {
      const { call } = await setup();
      await call("PUT", "/v1/auth/providers/groq/api-key", { body: { apiKey: groqKey } });
      const available = await readJson(await call("GET", "/v1/sessions/models?available=true"));
      expect(available.items.length).toBeGreaterThan(0);
      expect(new Set(available.items.map((m: { provider: string }) => m.provider))).toEqual(
        new Set(["groq"]),
      );
    });

    it("reports an environment key by variable, never by value, and ranks a stored key above it", async () => {
      const envKeys = { mistral: { variable: "MISTRAL_API_KEY", value: envMistralKey } };
      const { call, bodies, logs, credentials } = await setup({ envKeys });
      const status = async () =>
        (await readJson(await call("GET", "/v1/auth/providers"))).items.find(
          (p: { provider: string }) => p.provider === "mistral",
        );
      expect(await status()).toMatchObject({
        authAvailable: true,
        credentials: [{ source: "environment", type: "api_key", variable: "MISTRAL_API_KEY" }],
      });
      expect(await credentials.org.authStorage.getApiKey("mistral")).toBe(envMistralKey);

      await call("PUT", "/v1/auth/providers/mistral/api-key", {
        body: { apiKey: "stored-mistral-1" },
      });
      expect((await status()).credentials.map((c: { source: string }) => c.source)).toEqual([
        "stored",
        "environment",
      ]);
      expect(await credentials.org.authStorage.getApiKey("mistral")).toBe("stored-mistral-1");

      expect((await call("DELETE", "/v1/auth/providers/mistral")).status).toBe(204);
      expect(await credentials.org.authStorage.getApiKey("mistral")).toBe(envMistralKey);
      expectNoSecrets([...bodies, ...logs()], [envMistralKey, "stored-mistral-1"]);
    });
  });

  describe("errors", () => {
    it("404s a key for a provider nobody knows", async () => {
      const { call } = await setup();
      const response = await call("PUT", "/v1/auth/providers/nope/api-key", {
        body: { apiKey: "abc-123" },
      });
      expect(response.status).toBe(404);
      expect((await readJson(response)).code).toBe("PROVIDER_NOT_FOUND");
    });

    it.each([
      ["a shell command", { apiKey: "!cat /etc/passwd" }],
      ["an environment variable name", { apiKey: "AGENT_SERVER_TOKEN" }],
      ["an empty key", { apiKey: "" }],
      ["a multi-line key", { apiKey: "abc\ndef" }],
      ["an unknown field", { apiKey: "abc-123", extra: 1 }],
    ])("400s %s", async (_name, body) => {
      const { call, globalDir } = await setup();
      const response = await call("PUT", "/v1/auth/providers/groq/api-key", { body });
      expect(response.status).toBe(400);
      expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
      await expect(stat(join(globalDir, "auth.json"))).rejects.toThrow();
    });

    it("400s a provider name that is not a slug", async () => {
      const { call } = await setup();
      const response = await call("PUT", "/v1/auth/providers/Bad%20Name/api-key", {
        body: { apiKey: "abc-123" },
      });
      expect(response.status).toBe(400);
      expect((await call("GET", "/v1/sessions/models?available=maybe")).status).toBe(400);
    });

    it("404s deleting a credential that is not stored; 409s one from the environment", async () => {
      const envKeys = { mistral: { variable: "MISTRAL_API_KEY", value: envMistralKey } };
      const { call, bodies } = await setup({ envKeys });
      const missing = await call("DELETE", "/v1/auth/providers/groq");
      expect(missing.status).toBe(404);
      expect((await readJson(missing)).code).toBe("CREDENTIAL_NOT_FOUND");
      const fromEnv = await call("DELETE", "/v1/auth/providers/mistral");
      expect(fromEnv.status).toBe(409);
      const problem = await readJson(fromEnv);
      expect(problem.code).toBe("CREDENTIAL_NOT_REMOVABLE");
      expect(problem.detail).toContain("MISTRAL_API_KEY");
      expectNoSecrets(bodies, [envMistralKey]);
    });
  });

  describe("security", () => {
    it.each([
      ["GET", "/v1/sessions/models"],
      ["GET", "/v1/auth/providers"],
      ["PUT", "/v1/auth/providers/groq/api-key"],
      ["DELETE", "/v1/auth/providers/groq"],
      ["POST", "/v1/auth/providers/anthropic/subscription/start"],
      ["GET", "/v1/auth/subscription/5f0c8a1e-6d0b-4c53-9f1e-2b8f6f0c9a41"],
      ["POST", "/v1/auth/subscription/5f0c8a1e-6d0b-4c53-9f1e-2b8f6f0c9a41/continue"],
      ["DELETE", "/v1/auth/subscription/5f0c8a1e-6d0b-4c53-9f1e-2b8f6f0c9a41"],
      ["GET", "/v1/custom/providers"],
      ["PUT", "/v1/custom/providers"],
      ["DELETE", "/v1/custom/providers/acme"],
    ])("%s %s requires the bearer token", async (method, path) => {
      const { call } = await setup({ apiToken: "t0ken-for-tests" });
      const body = method === "PUT" || method === "POST" ? { apiKey: groqKey } : undefined;
      const denied = await call(method, path, { body, token: "wrong" });
      expect(denied.status).toBe(401);
      expect((await readJson(denied)).code).toBe("UNAUTHORIZED");
      expect((await call(method, path, { body })).status).toBe(401);
    });

    it("accepts the right token", async () => {
      const { call } = await setup({ apiToken: "t0ken-for-tests" });
      expect((await call("GET", "/v1/auth/providers", { token: "t0ken-for-tests" })).status).toBe(
        200,
      );
    });
  });
});
