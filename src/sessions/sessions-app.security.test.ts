import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { sessionRoutes, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const problemType = "application/problem+json";
const token = "session-routes-token";

describe("every session route", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  it("is in the route table these tests iterate", async () => {
    const { app } = await build(await tempDir());
    const document = await readJson(await app.request("/openapi.json"));
    const documented = Object.values(document.paths as Record<string, Record<string, unknown>>)
      .flatMap((item) => Object.values(item) as Array<{ operationId?: string }>)
      .map((operation) => operation.operationId)
      .filter(
        (id): id is string => id?.startsWith("sessions.") === true && id !== "sessions.models",
      )
      .sort();
    expect(sessionRoutes.map((route) => route.operationId).sort()).toEqual(documented);
  });

  describe.each(sessionRoutes)("$operationId ($method)", (route) => {
    it("answers 401 problem+json without a bearer token", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const path = `/projects/demo/sessions${route.path(sessionId)}`;
      const response = await t.call(route.method, path, { body: route.body, token: null });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe(problemType);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await readJson(response)).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    });

    it("answers 401 with a wrong bearer token", async () => {
      const t = await build(await tempDir(), { apiToken: token });
      const sessionId = await t.session();
      const path = `/projects/demo/sessions${route.path(sessionId)}`;
      const response = await t.call(route.method, path, { body: route.body, token: "wrong" });
      expect(response.status).toBe(401);
      expect(await readJson(response)).toMatchObject({
        code: "UNAUTHORIZED",
        detail: "Invalid bearer token",
      });
    });

    it("answers 404 PROJECT_NOT_FOUND for an unknown project, building no runtime", async () => {
      const t = await build(await tempDir());
      const path = `/projects/ghost/sessions${route.path("some-session")}`;
      const response = await t.call(route.method, path, { body: route.body });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe(problemType);
      expect(await readJson(response)).toMatchObject({ code: "PROJECT_NOT_FOUND", status: 404 });
      expect(t.runtimes.size).toBe(0);
    });

    it("answers 400 naming path.projectId for an invalid project id", async () => {
      const t = await build(await tempDir());
      const path = `/projects/Not_An_Id/sessions${route.path("some-session")}`;
      const response = await t.call(route.method, path, { body: route.body });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(
        "path.projectId",
      );
    });
  });

  describe.each(sessionRoutes.filter((route) => route.path("x") !== ""))(
    "$operationId ($method) on one session",
    (route) => {
      it("answers 404 SESSION_NOT_FOUND for an unknown session", async () => {
        const t = await build(await tempDir());
        await t.project();
        for (const sessionId of ["0000-no-such-session", "not a session id"]) {
          const path = `/projects/demo/sessions${route.path(encodeURIComponent(sessionId))}`;
          const response = await t.call(route.method, path, { body: route.body });
          expect(response.status, sessionId).toBe(404);
          expect(await readJson(response)).toMatchObject({ code: "SESSION_NOT_FOUND" });
        }
      });

      it("answers 400 naming path.sessionId for an over-long session id", async () => {
        const t = await build(await tempDir());
        await t.project();
        const path = `/projects/demo/sessions${route.path("s".repeat(129))}`;
        const response = await t.call(route.method, path, { body: route.body });
        expect(response.status).toBe(400);
        const problem = await readJson(response);
        expect(problem.errors.map((error: { path: string }) => error.path)).toContain(
          "path.sessionId",
        );
      });
    },
  );

  describe.each(sessionRoutes.filter((route) => route.body !== undefined))(
    "$operationId ($method) with a body",
    (route) => {
      it("answers 415 for a body that is not JSON", async () => {
        const t = await build(await tempDir());
        const sessionId = await t.session();
        const path = `/projects/demo/sessions${route.path(sessionId)}`;
        const response = await t.call(route.method, path, {
          body: "text=hi",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        expect(response.status).toBe(415);
        expect(response.headers.get("content-type")).toBe(problemType);
        expect(await readJson(response)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
      });

      it("answers 400 MALFORMED_REQUEST for broken JSON", async () => {
        const t = await build(await tempDir());
        const sessionId = await t.session();
        const path = `/projects/demo/sessions${route.path(sessionId)}`;
        const response = await t.call(route.method, path, { body: "{oops" });
        expect(response.status).toBe(400);
        expect(await readJson(response)).toMatchObject({ code: "MALFORMED_REQUEST" });
      });
    },
  );
});
