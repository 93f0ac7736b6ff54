import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { type RawRequest, rawRequest } from "#test-support/raw-http.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const webhookSecret = "trust-boundaries-webhook-secret-0123456789";
const stateChanging = ["post", "put", "patch", "delete"];

/** Every file under `dir` with a hash of its content, to prove a request wrote nothing. */
/** The audit log records refused attempts by design; everything else must stay as it was. */
const auditDir = join(".pi-global", "audit");

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (relative(dir, path).startsWith(auditDir)) continue;
    files[relative(dir, path)] = entry.isFile()
      ? createHash("sha256")
          .update(await readFile(path))
          .digest("hex")
      : "dir";
  }
  return files;
}

interface Operation {
  method: string;
  path: string;
  takesBody: boolean;
}

async function stateChangingOperations(url: string): Promise<Operation[]> {
  const document = await readJson(await fetch(`${url}/openapi.json`));
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!stateChanging.includes(method)) continue;
      operations.push({ method: method.toUpperCase(), path, takesBody: !!operation.requestBody });
    }
  }
  return operations;
}

describe("trust boundaries over a real listening server", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  async function bootDemo(env: Record<string, string> = {}) {
    const workspace = await tempDir();
    const booted = await boot(workspace, { env: { WEBHOOK_SECRET: webhookSecret, ...env } });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("hello")]);
    await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "hi" },
    });
    await booted.waitUntilIdle(sessionId);
    const task = await booted.api("/projects/demo/tasks", {
      method: "POST",
      headers: { authorization: `Bearer ${webhookSecret}` },
      body: { title: "t", prompt: "p" },
    });
    expect(task.status).toBe(201);
    const taskId = (await readJson(task)).id as string;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { booted, workspace, sessionId, taskId };
  }

  const port = (booted: BootedServer) => new URL(booted.server.url).port;

  describe("DNS rebinding: a foreign Host", () => {
    it("is refused with 421 on every route class, and creates nothing", async () => {
      const { booted, workspace, sessionId } = await bootDemo();
      const before = await snapshot(workspace);
      const host = `rebind.attacker.test:${port(booted)}`;
      const json = { "content-type": "application/json" };
      const attempts: [string, RawRequest][] = [
        ["/v1/projects", {}],
        ["/v1/healthz", {}],
        ["/v1/projects", { method: "POST", headers: json, body: '{"name":"pwned"}' }],
        [
          `/v1/projects/demo/sessions/${sessionId}/prompt`,
          { method: "POST", headers: json, body: '{"text":"touch /tmp/pwned"}' },
        ],
        ["/v1/projects/demo", { method: "DELETE" }],
        [`/v1/projects/demo/sessions/${sessionId}/events`, { bodyTimeoutMs: 2000 }],
        ["/v1/tasks/events", { bodyTimeoutMs: 2000 }],
        ["/docs", {}],
        ["/docs/assets/swagger-ui-bundle.js", {}],
        ["/openapi.json", {}],
        ["/metrics", {}],
        ["/v1/no-such-route", {}],
      ];
      for (const [path, init] of attempts) {
        const response = await rawRequest(`${booted.server.url}${path}`, {
          ...init,
          headers: { ...init.headers, host },
        });
        expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(421);
        expect(response.headers["content-type"]).toBe("application/problem+json");
        expect(JSON.parse(response.body)).toMatchObject({ code: "MISDIRECTED_REQUEST" });
      }

      expect(await snapshot(workspace)).toEqual(before);
      const projects = await readJson(await booted.api("/projects"));
      expect(projects.items.map((project: Json) => project.id)).toEqual(["demo"]);
      const detail = await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`));
      expect(detail.messages).toHaveLength(2);
    });

    it("is served once AGENT_SERVER_ALLOWED_HOSTS names it; loopback names keep working", async () => {
      const booted = await boot(await tempDir(), {
        env: { AGENT_SERVER_ALLOWED_HOSTS: "agents.example.test" },
      });
      const create = (host: string, name: string) =>
        rawRequest(`${booted.server.url}/v1/projects`, {
          method: "POST",
          headers: { host, "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
      expect((await create("agents.example.test", "via-proxy")).status).toBe(201);
      expect((await create(`localhost:${port(booted)}`, "via-localhost")).status).toBe(201);
      expect((await create(`rebind.attacker.test:${port(booted)}`, "pwned")).status).toBe(421);
      expect((await create(`localhost:${Number(port(booted)) + 1}`, "other-port")).status).toBe(
        421,
      );
      const projects = await readJson(await booted.api("/projects"));
      expect(projects.items.map((project: Json) => project.id).sort()).toEqual([
        "via-localhost",
        "via-proxy",
      ]);
    });
  });

  describe("cross-site requests to every state-changing operation", () => {
    it("refuses a foreign Origin, text/plain, form and body-less JSON routes, changing nothing", async () => {
      const { booted, workspace, sessionId, taskId } = await bootDemo();
      const operations = await stateChangingOperations(booted.server.url);
      expect(operations.length).toBeGreaterThanOrEqual(30);
      const params: Record<string, string> = {
        id: "demo",
        projectId: "demo",
        sessionId,
        taskId,
        provider: "anthropic",
        flowId: "nope",
        requestId: "nope",
        itemId: "nope",
        tokenId: "00000000-0000-4000-8000-000000000000",
        webhookId: "00000000-0000-4000-8000-000000000000",
        deliveryId: "00000000-0000-4000-8000-000000000000",
      };
      const before = await snapshot(workspace);
      const auth = { authorization: `Bearer ${webhookSecret}` };
      for (const operation of operations) {
        const path = operation.path.replaceAll(/\{(\w+)\}/g, (_match, name: string) => {
          const value = params[name];
          if (value === undefined) throw new Error(`no test value for path parameter ${name}`);
          return value;
        });
        const url = `${booted.server.url}${path}`;
        const attacks: [string, RawRequest, number][] = [
          [
            "foreign Origin",
            {
              headers: { ...auth, origin: "http://evil.test", "content-type": "application/json" },
              body: "{}",
            },
            403,
          ],
          ["text/plain", { headers: { ...auth, "content-type": "text/plain" }, body: "{}" }, 415],
          [
            "form",
            {
              headers: { ...auth, "content-type": "application/x-www-form-urlencoded" },
              body: "name=pwned",
            },
            415,
          ],
          ["untyped bytes", { headers: auth, body: '{"name":"pwned"}' }, 415],
        ];
        if (operation.takesBody) attacks.push(["no body, no type", { headers: auth }, 415]);
        for (const [name, init, status] of attacks) {
          const response = await rawRequest(url, { ...init, method: operation.method });
          const label = `${operation.method} ${operation.path} (${name})`;
          expect(response.status, `${label} ${response.body}`).toBe(status);
          expect(JSON.parse(response.body).code, label).toBe(
            status === 403 ? "ORIGIN_NOT_ALLOWED" : "UNSUPPORTED_MEDIA_TYPE",
          );
        }
      }

      expect(await snapshot(workspace)).toEqual(before);
      const projects = await readJson(await booted.api("/projects"));
      expect(projects.items.map((project: Json) => project.id)).toEqual(["demo"]);
      const task = await readJson(await booted.api(`/projects/demo/tasks/${taskId}`));
      expect(task.status).toBe("pending");
      const sessions = await readJson(await booted.api("/projects/demo/sessions"));
      expect(sessions.items.map((session: Json) => session.id)).toEqual([sessionId]);
    });

    it("serves the same origin and the CORS-listed origins", async () => {
      const booted = await boot(await tempDir(), {
        env: { AGENT_SERVER_CORS_ORIGINS: "https://ui.example.test" },
      });
      for (const [origin, name] of [
        [booted.server.url, "same-origin"],
        ["https://ui.example.test", "listed"],
      ] as const) {
        const response = await rawRequest(`${booted.server.url}/v1/projects`, {
          method: "POST",
          headers: { origin, "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
        expect(response.status, origin).toBe(201);
      }
    });
  });

  describe("stream tickets", () => {
    const token = "trust-boundaries-api-token-0123456789ab";

    it("open exactly their stream: no other path, method or session", async () => {
      const booted = await boot(await tempDir(), { env: { AGENT_SERVER_TOKEN: token } });
      const first = await booted.newSession();
      const second = await booted.newSession();
      const taskTicket = (
        await readJson(await booted.api("/tasks/events/tickets", { method: "POST" }))
      ).ticket as string;
      const sessionTicket = (
        await readJson(
          await booted.api(`/projects/demo/sessions/${first}/events/tickets`, { method: "POST" }),
        )
      ).ticket as string;
      const base = booted.server.url;
      const opened = await rawRequest(`${base}/v1/tasks/events?ticket=${taskTicket}`, {
        bodyTimeoutMs: 300,
      });
      expect(opened.status).toBe(200);

      const refused: [string, string, string][] = [
        ["GET", `/v1/projects/x/tasks/events`, taskTicket],
        ["GET", `/v1/projects/nope/tasks/events`, taskTicket],
        ["GET", `/v1/projects/demo/tasks/events`, taskTicket],
        ["GET", `/v1/projects/demo/tasks`, taskTicket],
        ["GET", `/v1/tasks`, taskTicket],
        ["GET", `/v1/projects`, taskTicket],
        ["POST", `/v1/tasks/events`, taskTicket],
        ["POST", `/v1/tasks/events/tickets`, taskTicket],
        ["GET", `/v1/projects/demo/sessions/${first}/events`, taskTicket],
        ["GET", `/v1/projects/demo/sessions/${second}/events`, sessionTicket],
        ["GET", `/v1/projects/demo/sessions/${first}`, sessionTicket],
        ["GET", `/v1/tasks/events`, sessionTicket],
        ["POST", `/v1/projects/demo/sessions/${first}/abort`, sessionTicket],
      ];
      for (const [method, path, ticket] of refused) {
        const response = await rawRequest(`${base}${path}?ticket=${ticket}`, {
          method,
          bodyTimeoutMs: 2000,
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(JSON.parse(response.body).code).toBe("UNAUTHORIZED");
      }
    });
  });
});
