import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "../../test/helpers/faux.js";
import { readJson } from "../../test/helpers/json.js";
import { type SessionApp, useSessionApps } from "../../test/helpers/session-app.js";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { providerEnvVars } from "../pi/provider-env-keys.js";

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
  const build = useSessionApps();
  const tempDir = useTempDirs();

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
