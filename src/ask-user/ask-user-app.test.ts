import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { standInProvider } from "#test-support/stand-in-provider.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp, type TestApp } from "#test-support/test-app.js";
import { defaultAskUserSettings } from "./ask-user-settings.js";

describe("ask_user routes", () => {
  const tempDir = useTempDirs();
  const token = "route-test-token";

  async function setup(): Promise<TestApp & { base: string }> {
    const app = await createTestApp(await tempDir(), { apiToken: token });
    await app.call("POST", "/v1/projects", { body: { name: "Demo" }, token });
    await app.call("PUT", "/v1/custom/providers", { body: standInProvider, token });
    const created = await readJson(
      await app.call("POST", "/v1/projects/demo/sessions", { body: {}, token }),
    );
    return { ...app, base: `/v1/projects/demo/sessions/${created.id}/ask-user` };
  }

  const send = async (app: TestApp, method: string, path: string, body?: unknown) => {
    const response = await app.call(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, body: await readJson(response) };
  };

  describe("settings", () => {
    it("happy: starts from the built-in defaults and merges updates, autopilot field by field", async () => {
      const app = await setup();
      expect(await send(app, "GET", `${app.base}/settings`)).toEqual({
        status: 200,
        body: defaultAskUserSettings,
      });
      await send(app, "PATCH", `${app.base}/settings`, {
        autopilot: { prompts: [" trimmed "] },
      });
      const updated = await send(app, "PATCH", `${app.base}/settings`, {
        enabled: true,
        waitTimeoutSeconds: 30,
        autopilot: { enabled: true },
      });
      expect(updated).toEqual({
        status: 200,
        body: {
          ...defaultAskUserSettings,
          enabled: true,
          waitTimeoutSeconds: 30,
          autopilot: { enabled: true, prompts: ["trimmed"] },
        },
      });
    });

    it("error: rejects an unknown field", async () => {
      const app = await setup();
      const response = await send(app, "PATCH", `${app.base}/settings`, { enabeld: true });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("VALIDATION_FAILED");
    });
  });

  describe("queue", () => {
    it("happy: adds with positions, lists oldest first, clears", async () => {
      const app = await setup();
      const first = await send(app, "POST", `${app.base}/queue`, { text: "one" });
      const second = await send(app, "POST", `${app.base}/queue`, { text: "two" });
      expect(first).toMatchObject({ status: 201, body: { text: "one", position: 1 } });
      expect(second).toMatchObject({ status: 201, body: { text: "two", position: 2 } });
      const listed = await send(app, "GET", `${app.base}/queue`);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
        first.body.id,
        second.body.id,
      ]);
      expect(await send(app, "DELETE", `${app.base}/queue`)).toEqual({
        status: 200,
        body: { cleared: 2 },
      });
      expect((await send(app, "GET", `${app.base}/queue`)).body.items).toEqual([]);
    });
  });

  describe("stop and counters", () => {
    it("happy: stop with nothing waiting arms the next call; counters start empty and reset", async () => {
      const app = await setup();
      expect(await send(app, "POST", `${app.base}/stop`)).toEqual({
        status: 200,
        body: { released: 0, stopRequested: true },
      });
      const overview = await send(app, "GET", app.base);
      expect(overview.body).toMatchObject({ stopRequested: true, queue: [], waiting: [] });
      const empty = {
        startedAt: null,
        elapsedMs: 0,
        askUserCalls: 0,
        runs: 0,
        directReplies: 0,
        otherToolCalls: 0,
      };
      expect(await send(app, "GET", `${app.base}/counters`)).toEqual({ status: 200, body: empty });
      expect(await send(app, "POST", `${app.base}/counters/reset`)).toEqual({
        status: 200,
        body: empty,
      });
    });
  });

  describe("project defaults", () => {
    it("happy: replacing the defaults changes sessions without their own value; {} restores", async () => {
      const app = await setup();
      const replaced = await send(app, "PUT", "/v1/projects/demo/ask-user/defaults", {
        enabled: true,
        warnAfterMinutes: 0,
      });
      expect(replaced.body).toEqual({
        ...defaultAskUserSettings,
        enabled: true,
        warnAfterMinutes: 0,
      });
      expect((await send(app, "GET", `${app.base}/settings`)).body.enabled).toBe(true);
      await send(app, "PUT", "/v1/projects/demo/ask-user/defaults", {});
      expect(await send(app, "GET", "/v1/projects/demo/ask-user/defaults")).toEqual({
        status: 200,
        body: defaultAskUserSettings,
      });
    });
  });

  describe("security", () => {
    it("401s without the token, before touching the session", async () => {
      const app = await setup();
      const response = await app.call("POST", `${app.base}/queue`, { body: { text: "x" } });
      expect(response.status).toBe(401);
      expect((await send(app, "GET", `${app.base}/queue`)).body.items).toEqual([]);
    });
  });

  it("documents every route and the stream events in the OpenAPI document", async () => {
    const app = await setup();
    const document = await readJson(await app.app.request("/openapi.json"));
    const base = "/v1/projects/{projectId}/sessions/{sessionId}/ask-user";
    for (const path of [
      base,
      `${base}/settings`,
      `${base}/queue`,
      `${base}/stop`,
      `${base}/counters`,
      `${base}/counters/reset`,
      "/v1/projects/{projectId}/ask-user/defaults",
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(document.paths[`${base}/queue`].post.operationId).toBe("askuser.enqueue");
    const members = document.components.schemas.WireEvent.oneOf.map((member: { $ref: string }) =>
      member.$ref.replace("#/components/schemas/", ""),
    );
    expect(members).toEqual(
      expect.arrayContaining([
        "AskUserWaitingEvent",
        "AskUserAnsweredEvent",
        "AskUserWarningEvent",
        "AskUserStateEvent",
      ]),
    );
  });
});
