import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import {
  fauxModels,
  modelWithoutCredentials,
  type SessionApp,
  useSessionApps,
} from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { SessionSettingsSchema } from "./sessions-schemas.js";

const sessions = "/projects/demo/sessions";
const reasoningLevels = ["off", "minimal", "low", "medium", "high"];

describe("session settings routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  const patch = (t: SessionApp, sessionId: string, body: unknown) =>
    t.call("PATCH", `${sessions}/${sessionId}/settings`, { body });

  describe("GET …/settings (sessions.getSettings)", () => {
    it("returns the active model and thinking level", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/settings`);
      expect(response.status).toBe(200);
      expect(SessionSettingsSchema.parse(await readJson(response))).toEqual({
        provider: "faux",
        modelId: fauxModels.plain,
        thinkingLevel: "off",
        availableThinkingLevels: ["off"],
        onBusy: "reject",
      });
    });
  });

  describe("PATCH …/settings (sessions.updateSettings)", () => {
    it("clamps the thinking level to what the model supports and returns the effective one", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await patch(t, sessionId, { thinkingLevel: "high" });
      expect(response.status).toBe(200);
      expect(SessionSettingsSchema.parse(await readJson(response))).toMatchObject({
        modelId: fauxModels.plain,
        thinkingLevel: "off",
      });
    });

    it("switches model and clamps xhigh to the reasoning model's highest level", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const switched = await patch(t, sessionId, {
        provider: "faux",
        modelId: fauxModels.reasoning,
        thinkingLevel: "xhigh",
      });
      expect(switched.status).toBe(200);
      expect(await readJson(switched)).toEqual({
        provider: "faux",
        modelId: fauxModels.reasoning,
        thinkingLevel: "high",
        availableThinkingLevels: reasoningLevels,
        onBusy: "reject",
      });
      const lowered = await readJson(await patch(t, sessionId, { thinkingLevel: "minimal" }));
      expect(lowered.thinkingLevel).toBe("minimal");

      const back = await readJson(await patch(t, sessionId, { modelId: fauxModels.plain }));
      expect(back).toMatchObject({ modelId: fauxModels.plain, thinkingLevel: "off" });
      const detail = await readJson(await t.call("GET", `${sessions}/${sessionId}`));
      expect(detail.settings).toEqual(back);
    });

    it("accepts an empty body and changes nothing", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session({
        provider: "faux",
        modelId: fauxModels.reasoning,
        thinkingLevel: "medium",
      });
      const response = await patch(t, sessionId, {});
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({
        modelId: fauxModels.reasoning,
        thinkingLevel: "medium",
      });
    });

    it.each([
      ["an unknown thinking level", { thinkingLevel: "max" }, "body.thinkingLevel"],
      ["an empty provider", { provider: "" }, "body.provider"],
      ["a non-string modelId", { modelId: 3 }, "body.modelId"],
      ["an unknown field", { temperature: 1 }, "body"],
    ])("rejects %s with 400 naming %s", async (_, body, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await patch(t, sessionId, body);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
    });

    it("answers 404 MODEL_NOT_FOUND for an unknown model, keeping the old one", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await patch(t, sessionId, { provider: "faux", modelId: "nope" });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toMatchObject({ code: "MODEL_NOT_FOUND" });
      const settings = await readJson(await t.call("GET", `${sessions}/${sessionId}/settings`));
      expect(settings.modelId).toBe(fauxModels.plain);
    });

    it("answers 422 MODEL_NO_CREDENTIALS for a model without credentials", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await patch(t, sessionId, modelWithoutCredentials(t));
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await readJson(response)).toMatchObject({ code: "MODEL_NO_CREDENTIALS" });
      const settings = await readJson(await t.call("GET", `${sessions}/${sessionId}/settings`));
      expect(settings.modelId).toBe(fauxModels.plain);
    });

    it("answers 409 SESSION_BUSY while the session is streaming", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 40 });
      const sessionId = await t.session({ provider: "faux", modelId: fauxModels.reasoning });
      t.faux.setResponses([fauxAssistantMessage("slow ".repeat(400))]);
      await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "go" } });
      await t.waitForStatus(sessionId, "streaming");
      const response = await patch(t, sessionId, { thinkingLevel: "low" });
      expect(response.status).toBe(409);
      expect(await readJson(response)).toMatchObject({ code: "SESSION_BUSY" });
      await t.call("POST", `${sessions}/${sessionId}/abort`);
      const settings = await readJson(await t.call("GET", `${sessions}/${sessionId}/settings`));
      expect(settings.thinkingLevel).not.toBe("low");
    });

    it("changes the on-busy default while the session is streaming", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 40 });
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("slow ".repeat(400))]);
      await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "go" } });
      await t.waitForStatus(sessionId, "streaming");
      const response = await patch(t, sessionId, { onBusy: "enqueue" });
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({ onBusy: "enqueue" });
      const queue = await readJson(await t.call("GET", `${sessions}/${sessionId}/queue`));
      expect(queue).toEqual({ items: [], onBusy: "enqueue" });
      await t.call("POST", `${sessions}/${sessionId}/abort`);
    });

    it("rejects an unknown on-busy policy with 400", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await patch(t, sessionId, { onBusy: "later" });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain("body.onBusy");
    });
  });
});
