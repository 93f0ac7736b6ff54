import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createTestApp } from "#test-support/test-app.js";
import { AppError } from "../errors/index.js";
import { createRouter } from "../http/router.js";
import { createLogger } from "../logging/logger.js";

describe("createApp", () => {
  const tempDir = useTempDirs();

  it("answers unknown routes with a NOT_FOUND problem", async () => {
    const { call } = await createTestApp(await tempDir());
    const response = await call("GET", "/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await readJson(response)).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("serves the OpenAPI document and Swagger UI without auth", async () => {
    const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
    const spec = await call("GET", "/openapi.json");
    expect(spec.status).toBe(200);
    expect((await readJson(spec)).openapi).toBe("3.1.0");
    const docs = await call("GET", "/docs");
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('<script src="./docs/assets/swagger-ui-bundle.js">');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>/);
    const csp = docs.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const init = await call("GET", "/docs/assets/init.js");
    expect(init.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await init.text()).toContain('url: "./openapi.json"');
    const bundle = await call("GET", "/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await call("GET", "/docs/assets/package.json")).status).toBe(404);
  });

  it("marks every response nosniff, refusals and errors included", async () => {
    const { call } = await createTestApp(await tempDir(), { apiToken: "tok" });
    for (const [path, headers] of [
      ["/openapi.json", {}],
      ["/docs", {}],
      ["/v1/healthz", {}],
      ["/v1/nothing-here", { authorization: "Bearer tok" }],
      ["/v1/healthz", { host: "rebind.attacker.test" }],
    ] as const) {
      const response = await call("GET", path, { headers });
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  describe("CORS", () => {
    it("allows listed origins only", async () => {
      const { call } = await createTestApp(await tempDir(), {
        corsOrigins: ["https://ui.example.com"],
      });
      const allowed = await call("OPTIONS", "/v1/projects", {
        headers: { origin: "https://ui.example.com", "access-control-request-method": "POST" },
      });
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://ui.example.com");
      const denied = await call("GET", "/v1/healthz", {
        headers: { origin: "https://evil.example.com" },
      });
      expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("sends no CORS headers when no origin is configured", async () => {
      const { call } = await createTestApp(await tempDir());
      const response = await call("GET", "/v1/healthz", {
        headers: { origin: "https://ui.example.com" },
      });
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    });
  });

  it("rejects encoded dot segments before routing", async () => {
    const { call } = await createTestApp(await tempDir());
    for (const path of ["/v1/projects/%2e%2e", "/v1/projects/%2E%2e/x", "/v1/projects/a%2fb"]) {
      const response = await call("GET", path);
      expect([400, 404], path).toContain(response.status);
      expect((await readJson(response)).code).not.toBe("INTERNAL_ERROR");
    }
  });
});

describe("error handling", () => {
  const boom = createRoute({
    method: "get",
    path: "/boom",
    responses: { 200: { description: "never" } },
  });
  const typed = createRoute({
    method: "get",
    path: "/typed",
    request: { query: z.object({ n: z.coerce.number().int() }) },
    responses: { 200: { description: "ok" } },
  });

  function appWithLog() {
    const lines: string[] = [];
    const app = createRouter({ logger: createLogger({ write: (line) => lines.push(line) }) });
    app.openapi(boom, () => {
      const error = new Error("db password=hunter2 at /secret/path");
      error.stack = "Error: at secretFunction (/secret/path.ts:1:1)";
      throw error;
    });
    app.openapi(typed, () => {
      throw new AppError("PROJECT_NOT_FOUND", 'No project with id "x"');
    });
    return { app, lines };
  }

  it("answers unexpected errors with a bare 500 that leaks nothing, and logs them", async () => {
    const { app, lines } = appWithLog();
    const response = await app.request("/boom");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      code: "INTERNAL_ERROR",
      detail: "An unexpected error occurred.",
    });
    for (const leak of ["hunter2", "/secret", "secretFunction", "stack"])
      expect(text).not.toContain(leak);
    expect(lines.some((line) => line.includes("unhandled error"))).toBe(true);
  });

  it("renders catalogue errors with their status and code", async () => {
    const { app } = appWithLog();
    const response = await app.request("/typed?n=1");
    expect(response.status).toBe(404);
    expect(await readJson(response)).toEqual({
      type: "urn:pi-agent-server:problem:project-not-found",
      title: "Project not found",
      status: 404,
      detail: 'No project with id "x"',
      code: "PROJECT_NOT_FOUND",
    });
  });

  it("turns validation failures into VALIDATION_FAILED naming the field", async () => {
    const { app } = appWithLog();
    const response = await app.request("/typed?n=abc");
    expect(response.status).toBe(400);
    const problem = await readJson(response);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors).toEqual([{ path: "query.n", message: expect.any(String) }]);
    expect(problem.detail).toContain("query.n");
  });
});
