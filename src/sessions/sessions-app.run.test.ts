import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { writeProjectResources } from "#test-support/project-resources.js";
import { type SessionApp, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const sessions = "/projects/demo/sessions";
const slowText = "slow ".repeat(400);

/** `role: text` of each message, to compare transcripts. */
const transcript = (detail: Json) =>
  detail.messages.map((message: Json) => {
    const content = Array.isArray(message.content) ? message.content : [];
    const text = content.find((block: Json) => block.type === "text")?.text ?? "";
    return `${message.role}: ${text}`;
  });

describe("session run routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  const post = (t: SessionApp, sessionId: string, action: string, body?: unknown) =>
    t.call("POST", `${sessions}/${sessionId}/${action}`, { body });
  const detail = async (t: SessionApp, sessionId: string) =>
    readJson(await t.call("GET", `${sessions}/${sessionId}`));

  /** A session in the middle of a long scripted answer. */
  async function streamingSession(t: SessionApp, ...after: string[]) {
    const sessionId = await t.session();
    t.faux.setResponses([
      fauxAssistantMessage(slowText),
      ...after.map((text) => fauxAssistantMessage(text)),
    ]);
    expect((await post(t, sessionId, "prompt", { text: "start" })).status).toBe(202);
    await t.waitForStatus(sessionId, "streaming");
    return sessionId;
  }

  describe("POST …/prompt (sessions.prompt)", () => {
    it("accepts (202) and the run lands in the history", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("pong")]);
      const response = await post(t, sessionId, "prompt", { text: "ping" });
      expect(response.status).toBe(202);
      expect(await readJson(response)).toEqual({ accepted: true, outcome: "started" });
      await t.waitForStatus(sessionId, "idle");
      expect(transcript(await detail(t, sessionId))).toEqual(["user: ping", "assistant: pong"]);
    });

    it("takes images with the text", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("nice picture")]);
      const image = { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" };
      const response = await post(t, sessionId, "prompt", { text: "look", images: [image] });
      expect(response.status).toBe(202);
      await t.waitForStatus(sessionId, "idle");
      const [user] = (await detail(t, sessionId)).messages;
      expect(user.content).toContainEqual(image);
    });

    it.each([
      ["an empty text", { text: "" }, "body.text"],
      ["a missing text", {}, "body.text"],
      [
        "an unknown streamingBehavior",
        { text: "hi", streamingBehavior: "now" },
        "body.streamingBehavior",
      ],
      [
        "an image without data",
        { text: "hi", images: [{ type: "image", data: "", mimeType: "image/png" }] },
        "body.images.0.data",
      ],
      [
        "a non-image mime type",
        { text: "hi", images: [{ type: "image", data: "AA==", mimeType: "text/html" }] },
        "body.images.0.mimeType",
      ],
      ["an unknown field", { text: "hi", model: "x" }, "body"],
    ])("rejects %s with 400 naming %s, starting nothing", async (_, body, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await post(t, sessionId, "prompt", body);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
      expect(t.faux.state.callCount).toBe(0);
    });

    it("answers 409 SESSION_BUSY while streaming without a streamingBehavior", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 40 });
      const sessionId = await streamingSession(t);
      const response = await post(t, sessionId, "prompt", { text: "again" });
      expect(response.status).toBe(409);
      expect(await readJson(response)).toMatchObject({ code: "SESSION_BUSY", status: 409 });
    });

    it("queues a prompt with streamingBehavior followUp while streaming", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 400 });
      const sessionId = await streamingSession(t, "second answer");
      const response = await post(t, sessionId, "prompt", {
        text: "and then",
        streamingBehavior: "followUp",
      });
      expect(response.status).toBe(202);
      await t.waitForStatus(sessionId, "idle");
      expect(transcript(await detail(t, sessionId))).toEqual([
        "user: start",
        `assistant: ${slowText}`,
        "user: and then",
        "assistant: second answer",
      ]);
    });
  });

  describe.each([
    ["steer", "sessions.steer"],
    ["follow-up", "sessions.followUp"],
  ])("POST …/%s (%s)", (action) => {
    it("queues a message during a run (202), delivered as pi defines", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 400 });
      const sessionId = await t.session();
      t.faux.setResponses([
        fauxAssistantMessage(
          [fauxText(slowText), fauxToolCall("write", { path: "a.txt", content: "a" })],
          { stopReason: "toolUse" },
        ),
        fauxAssistantMessage("after the tool"),
        fauxAssistantMessage("handled it"),
      ]);
      await post(t, sessionId, "prompt", { text: "start" });
      await t.waitForStatus(sessionId, "streaming");
      const response = await post(t, sessionId, action, { text: "also this" });
      expect(response.status).toBe(202);
      expect(await readJson(response)).toEqual({ accepted: true });
      await t.waitForStatus(sessionId, "idle");
      const roles = transcript(await detail(t, sessionId)).slice(2);
      // A steer goes in right after the tool results; a follow-up waits until the agent would stop.
      expect(roles).toEqual(
        action === "steer"
          ? [expect.stringMatching(/^toolResult/), "user: also this", "assistant: after the tool"]
          : [
              expect.stringMatching(/^toolResult/),
              "assistant: after the tool",
              "user: also this",
              "assistant: handled it",
            ],
      );
    });

    it.each([
      ["an empty text", { text: "" }, "body.text"],
      ["a streamingBehavior", { text: "hi", streamingBehavior: "steer" }, "body"],
      [
        "too many images",
        {
          text: "hi",
          images: Array(9).fill({ type: "image", data: "AA==", mimeType: "image/png" }),
        },
        "body.images",
      ],
    ])("rejects %s with 400 naming %s", async (_, body, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await post(t, sessionId, action, body);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
    });

    it("answers 422 PROMPT_REJECTED for an extension command, which cannot be queued", async () => {
      const t = await build(await tempDir());
      await t.project();
      await writeProjectResources(t.registry.require("demo").projectDir);
      const sessionId = await t.session();
      const response = await post(t, sessionId, action, { text: "/hello there" });
      expect(response.status).toBe(422);
      expect(await readJson(response)).toMatchObject({
        code: "PROMPT_REJECTED",
        detail: expect.stringContaining("/hello"),
      });
    });
  });

  describe("POST …/abort (sessions.abort)", () => {
    it("is a no-op on an idle session", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await post(t, sessionId, "abort");
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ id: sessionId, status: "idle" });
    });

    it("stops a run and leaves the session usable", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 20 });
      const sessionId = await streamingSession(t);
      const response = await post(t, sessionId, "abort");
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ id: sessionId, status: "idle" });
      const aborted = (await detail(t, sessionId)).messages.at(-1);
      expect(aborted).toMatchObject({ role: "assistant", stopReason: "aborted" });

      t.faux.setResponses([fauxAssistantMessage("still here")]);
      expect((await post(t, sessionId, "prompt", { text: "hello?" })).status).toBe(202);
      await t.waitForStatus(sessionId, "idle");
      expect(transcript(await detail(t, sessionId)).at(-1)).toBe("assistant: still here");
    });
  });
});
