import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type BootedServer,
  bootServer,
  createSession,
  scriptAskUser,
  toolNames,
  waitUntilIdle,
} from "#test-support/ask-user-server.js";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("ask_user state: persistence, bad input and auth", () => {
  const tempDir = useTempDirs();
  const running: BootedServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ server }) => server.stop()));
  });

  async function boot(workspace: string, options: { token?: string } = {}) {
    const booted = await bootServer(workspace, options);
    running.push(booted);
    return booted;
  }

  async function stop(booted: BootedServer) {
    running.splice(running.indexOf(booted), 1);
    await booted.server.stop();
    booted.faux.unregister();
  }

  it("keeps the queue, autopilot prompts and cursor, and counters across a restart", async () => {
    const workspace = await tempDir();
    const first = await boot(workspace);
    const sessionId = await createSession(first);
    const base = `/projects/demo/sessions/${sessionId}/ask-user`;
    await first.json(`${base}/settings`, 200, {
      method: "PATCH",
      body: {
        enabled: true,
        fallbackAnswer: "carry on",
        autopilot: { enabled: true, prompts: ["p1", "p2", "p3"] },
      },
    });
    for (const text of ["a", "b"]) {
      await first.json(`${base}/queue`, 201, { method: "POST", body: { text } });
    }
    const script = scriptAskUser(first.faux, ["1", "2", "3"]);
    await first.json(`/projects/demo/sessions/${sessionId}/prompt`, 202, {
      method: "POST",
      body: { text: "go" },
    });
    await waitUntilIdle(first, sessionId);
    expect(script.answers()).toEqual(["a", "b", "p1"]);
    await first.json(`${base}/queue`, 201, { method: "POST", body: { text: "c" } });
    const before = await first.json(base, 200);
    await stop(first);

    const second = await boot(workspace);
    const after = await second.json(base, 200);
    expect(after.settings).toEqual(before.settings);
    expect(after.queue).toEqual(before.queue);
    expect(after.queue.map((item: { text: string }) => item.text)).toEqual(["c"]);
    const { elapsedMs: _before, ...countersBefore } = before.counters;
    const { elapsedMs: _after, ...countersAfter } = after.counters;
    expect(countersAfter).toEqual(countersBefore);
    expect(countersAfter).toMatchObject({ askUserCalls: 3, runs: 1, directReplies: 1 });

    const resumed = scriptAskUser(second.faux, ["4", "5", "6"]);
    await second.json(`/projects/demo/sessions/${sessionId}/prompt`, 202, {
      method: "POST",
      body: { text: "again" },
    });
    await waitUntilIdle(second, sessionId);
    expect(toolNames(resumed.contexts[0])).toContain("ask_user");
    expect(resumed.answers()).toEqual(["c", "p2", "p3"]);
  });

  it("applies project defaults to sessions that do not set their own, and persists them", async () => {
    const workspace = await tempDir();
    const booted = await boot(workspace);
    await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
    const defaults = await booted.json("/projects/demo/ask-user/defaults", 200, {
      method: "PUT",
      body: { enabled: true, fallbackAnswer: "proceed" },
    });
    expect(defaults).toMatchObject({
      enabled: true,
      fallbackAnswer: "proceed",
      waitTimeoutSeconds: 0,
    });
    const sessionId = await createSession(booted);
    const base = `/projects/demo/sessions/${sessionId}/ask-user`;
    expect(await booted.json(`${base}/settings`, 200)).toMatchObject({ enabled: true });
    const own = await booted.json(`${base}/settings`, 200, {
      method: "PATCH",
      body: { fallbackAnswer: "mine" },
    });
    expect(own).toMatchObject({ enabled: true, fallbackAnswer: "mine" });
    // pi writes a transcript once the session has a message; only then can it be reopened.
    scriptAskUser(booted.faux, []);
    await booted.json(`/projects/demo/sessions/${sessionId}/prompt`, 202, {
      method: "POST",
      body: { text: "hi" },
    });
    await waitUntilIdle(booted, sessionId);
    await stop(booted);

    const again = await boot(workspace);
    expect(await again.json("/projects/demo/ask-user/defaults", 200)).toEqual(defaults);
    expect(await again.json(`${base}/settings`, 200)).toMatchObject({
      enabled: true,
      fallbackAnswer: "mine",
    });
  });

  it("rejects bad input with a clear 4xx and changes nothing", async () => {
    const workspace = await tempDir();
    const booted = await boot(workspace);
    const sessionId = await createSession(booted);
    const base = `/projects/demo/sessions/${sessionId}/ask-user`;
    await booted.json(`${base}/queue`, 201, { method: "POST", body: { text: "kept" } });
    const stateFile = join(
      workspace,
      ".pi-global",
      "sessions",
      "demo",
      `${sessionId}.ask-user.json`,
    );
    const stateBefore = await readFile(stateFile, "utf8");
    const settingsBefore = await booted.json(`${base}/settings`, 200);

    const cases: Array<[string, string, unknown, number, string]> = [
      ["POST", `${base}/queue`, { text: "" }, 400, "VALIDATION_FAILED"],
      ["POST", `${base}/queue`, { text: "   " }, 400, "VALIDATION_FAILED"],
      ["POST", `${base}/queue`, { text: "x".repeat(20_001) }, 400, "VALIDATION_FAILED"],
      ["POST", `${base}/queue`, { text: "ok", extra: 1 }, 400, "VALIDATION_FAILED"],
      ["POST", `${base}/queue`, { message: "wrong field" }, 400, "VALIDATION_FAILED"],
      ["POST", `${base}/queue`, "not json", 400, "MALFORMED_REQUEST"],
      ["PATCH", `${base}/settings`, { waitTimeoutSeconds: -1 }, 400, "VALIDATION_FAILED"],
      ["PATCH", `${base}/settings`, { enabled: "yes" }, 400, "VALIDATION_FAILED"],
      ["PATCH", `${base}/settings`, { autopilot: { prompts: [""] } }, 400, "VALIDATION_FAILED"],
      ["PATCH", `${base}/settings`, { fallbackAnswer: "" }, 400, "VALIDATION_FAILED"],
      ["PUT", "/projects/demo/ask-user/defaults", { enabled: 1 }, 400, "VALIDATION_FAILED"],
      [
        "POST",
        "/projects/demo/sessions/no-such-session/ask-user/queue",
        { text: "hi" },
        404,
        "SESSION_NOT_FOUND",
      ],
      [
        "POST",
        "/projects/demo/sessions/no-such-session/ask-user/stop",
        undefined,
        404,
        "SESSION_NOT_FOUND",
      ],
      [
        "GET",
        "/projects/demo/sessions/no-such-session/ask-user",
        undefined,
        404,
        "SESSION_NOT_FOUND",
      ],
      ["GET", "/projects/ghost/sessions/abc/ask-user/queue", undefined, 404, "PROJECT_NOT_FOUND"],
      ["GET", "/projects/ghost/ask-user/defaults", undefined, 404, "PROJECT_NOT_FOUND"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = await booted.api(path, { method, body });
      const problem = await readJson(response);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBe(
        status,
      );
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(problem.code).toBe(code);
      expect(problem.detail).toEqual(expect.any(String));
    }
    const oversized = await readJson(
      await booted.api(`${base}/queue`, { method: "POST", body: { text: "x".repeat(20_001) } }),
    );
    expect(oversized.errors).toEqual([expect.objectContaining({ path: "body.text" })]);

    expect(
      (await booted.json(`${base}/queue`, 200)).items.map((i: { text: string }) => i.text),
    ).toEqual(["kept"]);
    expect(await booted.json(`${base}/settings`, 200)).toEqual(settingsBefore);
    expect(await readFile(stateFile, "utf8")).toBe(stateBefore);
    expect(
      await exists(join(workspace, ".pi-global", "sessions", "demo", "ask-user-defaults.json")),
    ).toBe(false);
  });

  it("removes the state file with the session", async () => {
    const workspace = await tempDir();
    const booted = await boot(workspace);
    const sessionId = await createSession(booted);
    await booted.json(`/projects/demo/sessions/${sessionId}/ask-user/queue`, 201, {
      method: "POST",
      body: { text: "soon gone" },
    });
    const stateFile = join(
      workspace,
      ".pi-global",
      "sessions",
      "demo",
      `${sessionId}.ask-user.json`,
    );
    expect(await exists(stateFile)).toBe(true);
    expect(
      (await booted.api(`/projects/demo/sessions/${sessionId}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect(await exists(stateFile)).toBe(false);
    expect((await booted.api(`/projects/demo/sessions/${sessionId}/ask-user`)).status).toBe(404);
  });

  it("requires the bearer token on every ask_user route when one is configured", async () => {
    const token = "ask-user-test-token-0123456789abcdefgh";
    const booted = await boot(await tempDir(), { token });
    const sessionId = await createSession(booted);
    const base = `/projects/demo/sessions/${sessionId}/ask-user`;
    const routes: Array<[string, string, unknown]> = [
      ["GET", base, undefined],
      ["GET", `${base}/settings`, undefined],
      ["PATCH", `${base}/settings`, { enabled: true }],
      ["GET", `${base}/queue`, undefined],
      ["POST", `${base}/queue`, { text: "hi" }],
      ["DELETE", `${base}/queue`, undefined],
      ["POST", `${base}/stop`, undefined],
      ["GET", `${base}/counters`, undefined],
      ["POST", `${base}/counters/reset`, undefined],
      ["GET", "/projects/demo/ask-user/defaults", undefined],
      ["PUT", "/projects/demo/ask-user/defaults", { enabled: true }],
    ];
    for (const [method, path, body] of routes) {
      for (const wrong of [null, "wrong-token"]) {
        const response = await booted.api(path, { method, body, token: wrong });
        expect(response.status, `${method} ${path} with ${wrong}`).toBe(401);
        expect((await readJson(response)).code).toBe("UNAUTHORIZED");
      }
    }
    const overview = await booted.json(base, 200);
    expect(overview).toMatchObject({ queue: [], stopRequested: false, waiting: [] });
    expect(overview.settings.enabled).toBe(false);
  });
});
