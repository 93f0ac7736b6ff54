import { access, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { fauxModels, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import {
  SessionDetailSchema,
  SessionListSchema,
  SessionSummarySchema,
} from "./sessions-schemas.js";

const sessions = "/projects/demo/sessions";
const fieldPaths = (problem: { errors?: Array<{ path: string }> }) =>
  (problem.errors ?? []).map((error) => error.path);

describe("session lifecycle routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  /** Runs one scripted turn so the transcript is written to disk. */
  async function converse(t: Awaited<ReturnType<typeof build>>, sessionId: string) {
    t.faux.setResponses([fauxAssistantMessage("hello back")]);
    const prompt = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "hello" },
    });
    expect(prompt.status).toBe(202);
    await t.waitForStatus(sessionId, "idle");
  }

  describe("GET …/sessions (sessions.list)", () => {
    it("lists nothing for a new project", async () => {
      const t = await build(await tempDir());
      await t.project();
      const response = await t.call("GET", sessions);
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ items: [] });
    });

    it("lists live and persisted sessions in the documented shape", async () => {
      const t = await build(await tempDir());
      const talked = await t.session();
      await converse(t, talked);
      const fresh = await t.session({ name: "Fresh" });
      const body = SessionListSchema.parse(await readJson(await t.call("GET", sessions)));
      const byId = new Map(body.items.map((item) => [item.id, item]));
      expect(byId.get(talked)).toMatchObject({ messageCount: 2, status: "idle", live: true });
      expect(byId.get(fresh)).toMatchObject({ name: "Fresh", messageCount: 0, live: true });
      expect(body.items).toHaveLength(2);
    });

    it("lists persisted sessions after the runtime is gone, as not live", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId);
      await t.runtimes.dispose("demo");
      const body = await readJson(await t.call("GET", sessions));
      expect(body.items).toEqual([
        expect.objectContaining({ id: sessionId, messageCount: 2, live: false, status: "idle" }),
      ]);
    });
  });

  describe("POST …/sessions (sessions.create)", () => {
    it("creates a session (201) with a Location, name and chosen model", async () => {
      const t = await build(await tempDir());
      const response = await t.call("POST", await t.project(), {
        body: {
          provider: "faux",
          modelId: fauxModels.reasoning,
          thinkingLevel: "low",
          name: "Mine",
        },
      });
      expect(response.status).toBe(201);
      const body = SessionSummarySchema.parse(await readJson(response));
      expect(body).toMatchObject({ name: "Mine", messageCount: 0, status: "idle", live: true });
      expect(response.headers.get("location")).toBe(`/v1${sessions}/${body.id}`);
      const settings = await readJson(await t.call("GET", `${sessions}/${body.id}/settings`));
      expect(settings).toMatchObject({ modelId: fauxModels.reasoning, thinkingLevel: "low" });
    });

    it("accepts an empty body", async () => {
      const t = await build(await tempDir());
      const response = await t.call("POST", await t.project(), { body: {} });
      expect(response.status).toBe(201);
      expect((await readJson(response)).name).toBeNull();
    });

    it.each([
      ["provider without modelId", { provider: "faux" }, "body.modelId"],
      ["modelId without provider", { modelId: "faux-1" }, "body.modelId"],
      ["unknown thinking level", { thinkingLevel: "max" }, "body.thinkingLevel"],
      ["empty name", { name: "" }, "body.name"],
      ["name too long", { name: "n".repeat(201) }, "body.name"],
      ["unknown field", { colour: "red" }, "body"],
    ])("rejects %s with 400 naming %s", async (_, body, field) => {
      const t = await build(await tempDir());
      const response = await t.call("POST", await t.project(), { body });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(fieldPaths(problem)).toContain(field);
      expect((await readJson(await t.call("GET", sessions))).items).toEqual([]);
    });

    it("answers 404 MODEL_NOT_FOUND for a model the registry does not know", async () => {
      const t = await build(await tempDir());
      const response = await t.call("POST", await t.project(), {
        body: { provider: "faux", modelId: "no-such-model" },
      });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toMatchObject({ code: "MODEL_NOT_FOUND" });
    });
  });

  describe("GET …/sessions/{id} (sessions.get)", () => {
    it("returns status, settings and the persisted history", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session({ provider: "faux", modelId: "faux-1", name: "Talk" });
      await converse(t, sessionId);
      await t.runtimes.dispose("demo");
      const response = await t.call("GET", `${sessions}/${sessionId}`);
      expect(response.status).toBe(200);
      const body = SessionDetailSchema.parse(await readJson(response));
      expect(body).toMatchObject({ id: sessionId, name: "Talk", status: "idle" });
      expect(body.settings).toMatchObject({ provider: "faux", modelId: "faux-1" });
      expect(body.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      expect(body.replyStartEventId).toBeNull();
    });

    it("names the message_start of a reply in flight, which the history does not hold yet", async () => {
      const t = await build(await tempDir(), { tokensPerSecond: 400 });
      const sessionId = await t.session();
      const reply = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
      t.faux.setResponses([fauxAssistantMessage(reply)]);
      const detail = async () =>
        SessionDetailSchema.parse(await readJson(await t.call("GET", `${sessions}/${sessionId}`)));
      expect((await detail()).replyStartEventId).toBeNull();
      const prompt = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
        body: { text: "count" },
      });
      expect(prompt.status).toBe(202);
      // Well into the reply: a few deltas past its start.
      const wellInto = (d: { replyStartEventId: number | null; lastEventId: number }) =>
        d.replyStartEventId !== null && d.lastEventId >= d.replyStartEventId + 5;
      let midway = await detail();
      for (let i = 0; i < 300 && !wellInto(midway); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        midway = await detail();
      }
      expect(wellInto(midway)).toBe(true);
      expect(midway.status).toBe("streaming");
      expect(midway.messages.map((message) => message.role)).toEqual(["user"]);
      const page = await readJson(
        await t.call("GET", `${sessions}/${sessionId}/events?after=0&limit=1000`, {
          headers: { accept: "application/json" },
        }),
      );
      const starts = page.events.filter(
        (entry: { event: { type: string; message?: { role: string } } }) =>
          entry.event.type === "message_start" && entry.event.message?.role === "assistant",
      );
      expect(starts.map((entry: { id: number }) => entry.id)).toEqual([midway.replyStartEventId]);
      await t.waitForStatus(sessionId, "idle");
      const done = await detail();
      expect(done.replyStartEventId).toBeNull();
      expect(done.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    });
    it("leaves out a reply pi has added before its message_end is published", async () => {
      const t = await build(await tempDir());
      await t.project();
      // An extension that takes its time over each reply's end, as one writing it somewhere would.
      const extensions = join(t.registry.require("demo").projectDir, ".pi", "extensions");
      await mkdir(extensions, { recursive: true });
      await writeFile(
        join(extensions, "slow-end.ts"),
        `export default function (pi) {
          pi.on("message_end", async (event) => {
            if (event.message.role === "assistant") await new Promise((r) => setTimeout(r, 300));
          });
        }`,
      );
      const sessionId = await t.session();
      t.faux.setResponses([fauxAssistantMessage("slowly ended")]);
      const prompt = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
        body: { text: "hi" },
      });
      expect(prompt.status).toBe(202);
      const live = await t.runtimes.get("demo").getSession(sessionId);
      for (let i = 0; i < 200 && live.messages.at(-1)?.role !== "assistant"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // pi's transcript holds the reply; the stream has not told its end yet.
      expect(live.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      const detail = SessionDetailSchema.parse(
        await readJson(await t.call("GET", `${sessions}/${sessionId}`)),
      );
      expect(detail.messages.map((message) => message.role)).toEqual(["user"]);
      expect(detail.replyStartEventId).toBeGreaterThan(0);
      await t.waitForStatus(sessionId, "idle");
      const after = SessionDetailSchema.parse(
        await readJson(await t.call("GET", `${sessions}/${sessionId}`)),
      );
      expect(after.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      expect(after.replyStartEventId).toBeNull();
    });
  });

  describe("PATCH …/sessions/{id} (sessions.rename)", () => {
    it("renames the session, and the list shows the new name", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session({ name: "Before" });
      const response = await t.call("PATCH", `${sessions}/${sessionId}`, {
        body: { name: "  After  " },
      });
      expect(response.status).toBe(200);
      expect(SessionSummarySchema.parse(await readJson(response))).toMatchObject({
        id: sessionId,
        name: "After",
      });
      const list = await readJson(await t.call("GET", sessions));
      expect(list.items).toEqual([expect.objectContaining({ id: sessionId, name: "After" })]);
    });

    it("persists the name with the transcript", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId);
      await t.call("PATCH", `${sessions}/${sessionId}`, { body: { name: "Kept on disk" } });
      await t.runtimes.dispose("demo");
      const list = await readJson(await t.call("GET", sessions));
      expect(list.items).toEqual([
        expect.objectContaining({ id: sessionId, name: "Kept on disk", live: false }),
      ]);
    });

    it.each([
      ["a blank name", { name: "   " }, "body.name"],
      ["a missing name", {}, "body.name"],
      ["a non-string name", { name: 7 }, "body.name"],
      ["an unknown field", { name: "ok", pinned: true }, "body"],
    ])("rejects %s with 400 naming %s", async (_, body, field) => {
      const t = await build(await tempDir());
      const sessionId = await t.session({ name: "Kept" });
      const response = await t.call("PATCH", `${sessions}/${sessionId}`, { body });
      expect(response.status).toBe(400);
      expect(fieldPaths(await readJson(response))).toContain(field);
      expect((await readJson(await t.call("GET", `${sessions}/${sessionId}`))).name).toBe("Kept");
    });
  });

  describe("DELETE …/sessions/{id} (sessions.delete)", () => {
    it("removes the session and its transcript file", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId);
      const transcriptDir = t.registry.layout.sessionsDir("demo");
      const transcripts = (await readdir(transcriptDir)).filter((file) => file.endsWith(".jsonl"));
      expect(transcripts).toHaveLength(1);
      const transcript = `${transcriptDir}/${transcripts[0]}`;

      const response = await t.call("DELETE", `${sessions}/${sessionId}`);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      await expect(access(transcript)).rejects.toThrow();
      expect((await readJson(await t.call("GET", sessions))).items).toEqual([]);
      expect((await t.call("GET", `${sessions}/${sessionId}`)).status).toBe(404);
      const again = await t.call("DELETE", `${sessions}/${sessionId}`);
      expect(again.status).toBe(404);
      expect(await readJson(again)).toMatchObject({ code: "SESSION_NOT_FOUND" });
    });

    it("leaves nothing behind for a prompt that found the session just before its delete", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId);
      const live = await t.runtimes.get("demo").getSession(sessionId);
      expect((await t.call("DELETE", `${sessions}/${sessionId}`)).status).toBe(204);

      t.faux.setResponses([fauxAssistantMessage("written after the delete")]);
      for (const onBusy of ["reject", "enqueue"] as const) {
        await expect(live.submit({ text: "late", onBusy })).rejects.toMatchObject({
          code: "SERVICE_UNAVAILABLE",
        });
      }
      await expect(live.steer("late")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      await expect(live.followUp("late")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(await readdir(t.registry.layout.sessionsDir("demo"))).toEqual([]);
      expect((await t.call("GET", `${sessions}/${sessionId}`)).status).toBe(404);
    });

    it("deletes a persisted session that is not in memory", async () => {
      const t = await build(await tempDir());
      const sessionId = await t.session();
      await converse(t, sessionId);
      await t.runtimes.dispose("demo");
      expect((await t.call("DELETE", `${sessions}/${sessionId}`)).status).toBe(204);
      const left = await readdir(t.registry.layout.sessionsDir("demo"));
      expect(left.filter((file) => file.endsWith(".jsonl"))).toEqual([]);
    });
  });
});
