import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { writeProjectResources } from "#test-support/project-resources.js";
import { type SessionApp, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { PendingUiRequestSchema } from "./sessions-schemas.js";

const sessions = "/projects/demo/sessions";

describe("extension UI routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  const list = async (t: SessionApp, sessionId: string) =>
    readJson(await t.call("GET", `${sessions}/${sessionId}/extension-ui`));
  const answer = (t: SessionApp, sessionId: string, requestId: string, body: unknown) =>
    t.call("POST", `${sessions}/${sessionId}/extension-ui/${requestId}/response`, { body });

  /** Runs the project extension's `ask` tool and waits for its dialog to be pending. */
  async function asking(method: string, args: Record<string, unknown> = {}) {
    const t = await build(await tempDir());
    await t.project();
    await writeProjectResources(t.registry.require("demo").projectDir);
    const sessionId = await t.session();
    t.faux.setResponses([
      fauxAssistantMessage([fauxToolCall("ask", { method, ...args })], { stopReason: "toolUse" }),
      fauxAssistantMessage("thanks"),
    ]);
    const prompt = await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "?" } });
    expect(prompt.status).toBe(202);
    await t.waitForStatus(sessionId, "awaiting_input");
    const { items } = await list(t, sessionId);
    expect(items).toHaveLength(1);
    return { t, sessionId, request: PendingUiRequestSchema.parse(items[0]) };
  }

  /** What the extension's dialog returned, from the tool result once the run is over. */
  async function toolAnswer(t: SessionApp, sessionId: string): Promise<unknown> {
    await t.waitForStatus(sessionId, "idle");
    const detail = await readJson(await t.call("GET", `${sessions}/${sessionId}`));
    const result = detail.messages.find((message: Json) => message.role === "toolResult");
    return JSON.parse(result.content[0].text.replace(/^answer:/, ""));
  }

  describe("GET …/extension-ui (sessions.listUiRequests)", () => {
    it("lists nothing while no dialog is open", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/extension-ui`);
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ items: [] });
    });

    it("lists a pending dialog in the documented shape, and the session awaits input", async () => {
      const { t, sessionId, request } = await asking("select");
      expect(request).toMatchObject({
        type: "extension_ui_request",
        method: "select",
        title: "Pick one",
        options: ["red", "blue"],
      });
      expect(Number.isNaN(Date.parse(request.createdAt))).toBe(false);
      const summary = (await readJson(await t.call("GET", sessions))).items[0];
      expect(summary).toMatchObject({ id: sessionId, status: "awaiting_input" });
    });
  });

  describe("POST …/extension-ui/{requestId}/response (sessions.answerUiRequest)", () => {
    it.each([
      ["select", { value: "blue" }, "blue"],
      ["confirm", { confirmed: true }, true],
      ["input", { value: "Ann" }, "Ann"],
      ["editor", { value: "final text" }, "final text"],
      ["select", { cancelled: true }, null],
      ["confirm", { cancelled: true }, false],
    ])(
      "answers a %s dialog with %j (204), and the extension sees it",
      async (method, body, seen) => {
        const { t, sessionId, request } = await asking(method);
        const response = await answer(t, sessionId, request.id, body);
        expect(response.status).toBe(204);
        expect(await toolAnswer(t, sessionId)).toEqual(seen);
        expect((await list(t, sessionId)).items).toEqual([]);
      },
    );

    it("answers a second answer with 409 UI_REQUEST_ALREADY_RESOLVED", async () => {
      const { t, sessionId, request } = await asking("confirm");
      expect((await answer(t, sessionId, request.id, { confirmed: false })).status).toBe(204);
      const again = await answer(t, sessionId, request.id, { confirmed: true });
      expect(again.status).toBe(409);
      expect(await readJson(again)).toMatchObject({ code: "UI_REQUEST_ALREADY_RESOLVED" });
      expect(await toolAnswer(t, sessionId)).toBe(false);
    });

    it("answers an unknown request id with 404 UI_REQUEST_NOT_FOUND", async () => {
      const { t, sessionId } = await asking("input");
      const response = await answer(t, sessionId, "no-such-request", { value: "x" });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toMatchObject({ code: "UI_REQUEST_NOT_FOUND" });
      expect((await list(t, sessionId)).items).toHaveLength(1);
    });

    it.each([
      ["select", { confirmed: true }],
      ["select", { value: "green" }],
      ["confirm", { value: "yes" }],
      ["input", { confirmed: true }],
    ])(
      "rejects an answer to a %s dialog of the wrong shape (%j) with 400, still pending",
      async (method, body) => {
        const { t, sessionId, request } = await asking(method);
        const response = await answer(t, sessionId, request.id, body);
        expect(response.status).toBe(400);
        const problem = await readJson(response);
        expect(problem).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "body" }] });
        expect((await list(t, sessionId)).items).toHaveLength(1);
      },
    );

    it.each([
      ["an empty object", {}],
      ["cancelled: false", { cancelled: false }],
      ["a non-string value", { value: 3 }],
      ["two answers at once", { value: "red", confirmed: true }],
    ])("rejects %s with 400 naming the body", async (_, body) => {
      const { t, sessionId, request } = await asking("select");
      const response = await answer(t, sessionId, request.id, body);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain("body");
    });

    it("answers 400 naming path.requestId for an over-long request id", async () => {
      const { t, sessionId } = await asking("select");
      const response = await answer(t, sessionId, "r".repeat(129), { value: "red" });
      expect(response.status).toBe(400);
      expect((await readJson(response)).errors.map((e: { path: string }) => e.path)).toContain(
        "path.requestId",
      );
    });
  });

  describe("cancellation of pending dialogs", () => {
    it("cancels them on abort", async () => {
      const { t, sessionId, request } = await asking("select");
      const aborted = await t.call("POST", `${sessions}/${sessionId}/abort`);
      expect(aborted.status).toBe(200);
      expect((await list(t, sessionId)).items).toEqual([]);
      const late = await answer(t, sessionId, request.id, { value: "red" });
      expect(late.status).toBe(409);
    });

    it("cancels them on the extension's own timeout", async () => {
      const { t, sessionId, request } = await asking("input", { timeout: 50 });
      expect(request.timeout).toBe(50);
      expect(await toolAnswer(t, sessionId)).toBeNull();
      expect((await list(t, sessionId)).items).toEqual([]);
    });
  });
});
