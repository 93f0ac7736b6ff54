import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";

const problemType = "application/problem+json";

describe("projects routes", () => {
  const tempDir = useTempDirs();
  const setup = async (options: Parameters<typeof createTestApp>[1] = {}) =>
    createTestApp(await tempDir(), options);

  describe("POST /v1/projects", () => {
    it("creates (201) and then gets (200) the same project", async () => {
      const { call, workspaceDir } = await setup();
      const created = await call("POST", "/v1/projects", { body: { name: "My App" } });
      expect(created.status).toBe(201);
      expect(created.headers.get("location")).toBe("/v1/projects/my-app");
      const body = await readJson(created);
      expect(body).toEqual({
        id: "my-app",
        name: "My App",
        projectDir: join(workspaceDir, "my-app"),
        createdAt: expect.any(String),
      });
      const again = await call("POST", "/v1/projects", { body: { name: "My App" } });
      expect(again.status).toBe(200);
      expect(await readJson(again)).toEqual(body);
    });

    it("writes deployment info given on create", async () => {
      const { call, workspaceDir } = await setup();
      const deployment = {
        dev: { port: 5173 },
        prod: { port: 8080, publicUrl: "https://app.example.com" },
      };
      const response = await call("POST", "/v1/projects", { body: { name: "Ported", deployment } });
      expect(response.status).toBe(201);
      const file = await readFile(join(workspaceDir, "ported", ".pi", "deployment.json"), "utf8");
      expect(JSON.parse(file)).toEqual(deployment);
    });

    it.each([
      ["missing name", {}, "body.name"],
      ["empty name", { name: "" }, "body.name"],
      ["non-string name", { name: 42 }, "body.name"],
      ["name too long", { name: "x".repeat(101) }, "body.name"],
      ["unknown field", { name: "ok", extra: true }, "body"],
      [
        "port out of range",
        { name: "ok", deployment: { dev: { port: 70000 } } },
        "body.deployment.dev.port",
      ],
      [
        "non-http public URL",
        { name: "ok", deployment: { dev: { port: 1, publicUrl: "ftp://x" } } },
        "body.deployment.dev.publicUrl",
      ],
    ])(
      "rejects %s with VALIDATION_FAILED naming the field, writing nothing",
      async (_, body, field) => {
        const { call, workspaceDir } = await setup();
        const response = await call("POST", "/v1/projects", { body });
        expect(response.status).toBe(400);
        expect(response.headers.get("content-type")).toBe(problemType);
        const problem = await readJson(response);
        expect(problem).toMatchObject({
          status: 400,
          code: "VALIDATION_FAILED",
          title: expect.any(String),
        });
        expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
        expect(await readdir(workspaceDir)).toEqual([".pi-global"]);
      },
    );

    it.each(["../etc", "/etc/passwd", "..", "!!!", "a\\b"])(
      "rejects the unsafe name %j with INVALID_PROJECT_NAME, writing nothing",
      async (name) => {
        const { call, workspaceDir } = await setup();
        const response = await call("POST", "/v1/projects", { body: { name } });
        expect(response.status).toBe(400);
        expect(await readJson(response)).toMatchObject({
          code: "INVALID_PROJECT_NAME",
          errors: [{ path: "name" }],
        });
        expect(await readdir(workspaceDir)).toEqual([".pi-global"]);
        const state = await readdir(join(workspaceDir, ".pi-global"));
        expect(state).not.toContain("projects.json");
        expect(state).not.toContain("staging");
      },
    );

    it("rejects malformed JSON with MALFORMED_REQUEST", async () => {
      const { call } = await setup();
      const response = await call("POST", "/v1/projects", { body: "{oops" });
      expect(response.status).toBe(400);
      expect(await readJson(response)).toMatchObject({ code: "MALFORMED_REQUEST" });
    });

    it("rejects a non-JSON body with 415", async () => {
      const { call } = await setup();
      const response = await call("POST", "/v1/projects", {
        body: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(response.status).toBe(415);
      expect(await readJson(response)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    });

    it("rejects an oversized body with 413, writing nothing", async () => {
      const { call, workspaceDir } = await setup({ maxBodyBytes: 1024 });
      const response = await call("POST", "/v1/projects", {
        body: { name: "big", pad: "x".repeat(2000) },
      });
      expect(response.status).toBe(413);
      expect(await readJson(response)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
      expect(await readdir(workspaceDir)).toEqual([".pi-global"]);
    });
  });

  describe("GET /v1/projects", () => {
    it("lists a page with the total", async () => {
      const { call } = await setup();
      for (const name of ["a", "b", "c"]) await call("POST", "/v1/projects", { body: { name } });
      const response = await call("GET", "/v1/projects?limit=2&offset=1");
      expect(response.status).toBe(200);
      const body = await readJson(response);
      expect(body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(body.items.map((project: { id: string }) => project.id)).toEqual(["b", "c"]);
    });

    it.each([
      ["limit=0", "query.limit"],
      ["limit=abc", "query.limit"],
      ["limit=101", "query.limit"],
      ["offset=-1", "query.offset"],
      ["offset=10001", "query.offset"],
    ])("rejects %s", async (query, field) => {
      const { call } = await setup();
      const response = await call("GET", `/v1/projects?${query}`);
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors[0].path).toBe(field);
    });

    it("honours configured page caps", async () => {
      const { call } = await setup({ limits: { maxPageSize: 5, maxOffset: 10 } });
      expect((await call("GET", "/v1/projects?limit=5")).status).toBe(200);
      expect((await call("GET", "/v1/projects?limit=6")).status).toBe(400);
      expect((await call("GET", "/v1/projects?offset=11")).status).toBe(400);
    });
  });

  describe("GET /v1/projects/{id}", () => {
    it("returns the project", async () => {
      const { call } = await setup();
      await call("POST", "/v1/projects", { body: { name: "Solo" } });
      const response = await call("GET", "/v1/projects/solo");
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({ id: "solo", name: "Solo" });
    });

    it("404s an unknown project with PROJECT_NOT_FOUND", async () => {
      const { call } = await setup();
      const response = await call("GET", "/v1/projects/ghost");
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe(problemType);
      expect(await readJson(response)).toMatchObject({
        code: "PROJECT_NOT_FOUND",
        detail: expect.stringContaining("ghost"),
      });
    });

    it.each(["My-App", "..%2Fetc", "%2Fetc%2Fpasswd", "a_b", "x".repeat(101)])(
      "400s the malformed id %j",
      async (id) => {
        const { call } = await setup();
        const response = await call("GET", `/v1/projects/${id}`);
        expect(response.status).toBe(400);
        expect((await readJson(response)).code).toMatch(/VALIDATION_FAILED|MALFORMED_REQUEST/);
      },
    );
  });

  describe("DELETE /v1/projects/{id}", () => {
    it("deletes the project and its directory (204), then 404s", async () => {
      const { call, workspaceDir } = await setup();
      await call("POST", "/v1/projects", { body: { name: "Gone" } });
      const response = await call("DELETE", "/v1/projects/gone");
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      await expect(stat(join(workspaceDir, "gone"))).rejects.toThrow();
      expect((await call("DELETE", "/v1/projects/gone")).status).toBe(404);
      expect((await call("GET", "/v1/projects/gone")).status).toBe(404);
    });

    it("400s a malformed id", async () => {
      const { call } = await setup();
      expect((await call("DELETE", "/v1/projects/UPPER")).status).toBe(400);
    });
  });

  describe("auth", () => {
    const token = "test-token-123";
    const routes: Array<[string, string, unknown?]> = [
      ["POST", "/v1/projects", { name: "Auth" }],
      ["GET", "/v1/projects"],
      ["GET", "/v1/projects/auth"],
      ["DELETE", "/v1/projects/auth"],
    ];

    it.each(routes)(
      "%s %s: 401 without a token, 401 with a wrong one, served with the right one",
      async (method, path, body) => {
        const { call, registry } = await setup({ apiToken: token });
        if (method !== "POST") await registry.createProject({ name: "Auth" });
        for (const wrong of [undefined, "wrong-token", `${token}x`]) {
          const denied = await call(method, path, {
            body,
            ...(wrong === undefined ? {} : { token: wrong }),
          });
          expect(denied.status).toBe(401);
          expect(denied.headers.get("www-authenticate")).toMatch(/^Bearer/);
          expect(await readJson(denied)).toMatchObject({ code: "UNAUTHORIZED" });
        }
        const allowed = await call(method, path, { body, token });
        expect(allowed.status).toBeLessThan(300);
      },
    );

    it("does not act on an unauthenticated request", async () => {
      const { call, workspaceDir } = await setup({ apiToken: token });
      await call("POST", "/v1/projects", { body: { name: "Sneaky" } });
      expect(await readdir(workspaceDir)).toEqual([".pi-global"]);
    });
  });
});
