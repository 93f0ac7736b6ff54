import { readdir, stat } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { validate } from "@readme/openapi-parser";
import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { runTs, type ServerProcess, startServerProcess } from "#test-support/processes.js";
import { openSse } from "#test-support/sse-client.js";
import { standInProvider } from "#test-support/stand-in-provider.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const e2eToken = "e2e-token-0123456789abcdefghijklmnop";

function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { path }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("standalone server", () => {
  const tempDir = useTempDirs();
  const running: ServerProcess[] = [];
  afterEach(() => {
    for (const server of running.splice(0)) server.child.kill("SIGKILL");
  });
  const start = async (env: Record<string, string>, options: { cwd?: string } = {}) => {
    const server = await startServerProcess(env, options);
    running.push(server);
    return server;
  };

  it("serves healthz, a valid OpenAPI 3.1 document and Swagger UI, and logs where", async () => {
    const server = await start({ WORKSPACE_DIR: await tempDir() });
    expect(server.output()).toContain(`docs=${server.url}/docs`);
    expect(server.output()).toContain(`openapi=${server.url}/openapi.json`);

    const health = await fetch(`${server.url}/v1/healthz`);
    expect(health.status).toBe(200);
    expect(await readJson(health)).toMatchObject({ status: "ok", projects: 0 });

    const document = await readJson(await fetch(`${server.url}/openapi.json`));
    expect(document.openapi).toBe("3.1.0");
    expect((await validate(document)).valid).toBe(true);

    const docs = await fetch(`${server.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<script src="./docs/assets/swagger-ui-bundle.js">');
    const bundle = await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`);
    expect(await bundle.text()).toContain("SwaggerUIBundle");
  });

  it("creates ./workspace under the working directory when WORKSPACE_DIR is unset", async () => {
    const cwd = await tempDir();
    const server = await start({}, { cwd });
    expect((await stat(join(cwd, "workspace", ".pi-global"))).isDirectory()).toBe(true);
    expect(server.output()).toMatch(/WORKSPACE_DIR is not set/);
  });

  it("rejects traversal in the raw request path with 400 and writes nothing", async () => {
    const workspace = await tempDir();
    const server = await start({ WORKSPACE_DIR: workspace });
    for (const path of [
      "/v1/projects/%2e%2e",
      "/v1/projects/..",
      "/v1/projects/%2E%2E/etc",
      "/v1/projects/..%2Fetc",
    ]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body).code, path).toBe("MALFORMED_REQUEST");
    }
    expect(await readdir(workspace)).toEqual([".pi-global"]);
  });

  it("requires the token on /v1 when AGENT_SERVER_TOKEN is set", async () => {
    const server = await start({ WORKSPACE_DIR: await tempDir(), AGENT_SERVER_TOKEN: e2eToken });
    expect((await fetch(`${server.url}/v1/healthz`)).status).toBe(401);
    const authed = await fetch(`${server.url}/v1/healthz`, {
      headers: { authorization: `Bearer ${e2eToken}` },
    });
    expect(authed.status).toBe(200);
    expect(server.output()).not.toContain(e2eToken);
  });

  it("exits 0 on SIGTERM and on SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const server = await start({ WORKSPACE_DIR: await tempDir() });
      server.child.kill(signal);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain(`shutting down signal=${signal}`);
    }
  });

  it("closes open event streams and exits 0 on SIGTERM, keeping the session", async () => {
    const workspace = await tempDir();
    const server = await start({
      WORKSPACE_DIR: workspace,
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "2000",
    });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("/projects", { name: "Demo" });
    await fetch(`${server.url}/v1/custom/providers`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(standInProvider),
    });
    const { id } = await readJson(await post("/projects/demo/sessions", { name: "kept" }));
    const stream = await openSse(`${server.url}/v1/projects/demo/sessions/${id}/events`);
    server.child.kill("SIGTERM");
    await stream.closed;
    expect(await server.exited).toBe(0);

    const again = await start({ WORKSPACE_DIR: workspace });
    const listed = await readJson(await fetch(`${again.url}/v1/projects/demo/sessions`));
    expect(listed.items).toEqual([expect.objectContaining({ id, name: "kept" })]);
  });

  it.each([
    [{ AGENT_SERVER_PORT: "not-a-port" }, /AGENT_SERVER_PORT: /],
    [
      { WORKSPACE_DIR: "/definitely/missing/dir" },
      /WORKSPACE_DIR: directory \/definitely\/missing\/dir does not exist/,
    ],
    [{ AGENT_SERVER_HOST: "0.0.0.0" }, /AGENT_SERVER_TOKEN: required when AGENT_SERVER_HOST/],
    [{ AGENT_SERVER_TOKEN: "   " }, /AGENT_SERVER_TOKEN: must not be blank/],
    [{ AGENT_SERVER_TOKEN: "t" }, /AGENT_SERVER_TOKEN: must be at least 32 characters/],
    [{ WEBHOOK_SECRET: "short-hook" }, /WEBHOOK_SECRET: must be at least 32 characters/],
  ])("refuses to start on invalid configuration %j", async (env, message) => {
    const proc = runTs("src/server.ts", { env: { AGENT_SERVER_PORT: "0", ...env } });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(message);
    expect(proc.output()).not.toMatch(/at .*\.ts:\d+/);
  });
});
