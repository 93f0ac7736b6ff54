import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createApp } from "../server/create-app.js";
import { createInMemoryServices } from "../server/in-memory-services.js";
import type { Services } from "../server/services.js";

const secret = "webhook-secret";
const token = "api-token";

describe("tasks routes", () => {
  const tempDir = useTempDirs();
  const built: Services[] = [];
  afterEach(async () => {
    await Promise.all(built.splice(0).map((services) => services.stop()));
  });

  async function harness(
    options: {
      apiToken?: string;
      webhookSecret?: string;
      maxBodyBytes?: number;
      replayMaxBytes?: number;
      maxStreams?: number;
    } = {
      apiToken: token,
      webhookSecret: secret,
    },
  ) {
    const workspaceDir = await tempDir();
    const services = await createInMemoryServices({
      workspaceDir,
      version: "test",
      replayMaxBytes: options.replayMaxBytes,
      maxStreams: options.maxStreams,
    });
    built.push(services);
    const { tasks } = services;
    const app = createApp(services, {
      apiToken: options.apiToken,
      webhookSecret: options.webhookSecret,
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
    const call = (method: string, path: string, body?: unknown, bearer?: string) => {
      const headers: Record<string, string> = {};
      if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      return Promise.resolve(
        app.request(`/v1${path}`, {
          method,
          headers,
          ...(body === undefined
            ? {}
            : { body: typeof body === "string" ? body : JSON.stringify(body) }),
        }),
      );
    };
    const apiBearer = options.apiToken;
    await call("POST", "/projects", { name: "Demo" }, apiBearer);
    await call("POST", "/projects", { name: "Other" }, apiBearer);
    const submit = (body: unknown, projectId = "demo") =>
      call("POST", `/projects/${projectId}/tasks`, body, secret);
    const stored = async () => {
      const dir = join(workspaceDir, ".pi-global", "tasks", "items");
      const files = await readdir(dir).catch(() => [] as string[]);
      return files.filter((file) => file.endsWith(".json")).length;
    };
    return {
      app,
      call,
      submit,
      tasks,
      stored,
      api: (m: string, p: string, b?: unknown) => call(m, p, b, apiBearer),
    };
  }

  const task = { title: "Fix it", prompt: "Please fix it" };

  describe("POST /projects/{projectId}/tasks (webhook)", () => {
    it("creates a pending task with every optional field", async () => {
      const h = await harness();
      const response = await h.submit({
        ...task,
        priority: 7,
        source: "github",
        externalId: "issue-1",
        metadata: { labels: ["bug"], number: 1 },
      });
      expect(response.status).toBe(201);
      const created = await readJson(response);
      expect(created).toEqual({ id: expect.any(String), status: "pending" });
      expect(response.headers.get("location")).toBe(`/v1/projects/demo/tasks/${created.id}`);
      const detail = await readJson(await h.api("GET", `/projects/demo/tasks/${created.id}`));
      expect(detail).toMatchObject({
        id: created.id,
        projectId: "demo",
        title: "Fix it",
        prompt: "Please fix it",
        priority: 7,
        source: "github",
        externalId: "issue-1",
        metadata: { labels: ["bug"], number: 1 },
        status: "pending",
        sessionId: null,
        branch: null,
        commit: null,
        pushed: null,
        sessionStatus: null,
      });
    });

    it("returns the existing task for a re-delivery of (source, externalId)", async () => {
      const h = await harness();
      const first = await readJson(await h.submit({ ...task, source: "jira", externalId: "X-1" }));
      const again = await h.submit({
        ...task,
        title: "changed",
        source: "jira",
        externalId: "X-1",
      });
      expect(again.status).toBe(200);
      expect((await readJson(again)).id).toBe(first.id);
      const otherSource = await h.submit({ ...task, source: "github", externalId: "X-1" });
      expect(otherSource.status).toBe(201);
      const otherProject = await h.submit({ ...task, source: "jira", externalId: "X-1" }, "other");
      expect(otherProject.status).toBe(201);
      expect(await h.stored()).toBe(3);
    });

    it("404s an unknown project once authenticated", async () => {
      const h = await harness();
      const response = await h.submit(task, "ghost");
      expect(response.status).toBe(404);
      expect((await readJson(response)).code).toBe("PROJECT_NOT_FOUND");
    });

    it("accepts every field at its limit", async () => {
      const h = await harness();
      const response = await h.submit({
        title: "t".repeat(200),
        prompt: "p".repeat(20_000),
        priority: 1000,
        source: "s".repeat(64),
        externalId: "e".repeat(128),
        metadata: { k: "m".repeat(16_384 - 8) },
      });
      expect(response.status).toBe(201);
    });

    it.each([
      ["title", { title: "t".repeat(201) }],
      ["title", { title: "   " }],
      ["title", { title: "line\nbreak" }],
      ["prompt", { prompt: "p".repeat(20_001) }],
      ["prompt", { prompt: "" }],
      ["priority", { priority: 1001 }],
      ["priority", { priority: 1.5 }],
      ["source", { source: "s".repeat(65) }],
      ["externalId", { externalId: "e".repeat(129) }],
      ["metadata", { metadata: { k: "m".repeat(16_384 - 7) } }],
      ["metadata", { metadata: ["not", "an", "object"] }],
      ["extra", { extra: true }],
    ])("refuses %s out of bounds with 400 and stores nothing", async (field, patch) => {
      const h = await harness();
      const response = await h.submit({ ...task, ...patch });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((e: { path: string }) => e.path).join(" ")).toContain(
        field === "extra" ? "body" : `body.${field}`,
      );
      expect(await h.stored()).toBe(0);
      expect((await readJson(await h.api("GET", "/tasks"))).total).toBe(0);
    });

    it("refuses a body over API_MAX_BODY_BYTES with 413 and stores nothing", async () => {
      const h = await harness({ apiToken: token, webhookSecret: secret, maxBodyBytes: 2048 });
      const response = await h.submit({ ...task, prompt: "p".repeat(3000) });
      expect(response.status).toBe(413);
      expect(await h.stored()).toBe(0);
    });

    it("answers malformed JSON with 400", async () => {
      const h = await harness();
      const response = await h.submit("{not json");
      expect(response.status).toBe(400);
      expect(await h.stored()).toBe(0);
    });
  });

  describe("webhook security", () => {
    it.each([
      ["no credentials", undefined],
      ["a wrong secret", "wrong"],
      ["the API token", token],
    ])("refuses %s with 401 and stores nothing", async (_name, bearer) => {
      const h = await harness();
      const response = await h.call("POST", "/projects/demo/tasks", task, bearer);
      expect(response.status).toBe(401);
      expect((await readJson(response)).code).toBe("UNAUTHORIZED");
      expect(response.headers.get("www-authenticate")).toContain("webhook");
      expect(await h.stored()).toBe(0);
    });

    it("requires the secret even when the API has no token", async () => {
      const h = await harness({ webhookSecret: secret });
      expect((await h.call("POST", "/projects/demo/tasks", task)).status).toBe(401);
      expect((await h.call("POST", "/projects/demo/tasks", task, secret)).status).toBe(201);
    });

    it("is disabled with a clear 503 while WEBHOOK_SECRET is unset", async () => {
      const h = await harness({ apiToken: token });
      for (const bearer of [undefined, token, "anything"]) {
        const response = await h.call("POST", "/projects/demo/tasks", task, bearer);
        expect(response.status).toBe(503);
        const problem = await readJson(response);
        expect(problem.code).toBe("WEBHOOK_DISABLED");
        expect(problem.detail).toContain("WEBHOOK_SECRET");
      }
      expect(await h.stored()).toBe(0);
    });

    it("never lets the webhook secret act on the API", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task));
      for (const [method, path] of [
        ["POST", `/projects/demo/tasks/${id}/approve`],
        ["POST", `/projects/demo/tasks/${id}/reject`],
        ["POST", `/projects/demo/tasks/${id}/cancel`],
        ["DELETE", `/projects/demo/tasks/${id}`],
        ["GET", `/projects/demo/tasks/${id}`],
        ["GET", "/projects/demo/tasks"],
        ["GET", "/tasks"],
        ["GET", "/tasks/events"],
        ["GET", "/projects"],
      ] as const) {
        for (const bearer of [secret, undefined]) {
          const response = await h.call(method, path, undefined, bearer);
          expect(response.status, `${method} ${path} ${bearer}`).toBe(401);
        }
      }
      expect((await readJson(await h.api("GET", `/projects/demo/tasks/${id}`))).status).toBe(
        "pending",
      );
    });

    it("does not exempt lookalike paths from API auth", async () => {
      const h = await harness();
      for (const path of [
        "/projects/demo/tasks/",
        "/projects/demo/tasks/x",
        "/projects/demo/sessions",
      ]) {
        const response = await h.call("POST", path, task, secret);
        expect(response.status, path).toBe(401);
      }
    });
  });

  describe("transitions", () => {
    it("rejects a pending task with or without a reason", async () => {
      const h = await harness();
      const a = await readJson(await h.submit(task));
      const b = await readJson(await h.submit(task));
      const withReason = await h.api("POST", `/projects/demo/tasks/${a.id}/reject`, {
        reason: "dup",
      });
      expect(await readJson(withReason)).toMatchObject({ status: "rejected", rejectReason: "dup" });
      const bare = await h.api("POST", `/projects/demo/tasks/${b.id}/reject`, {});
      expect(await readJson(bare)).toMatchObject({ status: "rejected", rejectReason: null });
    });

    it("refuses a reject reason over its limit with 400 and leaves the task pending", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task));
      const response = await h.api("POST", `/projects/demo/tasks/${id}/reject`, {
        reason: "r".repeat(1001),
      });
      expect(response.status).toBe(400);
      expect((await readJson(await h.api("GET", `/projects/demo/tasks/${id}`))).status).toBe(
        "pending",
      );
    });

    it("answers illegal transitions with 409 naming the current status", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task));
      const cancel = await h.api("POST", `/projects/demo/tasks/${id}/cancel`);
      expect(cancel.status).toBe(409);
      expect(await readJson(cancel)).toMatchObject({
        code: "TASK_STATUS_CONFLICT",
        detail: "Cannot cancel a task that is pending",
      });
      await h.api("POST", `/projects/demo/tasks/${id}/reject`, {});
      for (const action of ["approve", "reject", "cancel"]) {
        const body = action === "reject" ? {} : undefined;
        const response = await h.api("POST", `/projects/demo/tasks/${id}/${action}`, body);
        expect(response.status).toBe(409);
        expect((await readJson(response)).detail).toContain("rejected");
      }
    });

    it("approves a pending task into the queue", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task));
      const response = await h.api("POST", `/projects/demo/tasks/${id}/approve`);
      expect(response.status).toBe(200);
      const approved = await readJson(response);
      expect(approved.status).toBe("approved");
      expect(approved.approvedAt).toEqual(expect.any(String));
    });

    it("deletes a task that is not running; 404 afterwards", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task));
      expect((await h.api("DELETE", `/projects/demo/tasks/${id}`)).status).toBe(204);
      expect((await h.api("GET", `/projects/demo/tasks/${id}`)).status).toBe(404);
      expect(await h.stored()).toBe(0);
    });

    it("404s unknown tasks and tasks of another project", async () => {
      const h = await harness();
      const { id } = await readJson(await h.submit(task, "other"));
      for (const path of [`/projects/demo/tasks/${id}`, "/projects/demo/tasks/nope"]) {
        const response = await h.api("GET", path);
        expect(response.status).toBe(404);
        expect((await readJson(response)).code).toBe("TASK_NOT_FOUND");
      }
      expect((await h.api("POST", `/projects/demo/tasks/${id}/approve`)).status).toBe(404);
      expect((await h.api("GET", "/projects/ghost/tasks")).status).toBe(404);
    });
  });

  describe("issue 14.4: session memory after a long reply", () => {
    it("bounds the task stream's replay bytes by SSE_REPLAY_MAX_BYTES and reports them in /v1/healthz", async () => {
      const replayMaxBytes = 2048;
      const h = await harness({ apiToken: token, webhookSecret: secret, replayMaxBytes });
      for (let i = 0; i < 20; i++) expect((await h.submit(task)).status).toBe(201);
      const health = await readJson(await h.api("GET", "/healthz"));
      expect(health.sse.replayBytes.tasks).toBeGreaterThan(0);
      expect(health.sse.replayBytes.tasks).toBeLessThanOrEqual(replayMaxBytes);
      expect(health.sse.replayBytes.tasks).toBe(h.tasks.replayBytes);
    });
  });

  describe("GET /tasks/events with Accept: application/json", () => {
    const page = (h: Awaited<ReturnType<typeof harness>>, query: string, bearer?: string) =>
      h.app.request(`/v1/tasks/events?${query}`, {
        headers: {
          accept: "application/json",
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        },
      });

    it("pages the task events in order, with a cursor that ends at the newest id", async () => {
      const h = await harness();
      for (let i = 0; i < 5; i++) expect((await h.submit(task)).status).toBe(201);
      const seen: Array<{ id: number; event: { type: string; taskId: string } }> = [];
      let after = 0;
      let last: { hasMore: boolean; next: number; lastEventId: number } | undefined;
      do {
        const response = await page(h, `after=${after}&limit=2`, token);
        expect(response.status).toBe(200);
        last = await readJson(response);
        seen.push(...(last as unknown as { events: typeof seen }).events);
        after = last?.next ?? after;
      } while (last?.hasMore);
      expect(seen.length).toBeGreaterThanOrEqual(5);
      expect(seen.map((event) => event.id)).toEqual(
        [...seen.map((event) => event.id)].sort((a, b) => a - b),
      );
      expect(new Set(seen.map((event) => event.event.taskId)).size).toBe(5);
      expect(after).toBe(last?.lastEventId);
    });

    it("answers HEAD with the stream's headers, subscribing nothing", async () => {
      const h = await harness();
      const head = await h.api("HEAD", "/tasks/events");
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toContain("text/event-stream");
      expect(await head.text()).toBe("");
      expect((await h.tasks.events()).subscriberCount).toBe(0);
    });

    it("refuses a stream beyond SSE_MAX_STREAMS with 503 until one closes", async () => {
      const h = await harness({ apiToken: token, webhookSecret: secret, maxStreams: 1 });
      const open = () => {
        const controller = new AbortController();
        const response = h.app.request("/v1/tasks/events", {
          headers: { authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        return { response: Promise.resolve(response), close: () => controller.abort() };
      };
      const held = open();
      expect((await held.response).status).toBe(200);
      const refused = await open().response;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(await readJson(refused)).toMatchObject({ code: "STREAM_LIMIT_REACHED" });
      expect((await page(h, "after=0", token)).status).toBe(200);
      expect((await h.tasks.events()).subscriberCount).toBe(1);
      held.close();
      await (await held.response).body?.cancel().catch(() => undefined);
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        const next = open();
        status = (await next.response).status;
        next.close();
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(status).toBe(200);
    });

    it("answers 401 without the bearer token and 400 for a page over 1,000", async () => {
      const h = await harness();
      expect((await page(h, "after=0")).status).toBe(401);
      const tooMany = await page(h, "limit=1001", token);
      expect(tooMany.status).toBe(400);
      expect((await readJson(tooMany)).errors[0].path).toBe("query.limit");
    });
  });

  describe("lists", () => {
    it("filters by status and project, newest first, paged within the caps", async () => {
      const h = await harness();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await readJson(await h.submit({ ...task, title: `t${i}` }))).id);
      await h.submit(task, "other");
      await h.api("POST", `/projects/demo/tasks/${ids[0]}/reject`, {});

      const pending = await readJson(await h.api("GET", "/projects/demo/tasks?status=pending"));
      expect(pending.items.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
      expect(pending.total).toBe(2);
      expect(pending.items[0].prompt).toBeUndefined();

      const page = await readJson(await h.api("GET", "/projects/demo/tasks?limit=1&offset=1"));
      expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.items.map((t: { id: string }) => t.id)).toEqual([ids[1]]);

      const all = await readJson(await h.api("GET", "/tasks"));
      expect(all.total).toBe(4);
      const other = await readJson(await h.api("GET", "/tasks?projectId=other&status=pending"));
      expect(other.items.map((t: { projectId: string }) => t.projectId)).toEqual(["other"]);
    });

    it.each([
      "/projects/demo/tasks?limit=101",
      "/projects/demo/tasks?offset=10001",
      "/projects/demo/tasks?status=done",
      "/tasks?limit=0",
    ])("refuses %s with 400", async (path) => {
      const h = await harness();
      const response = await h.api("GET", path);
      expect(response.status).toBe(400);
      expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
    });

    it("404s an org list filtered by an unknown project", async () => {
      const h = await harness();
      expect((await h.api("GET", "/tasks?projectId=ghost")).status).toBe(404);
    });
  });

  it("documents the webhook's own security scheme", async () => {
    const h = await harness();
    const document = await readJson(await h.app.request("/openapi.json"));
    expect(document.components.securitySchemes.webhookSecret).toMatchObject({ scheme: "bearer" });
    const submit = document.paths["/v1/projects/{projectId}/tasks"].post;
    expect(submit.security).toEqual([{ webhookSecret: [] }]);
    expect(
      document.paths["/v1/projects/{projectId}/tasks/{taskId}/approve"].post.security,
    ).toBeUndefined();
  });
});
