import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { type SessionApp, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { providerEnvVars } from "../config/provider-env-keys.js";

const sessions = "/projects/demo/sessions";

/** What pi's own refusal says, which means nothing to an HTTP client. */
function expectNoTerminalAdvice(detail: string): void {
  expect(detail).not.toMatch(/\/login|\/model\b|<server path>|node_modules|\.md\b/);
}

/** A built-in model without credentials whose provider pi reads a key variable for. */
function modelWithKeyVariable(t: SessionApp) {
  const registry = t.runtimes.org.modelRegistry;
  const model = registry
    .getAll()
    .find(
      (candidate) => !registry.hasConfiguredAuth(candidate) && providerEnvVars[candidate.provider],
    );
  if (!model) throw new Error("every provider with a key variable has credentials here");
  return { provider: model.provider, modelId: model.id };
}

describe("issue 14.10: prompting without credentials tells an HTTP user what to do", () => {
  // Declared first, so its directories are removed after the apps stop (hooks run in reverse).
  const tempDir = useTempDirs();
  const build = useSessionApps();

  it("answers 422 MODEL_NO_CREDENTIALS naming the key route, the environment variable and the models with credentials", async () => {
    const t = await build(await tempDir());
    const model = modelWithKeyVariable(t);
    const sessionId = await t.session(model);
    const response = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "hi" },
    });
    expect(response.status).toBe(422);
    const problem = await readJson(response);
    expect(problem).toMatchObject({ code: "MODEL_NO_CREDENTIALS", status: 422 });
    const detail: string = problem.detail;
    expect(detail).toContain(`${model.provider}/${model.modelId}`);
    expect(detail).toContain(`PUT /v1/auth/providers/${model.provider}/api-key`);
    for (const variable of providerEnvVars[model.provider] ?? [])
      expect(detail).toContain(variable);
    expect(detail).toContain("faux/faux-1");
    expect(detail).toContain("faux/faux-reasoning");
    expect(detail).toContain(`PATCH /v1/projects/{projectId}/sessions/{sessionId}/settings`);
    expectNoTerminalAdvice(detail);
    const after = await readJson(await t.call("GET", `${sessions}/${sessionId}`));
    expect(after).toMatchObject({ status: "idle", messages: [] });
  });

  it("runs once the session switches to a model the detail lists", async () => {
    const t = await build(await tempDir());
    const sessionId = await t.session(modelWithKeyVariable(t));
    const switched = await t.call("PATCH", `${sessions}/${sessionId}/settings`, {
      body: { provider: "faux", modelId: "faux-1" },
    });
    expect(switched.status).toBe(200);
    t.faux.setResponses([fauxAssistantMessage("hello")]);
    const response = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "hi" },
    });
    expect(response.status).toBe(202);
    await t.waitForStatus(sessionId, "idle");
  });
});

describe("issue 14.11: creating a session names its model, or says how to get one", () => {
  // Declared first, so its directories are removed after the apps stop (hooks run in reverse).
  const tempDir = useTempDirs();
  const build = useSessionApps();

  it("uses the default model when none is named and reports it in the 201 answer", async () => {
    const t = await build(await tempDir());
    const created = await t.call("POST", await t.project(), { body: {} });
    expect(created.status).toBe(201);
    const body = await readJson(created);
    expect(body.settings).toMatchObject({ provider: "faux", modelId: expect.any(String) });
    expect(["faux-1", "faux-reasoning"]).toContain(body.settings.modelId);
    const settings = await readJson(await t.call("GET", `${sessions}/${body.id}/settings`));
    expect(settings).toEqual(body.settings);
  });

  it("reports a named model and its clamped thinking level in the 201 answer", async () => {
    const t = await build(await tempDir());
    const created = await t.call("POST", await t.project(), {
      body: { provider: "faux", modelId: "faux-1", thinkingLevel: "high" },
    });
    expect(await readJson(created)).toMatchObject({
      settings: { provider: "faux", modelId: "faux-1", thinkingLevel: "off" },
    });
  });

  it("answers 422 MODEL_NO_CREDENTIALS when pi's default model has none, listing the models that do", async () => {
    const t = await build(await tempDir());
    await t.project();
    const model = modelWithKeyVariable(t);
    const piDir = join(t.registry.layout.projectDir("demo"), ".pi");
    await mkdir(piDir, { recursive: true });
    await writeFile(
      join(piDir, "settings.json"),
      JSON.stringify({ defaultProvider: model.provider, defaultModel: model.modelId }),
    );
    const response = await t.call("POST", sessions, { body: {} });
    expect(response.status).toBe(422);
    const problem = await readJson(response);
    expect(problem.code).toBe("MODEL_NO_CREDENTIALS");
    expect(problem.detail).toContain(`default model ${model.provider}/${model.modelId}`);
    expect(problem.detail).toContain(`PUT /v1/auth/providers/${model.provider}/api-key`);
    expect(problem.detail).toContain("faux/faux-1");
    expectNoTerminalAdvice(problem.detail);
    expect((await readJson(await t.call("GET", sessions))).items).toEqual([]);
  });

  it("answers 422 NO_MODEL_AVAILABLE naming the fixes when no model has credentials, and creates nothing", async () => {
    const { call } = await createTestApp(await tempDir());
    await call("POST", "/v1/projects", { body: { name: "Demo" } });
    const models = await readJson(await call("GET", "/v1/sessions/models"));
    expect(models.items.filter((m: { authAvailable: boolean }) => m.authAvailable)).toEqual([]);

    const response = await call("POST", `/v1${sessions}`, { body: { name: "first" } });
    expect(response.status).toBe(422);
    const problem = await readJson(response);
    expect(problem).toMatchObject({ code: "NO_MODEL_AVAILABLE", status: 422 });
    expect(problem.detail).toContain("PUT /v1/auth/providers/{provider}/api-key");
    expect(problem.detail).toContain("ANTHROPIC_API_KEY");
    expect(problem.detail).toContain("PUT /v1/custom/providers");
    expectNoTerminalAdvice(problem.detail);
    expect((await readJson(await call("GET", `/v1${sessions}`))).items).toEqual([]);

    const provider = await call("PUT", "/v1/custom/providers", {
      body: {
        provider: "acme",
        baseUrl: "http://127.0.0.1:9/v1",
        api: "openai-completions",
        apiKey: "acme-key",
        models: [{ id: "acme-large" }],
      },
    });
    expect(provider.status).toBe(201);
    const created = await call("POST", `/v1${sessions}`, { body: {} });
    expect(created.status).toBe(201);
    expect((await readJson(created)).settings).toMatchObject({
      provider: "acme",
      modelId: "acme-large",
    });
  });
});
