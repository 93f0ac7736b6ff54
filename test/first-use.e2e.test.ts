import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "#test-support/api-client.js";
import { type Json, readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const webhookSecret = "first-use-hook-secret-0123456789abcdef";

describe("issue 14.11: creating a session names its model, or says how to get one (real server)", () => {
  const tempDir = useTempDirs();
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });

  /** A fresh server with no provider key anywhere: the state of a first start. */
  async function boot() {
    const config = loadConfig({
      WORKSPACE_DIR: await tempDir(),
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
      WEBHOOK_SECRET: webhookSecret,
    });
    const server = await startServer(config, silentLogger);
    running.push(server);
    const api = apiClient(server.url);
    expect((await api("/projects", { method: "POST", body: { name: "Demo" } })).status).toBe(201);
    expect(server.runtimes.org.modelRegistry.getAvailable()).toEqual([]);
    return { server, api };
  }

  it("answers 422 NO_MODEL_AVAILABLE, and creates on the default model once a key is stored as the detail says", async () => {
    const { api } = await boot();
    const refused = await api("/projects/demo/sessions", { method: "POST", body: {} });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const problem = await readJson(refused);
    expect(problem.code).toBe("NO_MODEL_AVAILABLE");
    expect(problem.detail).toContain("PUT /v1/auth/providers/{provider}/api-key");

    const stored = await api("/auth/providers/anthropic/api-key", {
      method: "PUT",
      body: { apiKey: "sk-ant-first-use-test" },
    });
    expect(stored.status).toBe(200);
    const created = await api("/projects/demo/sessions", { method: "POST", body: {} });
    expect(created.status).toBe(201);
    const body = await readJson(created);
    expect(body.settings.provider).toBe("anthropic");
    expect(body.settings.modelId).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toContain("sk-ant-first-use-test");
  });

  it("fails a task approved while no model is available with the same clear error", async () => {
    const { api } = await boot();
    const submitted = await api("/projects/demo/tasks", {
      method: "POST",
      body: { title: "First task", prompt: "say hi" },
      token: webhookSecret,
    });
    expect(submitted.status).toBe(201);
    const { id } = await readJson(submitted);
    expect((await api(`/projects/demo/tasks/${id}/approve`, { method: "POST" })).status).toBe(200);
    let task: Json = {};
    for (let i = 0; i < 400 && !["failed", "completed"].includes(task.status); i++) {
      task = await readJson(await api(`/projects/demo/tasks/${id}`));
      if (task.status !== "failed") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(task).toMatchObject({ status: "failed", sessionId: null, commit: null });
    expect(task.error).toContain("No model is available for a new session");
    expect(task.error).toContain("PUT /v1/auth/providers/{provider}/api-key");
  });
});
