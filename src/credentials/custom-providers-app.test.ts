import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { expectNoSecrets, recordBodies } from "#test-support/secret-scan.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";

const acmeKey = "acme-secret-key-42";
const headerSecret = "header-secret-value-7";

const acme = (overrides: Record<string, unknown> = {}) => ({
  provider: "acme",
  name: "Acme AI",
  baseUrl: "http://127.0.0.1:9/v1",
  api: "openai-completions",
  apiKey: acmeKey,
  headers: { "X-Acme-Tenant": headerSecret },
  models: [
    {
      id: "acme-large",
      name: "Acme Large",
      reasoning: true,
      thinkingLevelMap: { xhigh: null },
      contextWindow: 64_000,
      maxTokens: 4_096,
    },
  ],
  ...overrides,
});

describe("custom provider routes", () => {
  const tempDir = useTempDirs();

  async function setup() {
    const workspaceDir = await tempDir();
    const testApp = await createTestApp(workspaceDir);
    const { call, bodies } = recordBodies(testApp.call);
    const file = join(workspaceDir, ".pi-global", "models.json");
    return { call, bodies, logs: testApp.logs, file, workspaceDir };
  }

  describe("happy", () => {
    it("creates a provider whose model is selectable at once, in a 0600 file, without echoing secrets", async () => {
      const { call, bodies, logs, file } = await setup();
      const created = await call("PUT", "/v1/custom/providers", { body: acme() });
      expect(created.status).toBe(201);
      expect(await readJson(created)).toMatchObject({
        provider: "acme",
        hasApiKey: true,
        headerNames: ["X-Acme-Tenant"],
        models: [{ id: "acme-large", contextWindow: 64_000 }],
      });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(file, "utf8")).providers.acme.apiKey).toBe(acmeKey);

      const models = await readJson(await call("GET", "/v1/sessions/models?provider=acme"));
      expect(models.items).toEqual([
        {
          provider: "acme",
          id: "acme-large",
          name: "Acme Large",
          api: "openai-completions",
          reasoning: true,
          input: ["text"],
          contextWindow: 64_000,
          maxTokens: 4_096,
          thinkingLevels: ["off", "minimal", "low", "medium", "high"],
          defaultThinkingLevel: "medium",
          authAvailable: true,
          usesSubscription: false,
        },
      ]);
      const listed = await readJson(await call("GET", "/v1/custom/providers"));
      expect(listed.items.map((p: { provider: string }) => p.provider)).toEqual(["acme"]);
      const providers = await readJson(await call("GET", "/v1/auth/providers"));
      expect(
        providers.items.find((p: { provider: string }) => p.provider === "acme").credentials,
      ).toEqual([{ source: "models_json", type: "api_key", variable: null, expiresAt: null }]);
      expectNoSecrets([...bodies, ...logs], [acmeKey, headerSecret]);
    });

    it("makes the model usable by every project's sessions", async () => {
      const { call } = await setup();
      await call("PUT", "/v1/custom/providers", { body: acme() });
      await call("POST", "/v1/projects", { body: { name: "Demo" } });
      const session = await call("POST", "/v1/projects/demo/sessions", {
        body: { provider: "acme", modelId: "acme-large" },
      });
      expect(session.status).toBe(201);
    });

    it("keeps the stored key and headers when an update omits them", async () => {
      const { call, file } = await setup();
      await call("PUT", "/v1/custom/providers", { body: acme() });
      const { apiKey: _key, headers: _headers, ...rest } = acme();
      const updated = await call("PUT", "/v1/custom/providers", {
        body: { ...rest, models: [{ id: "acme-small" }] },
      });
      expect(updated.status).toBe(200);
      expect(await readJson(updated)).toMatchObject({
        hasApiKey: true,
        headerNames: ["X-Acme-Tenant"],
      });
      const record = JSON.parse(await readFile(file, "utf8")).providers.acme;
      expect(record).toMatchObject({ apiKey: acmeKey, headers: { "X-Acme-Tenant": headerSecret } });
      const models = await readJson(await call("GET", "/v1/sessions/models?provider=acme"));
      expect(models.items.map((m: { id: string }) => m.id)).toEqual(["acme-small"]);
    });

    it("deletes a provider and its models", async () => {
      const { call } = await setup();
      await call("PUT", "/v1/custom/providers", { body: acme() });
      expect((await call("DELETE", "/v1/custom/providers/acme")).status).toBe(204);
      const models = await readJson(await call("GET", "/v1/sessions/models?provider=acme"));
      expect(models.items).toEqual([]);
      expect((await readJson(await call("GET", "/v1/custom/providers"))).items).toEqual([]);
    });
  });

  describe("errors", () => {
    it.each([
      ["no models", acme({ models: [] })],
      ["a base URL that is not http(s)", acme({ baseUrl: "file:///etc" })],
      ["a base URL with credentials", acme({ baseUrl: "https://user:pw@llm.example.com/v1" })],
      ["an unknown field", acme({ extra: true })],
      ["an unknown api", acme({ api: "smoke-signals" })],
      ["a negative context window", acme({ models: [{ id: "m", contextWindow: -5 }] })],
      ["duplicate model ids", acme({ models: [{ id: "m" }, { id: "m" }] })],
      ["a command as key", acme({ apiKey: "!curl evil.example" })],
      ["an env reference as header", acme({ headers: { "X-Key": "AGENT_SERVER_TOKEN" } })],
      ["a built-in provider name", acme({ provider: "anthropic" })],
      ["a name that is not a slug", acme({ provider: "Acme AI" })],
      ["a new provider without a key", acme({ provider: "other", apiKey: undefined })],
      ["a compat pi cannot load", acme({ compat: { supportsLongCacheRetention: "yes" } })],
    ])("400s %s and leaves the file unchanged", async (_name, body) => {
      const { call, file } = await setup();
      await call("PUT", "/v1/custom/providers", { body: acme() });
      const before = await readFile(file, "utf8");
      const response = await call("PUT", "/v1/custom/providers", { body });
      expect(response.status).toBe(400);
      expect(["VALIDATION_FAILED", "CUSTOM_PROVIDER_REJECTED"]).toContain(
        (await readJson(response)).code,
      );
      expect(await readFile(file, "utf8")).toBe(before);
      const models = await readJson(await call("GET", "/v1/sessions/models?provider=acme"));
      expect(models.items.map((m: { id: string }) => m.id)).toEqual(["acme-large"]);
    });

    it("rolls back a record pi rejects and says why", async () => {
      const { call, file } = await setup();
      const response = await call("PUT", "/v1/custom/providers", {
        body: acme({ compat: { supportsLongCacheRetention: 1 } }),
      });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("CUSTOM_PROVIDER_REJECTED");
      expect(problem.detail).toContain("providers.acme.compat");
      expect(problem.detail).not.toContain(file);
      await expect(stat(file)).rejects.toThrow();
    });

    it("404s deleting a provider that does not exist", async () => {
      const { call } = await setup();
      const response = await call("DELETE", "/v1/custom/providers/ghost");
      expect(response.status).toBe(404);
      expect((await readJson(response)).code).toBe("CUSTOM_PROVIDER_NOT_FOUND");
    });

    it("warns at boot when models.json does not load, without quoting it", async () => {
      const workspaceDir = await tempDir();
      await mkdir(join(workspaceDir, ".pi-global"), { recursive: true });
      await writeFile(join(workspaceDir, ".pi-global", "models.json"), `{"providers": ${acmeKey}`);
      const { logs } = await createTestApp(workspaceDir);
      expect(logs.join("\n")).toContain("models.json does not load");
      expectNoSecrets(logs, [acmeKey]);
    });

    it("409s writes while models.json is broken, and leaves it for a human to fix", async () => {
      const { call, file } = await setup();
      await call("PUT", "/v1/custom/providers", { body: acme() });
      await writeFile(file, "{ not json");
      const listed = await call("GET", "/v1/custom/providers");
      expect(listed.status).toBe(409);
      expect((await readJson(listed)).code).toBe("MODELS_FILE_INVALID");
      expect((await call("PUT", "/v1/custom/providers", { body: acme() })).status).toBe(409);
      expect(await readFile(file, "utf8")).toBe("{ not json");
      expect((await call("GET", "/v1/auth/providers")).status).toBe(200);
    });
  });
});
