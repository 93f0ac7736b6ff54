import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "#test-support/api-client.js";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { bootTaskServer, webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

/**
 * A loopback port whose every connection is reset before a byte is answered, as a provider
 * that is down looks to its client. The port stays held for the whole test, so no other
 * test's server can be given it (a port merely probed and released could be).
 */
async function resettingPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const listener = createServer((socket) => socket.resetAndDestroy());
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const { port } = listener.address() as { port: number };
  return { port, close: () => new Promise<void>((resolve) => listener.close(() => resolve())) };
}

const terminal = (task: Json) => ["completed", "failed", "cancelled"].includes(task.status);

describe("issue 14.1: a task whose model call fails ends failed", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  const providers: Array<{ close: () => Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await Promise.all(providers.splice(0).map((provider) => provider.close()));
  });

  async function boot(
    retry: { enabled: boolean; maxRetries: number; baseDelayMs: number },
    env: Record<string, string> = {},
  ) {
    const workspace = await tempDir();
    const provider = await resettingPort();
    providers.push(provider);
    const server = await startServer(
      loadConfig({
        WORKSPACE_DIR: workspace,
        AGENT_SERVER_PORT: "0",
        AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
        WEBHOOK_SECRET: webhookSecret,
        LITELLM_BASE_URL: `http://127.0.0.1:${provider.port}/v1`,
        LITELLM_API_KEY: "sk-unreachable",
        LITELLM_MODELS: "test/down",
        LITELLM_DEFAULT_MODEL: "test/down",
        ...env,
      }),
      silentLogger,
    );
    servers.push(server);
    await writeFile(
      join(workspace, ".pi-global", "settings.json"),
      // The provider client's own retries are off so each pi attempt is one reset call.
      JSON.stringify({
        defaultProvider: "litellm",
        defaultModel: "test/down",
        retry: { ...retry, provider: { maxRetries: 0 } },
      }),
    );
    const api = apiClient(server.url);
    expect((await api("/projects", { method: "POST", body: { name: "demo" } })).status).toBe(201);
    return { server, api };
  }

  async function runTask(api: Awaited<ReturnType<typeof boot>>["api"]): Promise<Json> {
    const submitted = await api("/projects/demo/tasks", {
      method: "POST",
      body: { title: "Unreachable model", prompt: "say hi" },
      token: webhookSecret,
    });
    const { id } = await readJson(submitted);
    expect((await api(`/projects/demo/tasks/${id}/approve`, { method: "POST" })).status).toBe(200);
    for (let i = 0; i < 400; i++) {
      const task = await readJson(await api(`/projects/demo/tasks/${id}`));
      if (terminal(task)) return task;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the task never finished");
  }

  /** The session's whole event history, replayed from the start. */
  async function history(server: RunningServer, sessionId: string): Promise<ReceivedEvent[]> {
    const stream = await openSse(`${server.url}/v1/projects/demo/sessions/${sessionId}/events`, {
      lastEventId: 0,
    });
    await stream.waitFor((events) => events.some((event) => event.data.type === "task_status"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    stream.close();
    return stream.events;
  }

  it("fails with the provider's error once pi's automatic retries give up", async () => {
    const { server, api } = await boot({ enabled: true, maxRetries: 2, baseDelayMs: 50 });
    const task = await runTask(api);

    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/connection error/i);
    expect(task.commit).toBeNull();

    // Nothing is retried after the task was recorded finished.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const events = (await history(server, task.sessionId)).map((event) => event.data);
    const finished = events.findIndex(
      (event) => event.type === "task_status" && event.status === "failed",
    );
    expect(finished).toBeGreaterThan(0);
    const retries = events.filter((event) => event.type === "auto_retry_start");
    expect(retries).toHaveLength(2);
    expect(events.slice(0, finished)).toContainEqual(
      expect.objectContaining({ type: "auto_retry_end", success: false }),
    );
    const after = events.slice(finished + 1).map((event) => event.type);
    expect(after).not.toContain("auto_retry_start");
    expect(after).not.toContain("agent_start");
  }, 30_000);

  it("fails with the provider's error when automatic retry is off", async () => {
    const { api } = await boot({ enabled: false, maxRetries: 0, baseDelayMs: 50 });
    const task = await runTask(api);

    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/connection error/i);
    expect(task.commit).toBeNull();
  }, 30_000);

  it("cancels a retry that is still waiting when the task times out", async () => {
    const { server, api } = await boot(
      { enabled: true, maxRetries: 5, baseDelayMs: 60_000 },
      { TASK_TIMEOUT_MS: "5000" },
    );
    const task = await runTask(api);

    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/Timed out/);
    const events = (await history(server, task.sessionId)).map((event) => event.data);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "auto_retry_end", success: false }),
    );
  }, 30_000);

  it("completes with the reply when one of pi's retries succeeds", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace);
    servers.push(t.server);
    await writeFile(
      join(workspace, ".pi-global", "settings.json"),
      JSON.stringify({
        defaultProvider: "faux",
        defaultModel: t.faux.getModel().id,
        retry: { enabled: true, maxRetries: 3, baseDelayMs: 20 },
      }),
    );
    t.faux.setResponses([
      fauxAssistantMessage("", { stopReason: "error", errorMessage: "503 Service Unavailable" }),
      fauxAssistantMessage("Recovered and done."),
    ]);
    expect((await t.api("/projects", { method: "POST", body: { name: "demo" } })).status).toBe(201);
    const { id } = await readJson(await t.submit("demo", { title: "Flaky", prompt: "say hi" }));
    await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    const task = await t.waitForTask("demo", id, terminal);

    expect(task.status).toBe("completed");
    expect(task.error).toBeNull();
    expect(task.resultText).toBe("Recovered and done.");
  }, 30_000);
});
