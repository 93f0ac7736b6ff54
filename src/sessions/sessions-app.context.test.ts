import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { writeProjectResources } from "#test-support/project-resources.js";
import {
  modelWithoutCredentials,
  type SessionApp,
  useSessionApps,
} from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { SessionStatsSchema } from "./sessions-schemas.js";

const sessions = "/projects/demo/sessions";

describe("session context routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  async function converse(t: SessionApp, sessionId: string, ...texts: string[]) {
    for (const text of texts) {
      t.faux.setResponses([fauxAssistantMessage(`re: ${text}`)]);
      const response = await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text } });
      expect(response.status).toBe(202);
      await t.waitForStatus(sessionId, "idle");
    }
  }

  describe("POST …/compact (sessions.compact)", () => {
    const compact = (t: SessionApp, sessionId: string, body: unknown = {}) =>
      t.call("POST", `${sessions}/${sessionId}/compact`, { body });

    /** A session with two exchanges, in a project that keeps almost nothing verbatim. */
    async function compactableSession(t: SessionApp) {
      await t.project();
      const pi = join(t.registry.require("demo").projectDir, ".pi");
      await mkdir(pi, { recursive: true });
      await writeFile(join(pi, "settings.json"), '{ "compaction": { "keepRecentTokens": 1 } }');
      const sessionId = await t.session();
      await converse(t, sessionId, "first question", "second question");
      t.faux.setResponses([fauxAssistantMessage("SUMMARY"), fauxAssistantMessage("SUMMARY")]);
      return sessionId;
    }

    it("summarises older messages and reports the tokens before", async () => {
      const t = await build(await tempDir());
      const sessionId = await compactableSession(t);

      const response = await compact(t, sessionId, { customInstructions: "Be brief." });
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body).toEqual({
        summary: expect.stringContaining("SUMMARY"),
        tokensBefore: expect.any(Number),
      });
      expect(body.tokensBefore).toBeGreaterThan(0);
      const detail = await readJson(await t.call("GET", `${sessions}/${sessionId}`));
      expect(detail.messages[0]).toMatchObject({ role: "compactionSummary" });
    });

    it.each([
      ["non-string customInstructions", { customInstructions: 5 }, "body.customInstructions"],
      ["an unknown field", { aggressive: true }, "body"],
    ])("rejects %s with 400 naming %s", async (_, body, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await compact(t, sessionId, body);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
    });

    it("answers 422 COMPACTION_FAILED when the session is already compacted", async () => {
      const t = await build(await tempDir());
      const sessionId = await compactableSession(t);
      expect((await compact(t, sessionId)).status).toBe(200);
      const response = await compact(t, sessionId);
      expect(response.status).toBe(422);
      expect(await readJson(response)).toMatchObject({
        code: "COMPACTION_FAILED",
        detail: expect.stringContaining("Already compacted"),
      });
    });

    it("answers 422 COMPACTION_FAILED when the summary cannot be produced", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      t.faux.setResponses([]);
      const response = await compact(t, sessionId);
      expect(response.status).toBe(422);
      expect(await readJson(response)).toMatchObject({ code: "COMPACTION_FAILED" });
    });

    it("answers 422 COMPACTION_FAILED when the model has no credentials", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session(modelWithoutCredentials(t));
      const response = await compact(t, sessionId);
      expect(response.status).toBe(422);
      expect(await readJson(response)).toMatchObject({ code: "COMPACTION_FAILED" });
    });

    it("answers 409 SESSION_BUSY while streaming, leaving the run going", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 40 });
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("slow ".repeat(400))]);
      await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "go" } });
      await t.waitForStatus(sessionId, "streaming");
      const response = await compact(t, sessionId);
      expect(response.status).toBe(409);
      expect(await readJson(response)).toMatchObject({ code: "SESSION_BUSY" });
      expect((await readJson(await t.call("GET", `${sessions}/${sessionId}`))).status).toBe(
        "streaming",
      );
    });
  });

  describe("GET …/stats (sessions.stats)", () => {
    it("reports zero usage for a fresh session", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/stats`);
      expect(response.status).toBe(200);
      expect(SessionStatsSchema.parse(await readJson(response))).toMatchObject({
        sessionId,
        userMessages: 0,
        assistantMessages: 0,
        totalMessages: 0,
        cost: 0,
      });
    });

    it("counts messages and tokens after a run, without exposing the transcript path", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId, "hello");
      const body = await readJson(await t.call("GET", `${sessions}/${sessionId}/stats`));
      expect(SessionStatsSchema.parse(body)).toMatchObject({
        userMessages: 1,
        assistantMessages: 1,
        toolCalls: 0,
        totalMessages: 2,
      });
      expect(body.tokens.total).toBeGreaterThan(0);
      expect(body).not.toHaveProperty("sessionFile");
      expect(JSON.stringify(body)).not.toContain(t.registry.layout.sessionsDir("demo"));
    });
  });

  describe("GET …/commands (sessions.commands)", () => {
    it("lists the project's prompt templates, skills and extension commands", async () => {
      const t = await build(await tempDir());
      await t.project();
      await writeProjectResources(t.registry.require("demo").projectDir);
      const sessionId = await t.session();
      const response = await t.call("GET", `${sessions}/${sessionId}/commands`);
      expect(response.status).toBe(200);
      const { items } = await readJson(response);
      expect(items).toEqual(
        expect.arrayContaining([
          { name: "hello", description: "Say hello", source: "extension" },
          { name: "review", description: "Review the staged changes", source: "prompt" },
          {
            name: "skill:deploy",
            description: "Deploy the app to production when asked to ship it.",
            source: "skill",
          },
        ]),
      );
    });

    it("lists no project commands for a bare project", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      const { items } = await readJson(await t.call("GET", `${sessions}/${sessionId}/commands`));
      expect(items).toEqual([]);
    });
  });
});
