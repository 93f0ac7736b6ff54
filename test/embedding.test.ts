import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createProjectsApp, ProjectRegistry } from "../src/index.js";
import { readJson } from "./helpers/json.js";
import { useTempDirs } from "./helpers/temp-dir.js";

describe("embedding the routers in a host app", () => {
  const tempDir = useTempDirs();

  it("serves the same routes, errors and OpenAPI paths under any prefix", async () => {
    const registry = await ProjectRegistry.create({ workspaceDir: await tempDir() });
    const host = new OpenAPIHono();
    host.route("/internal/agents", createProjectsApp(registry));

    const created = await host.request("/internal/agents/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Hosted" }),
    });
    expect(created.status).toBe(201);
    expect(await readJson(created)).toMatchObject({ id: "hosted" });

    const invalid = await host.request("/internal/agents/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(await readJson(invalid)).toMatchObject({ code: "VALIDATION_FAILED" });

    const missing = await host.request("/internal/agents/projects/ghost");
    expect(missing.status).toBe(404);
    expect(await readJson(missing)).toMatchObject({ code: "PROJECT_NOT_FOUND" });

    const document = host.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "host", version: "1" },
    });
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/internal/agents/projects",
      "/internal/agents/projects/{id}",
    ]);
    expect(document.paths?.["/internal/agents/projects"]?.post?.operationId).toBe(
      "projects.create",
    );
  });

  it("has no side effects on import", async () => {
    const before = { listeners: process.listenerCount("SIGTERM"), cwdEntries: process.cwd() };
    const module = await import("../src/index.js");
    expect(typeof module.createApp).toBe("function");
    expect(process.listenerCount("SIGTERM")).toBe(before.listeners);
  });
});
