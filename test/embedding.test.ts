import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import {
  CredentialsService,
  createApp,
  createAskUserApp,
  createCredentialsApp,
  createHealthApp,
  createProjectsApp,
  createSessionsApp,
  createTasksApp,
  createUsageApp,
  ProjectRegistry,
  RuntimeManager,
  silentLogger,
  TaskService,
  UsageRecorder,
} from "../src/index.js";
import { readJson } from "./helpers/json.js";
import { standInProvider } from "./helpers/stand-in-provider.js";
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

  it("mounts every router under a prefix with the same paths as the standalone app", async () => {
    const registry = await ProjectRegistry.create({ workspaceDir: await tempDir() });
    const credentials = new CredentialsService({ globalDir: registry.layout.globalDir });
    const usage = UsageRecorder.inMemory();
    const runtimes = new RuntimeManager({
      registry,
      org: credentials.org,
      onSessionEvent: usage.observe,
    });
    const tasks = new TaskService({ registry, runtimes });
    const resolveRuntime = (projectId: string) => runtimes.get(projectId);
    const prefix = "/internal/agents";
    const host = new OpenAPIHono();
    host.route(
      prefix,
      createHealthApp({
        version: "host",
        projectCount: () => registry.size,
        runtimeStats: () => runtimes.stats(),
      }),
    );
    host.route(prefix, createProjectsApp(registry));
    host.route(prefix, createCredentialsApp(credentials));
    host.route(prefix, createSessionsApp(resolveRuntime));
    host.route(prefix, createAskUserApp(resolveRuntime));
    host.route(prefix, createTasksApp(tasks, { webhookSecret: "hook-secret" }));
    host.route(prefix, createUsageApp(usage));
    try {
      const post = (path: string, body: unknown) =>
        host.request(`${prefix}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await post("/projects", { name: "Hosted" })).status).toBe(201);
      const provider = await host.request(`${prefix}/custom/providers`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(standInProvider),
      });
      expect(provider.status).toBe(201);
      const session = await post("/projects/hosted/sessions", { name: "embedded" });
      expect(session.status).toBe(201);
      const { id } = await readJson(session);
      const detail = await host.request(`${prefix}/projects/hosted/sessions/${id}`);
      expect(await readJson(detail)).toMatchObject({ id, name: "embedded", messages: [] });
      const unknown = await host.request(`${prefix}/projects/hosted/sessions/nope`);
      expect(await readJson(unknown)).toMatchObject({ status: 404, code: "SESSION_NOT_FOUND" });

      const info = { openapi: "3.1.0" as const, info: { title: "host", version: "1" } };
      const hosted = Object.keys(host.getOpenAPI31Document(info).paths ?? {})
        .map((path) => path.slice(prefix.length))
        .sort();
      const standalone = createApp({ registry, logger: silentLogger, version: "x" });
      const document = JSON.parse(await (await standalone.request("/openapi.json")).text());
      const served = Object.keys(document.paths)
        .filter((path) => path.startsWith("/v1/"))
        .map((path) => path.slice("/v1".length))
        .sort();
      expect(hosted).toEqual(served);
    } finally {
      await tasks.stop();
      await runtimes.disposeAll();
      credentials.dispose();
    }
  });

  it("has no side effects on import", async () => {
    const before = { listeners: process.listenerCount("SIGTERM"), cwdEntries: process.cwd() };
    const module = await import("../src/index.js");
    expect(typeof module.createApp).toBe("function");
    expect(process.listenerCount("SIGTERM")).toBe(before.listeners);
  });
});
