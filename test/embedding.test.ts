import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, installFauxProvider } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { parsePrometheusText } from "#test-support/prometheus-text.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { registerSharedComponents } from "../src/contract/openapi-document.js";
import {
  auditRequests,
  buildOpenApiDocument,
  createApp,
  createProjectsApp,
  createServices,
  enforceRoles,
  httpMetrics,
  mountRouters,
  ProjectRegistry,
  routePolicy,
  type Services,
  setCaller,
  silentLogger,
} from "../src/index.js";
import { loadUsageLog } from "../src/usage/usage-log.js";
import type { UsageRecord } from "../src/usage/usage-records.js";

const webhookSecret = "hook-secret-for-embedding-0123456789";
const prefix = "/internal/agents";

interface Hosted {
  services: Services;
  /** `fetch` of the app, addressed by paths under the API prefix. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; token?: string },
  ): Promise<Response>;
  /** The app's OpenAPI document with the API prefix written as `/v1`. */
  document(): Promise<Json>;
  metricFamilies(): Promise<string[]>;
}

describe("embedding the routers in a host app", () => {
  const tempDir = useTempDirs();
  const built: Services[] = [];
  afterEach(async () => {
    for (const services of built.splice(0)) {
      await services.stop();
      await services.close();
    }
  });

  async function servicesWithFaux(provider: string): Promise<Services> {
    const workspaceDir = await tempDir();
    const services = await createServices({ workspaceDir, logger: silentLogger, version: "x" });
    built.push(services);
    const faux = installFauxProvider(services.credentials.org, { provider });
    faux.setResponses([fauxAssistantMessage("Nothing to change.")]);
    await writeFile(
      join(workspaceDir, ".pi-global", "settings.json"),
      JSON.stringify({ defaultProvider: provider, defaultModel: faux.getModel().id }),
    );
    return services;
  }

  const call = (fetch: (path: string, init: RequestInit) => Response | Promise<Response>) =>
    (async (path, init = {}) => {
      const headers: Record<string, string> = {};
      if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers["content-type"] = "application/json";
      return fetch(path, {
        method: init.method ?? "GET",
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    }) satisfies Hosted["request"];

  const familiesOf = async (response: Response) =>
    [...parsePrometheusText(await response.text()).keys()].sort();

  async function standalone(): Promise<Hosted> {
    const services = await servicesWithFaux("faux-standalone");
    const app = createApp(services, { webhookSecret });
    return {
      services,
      request: call((path, init) => app.request(`/v1${path}`, init)),
      document: async () => readJson(await app.request("/openapi.json")),
      metricFamilies: async () => familiesOf(await app.request("/metrics")),
    };
  }

  async function embedded(): Promise<Hosted> {
    const services = await servicesWithFaux("faux-embedded");
    const host = new OpenAPIHono();
    registerSharedComponents(host);
    host.use("*", httpMetrics(services.metrics));
    mountRouters(host, services, { prefix, webhookSecret });
    const v1 = (path: string) =>
      path.startsWith(prefix) ? `/v1${path.slice(prefix.length)}` : path;
    return {
      services,
      request: call((path, init) => host.request(`${prefix}${path}`, init)),
      async document() {
        const document = buildOpenApiDocument(host, services.version);
        const paths = Object.entries(document.paths ?? {}).map(([path, item]) => [v1(path), item]);
        return JSON.parse(JSON.stringify({ ...document, paths: Object.fromEntries(paths) }));
      },
      metricFamilies: async () => familiesOf(await host.request("/metrics")),
    };
  }

  async function runTask(hosted: Hosted): Promise<string> {
    expect(
      (await hosted.request("/projects", { method: "POST", body: { name: "Demo" } })).status,
    ).toBe(201);
    const submitted = await hosted.request("/projects/demo/tasks", {
      method: "POST",
      body: { title: "Look around", prompt: "Say what you see." },
      token: webhookSecret,
    });
    expect(submitted.status).toBe(201);
    const { id } = await readJson(submitted);
    const approved = await hosted.request(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    expect(approved.status).toBe(200);
    for (let i = 0; i < 400; i++) {
      const task = await readJson(await hosted.request(`/projects/demo/tasks/${id}`));
      if (task.status === "completed") return id as string;
      expect(["approved", "running"]).toContain(task.status);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the task never completed");
  }

  async function loggedRecords(services: Services): Promise<UsageRecord[]> {
    await services.usage.flush();
    const records: UsageRecord[] = [];
    await loadUsageLog(services.registry.layout.usageDir, (record) => records.push(record));
    return records;
  }

  it("serves the same document as the standalone app", async () => {
    const [alone, hosted] = await Promise.all([standalone(), embedded()]);
    const document = await alone.document();
    expect(Object.keys(document.paths)).toContain("/v1/projects/{projectId}/tasks");
    expect(await hosted.document()).toEqual(document);
  });

  it("exposes the same metric families as the standalone app", async () => {
    const [alone, hosted] = await Promise.all([standalone(), embedded()]);
    for (const app of [alone, hosted]) expect((await app.request("/healthz")).status).toBe(200);
    const families = await alone.metricFamilies();
    expect(families).toEqual(
      expect.arrayContaining(["pi_http_requests_total", "pi_projects", "pi_tasks"]),
    );
    expect(await hosted.metricFamilies()).toEqual(families);
  });

  it("attributes a task's usage to the task, as the standalone app does", async () => {
    for (const hosted of [await standalone(), await embedded()]) {
      const taskId = await runTask(hosted);
      const records = await loggedRecords(hosted.services);
      const kinds = records.map((record) => record.kind);
      expect(kinds).toEqual(expect.arrayContaining(["message", "run"]));
      expect(records.map((record) => record.taskId)).toEqual(records.map(() => taskId));
    }
  });

  it("serves the same routes, errors and OpenAPI paths under any prefix", async () => {
    const registry = await ProjectRegistry.create({ workspaceDir: await tempDir() });
    const host = new OpenAPIHono();
    host.route(prefix, createProjectsApp(registry));

    const created = await host.request(`${prefix}/projects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Hosted" }),
    });
    expect(created.status).toBe(201);
    expect(await readJson(created)).toMatchObject({ id: "hosted" });

    const invalid = await host.request(`${prefix}/projects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(await readJson(invalid)).toMatchObject({ code: "VALIDATION_FAILED" });

    const missing = await host.request(`${prefix}/projects/ghost`);
    expect(missing.status).toBe(404);
    expect(await readJson(missing)).toMatchObject({ code: "PROJECT_NOT_FOUND" });

    const document = host.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "host", version: "1" },
    });
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      `${prefix}/projects`,
      `${prefix}/projects/{id}`,
    ]);
    expect(document.paths?.[`${prefix}/projects`]?.post?.operationId).toBe("projects.create");
  });

  it("applies roles and the audit log the way the docs show, behind the host's own auth", async () => {
    const services = await servicesWithFaux("faux-roles");
    const policy = routePolicy(prefix);
    const host = new OpenAPIHono();
    host.use(`${prefix}/*`, auditRequests(services.audit, policy, silentLogger));
    // The host's own authentication: a header names the role.
    host.use(`${prefix}/*`, async (c, next) => {
      const role = c.req.header("x-role") === "operator" ? "operator" : "viewer";
      setCaller(c, { kind: "token", tokenId: `host-${role}`, name: `host ${role}`, role });
      await next();
    });
    host.use(`${prefix}/*`, enforceRoles(policy));
    mountRouters(host, services, { prefix });
    const send = (method: string, role: string) =>
      host.request(`${prefix}/projects`, {
        method,
        headers: { "x-role": role, "content-type": "application/json" },
        ...(method === "POST" ? { body: JSON.stringify({ name: "Hosted" }) } : {}),
      });
    expect((await send("GET", "viewer")).status).toBe(200);
    const refused = await send("POST", "viewer");
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).code).toBe("FORBIDDEN");
    expect((await send("POST", "operator")).status).toBe(201);
    const { items } = await services.audit.query({ limit: 10 });
    expect(items.map((item) => [item.tokenName, item.route, item.status]).reverse()).toEqual([
      ["host viewer", `${prefix}/projects`, 403],
      ["host operator", `${prefix}/projects`, 201],
    ]);
  });

  it("has no side effects on import", async () => {
    const before = process.listenerCount("SIGTERM");
    const module = await import("../src/index.js");
    expect(typeof module.createServices).toBe("function");
    expect(typeof module.createApp).toBe("function");
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });
});
