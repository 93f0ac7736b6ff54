import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAi } from "#test-support/fake-openai.js";
import { readJson } from "#test-support/json.js";
import { expectNoSecrets } from "#test-support/secret-scan.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { createLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const liteLlmKey = "sk-litellm-master-secret";
const groqEnvKey = "gsk-env-secret-for-boot";
const ended = (events: ReceivedEvent[]) => events.some((event) => event.data.type === "agent_end");

describe("the litellm provider end to end", () => {
  const tempDir = useTempDirs();
  const running: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((item) => item.stop()));
  });

  async function boot(env: Record<string, string>) {
    const fake = await startFakeOpenAi(["Hello", " from", " LiteLLM"]);
    running.push({ stop: () => fake.close() });
    const logs: string[] = [];
    const config = loadConfig({
      WORKSPACE_DIR: await tempDir(),
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
      LITELLM_BASE_URL: fake.url,
      LITELLM_API_KEY: liteLlmKey,
      ...env,
    });
    const server: RunningServer = await startServer(
      config,
      createLogger({ level: "debug", write: (line) => logs.push(line) }),
    );
    running.unshift(server);
    const bodies: string[] = [];
    const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${server.url}/v1${path}`, {
        method: init.method ?? "GET",
        ...(init.body === undefined
          ? {}
          : { body: JSON.stringify(init.body), headers: { "content-type": "application/json" } }),
      });
      bodies.push(await response.clone().text());
      return response;
    };
    return { fake, server, api, logs, bodies };
  }

  async function promptAndWait(
    { server, api }: Awaited<ReturnType<typeof boot>>,
    sessionId: string,
    text: string,
  ) {
    const stream = await openSse(`${server.url}/v1/projects/demo/sessions/${sessionId}/events`);
    const prompt = await api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text },
    });
    expect(prompt.status).toBe(202);
    await stream.waitFor(ended);
    stream.close();
    return stream;
  }

  it("streams a prompt through litellm to an OpenAI-compatible server and back over SSE", async () => {
    const booted = await boot({
      LITELLM_MODELS: "test/echo",
      LITELLM_DEFAULT_MODEL: "test/echo",
      GROQ_API_KEY: groqEnvKey,
    });
    const { api, fake, logs, bodies, server } = booted;
    const models = await readJson(await api("/sessions/models?provider=litellm"));
    expect(models.defaultModel).toEqual({ provider: "litellm", modelId: "test/echo" });
    expect(models.items).toEqual([
      expect.objectContaining({ id: "test/echo", api: "openai-completions", authAvailable: true }),
    ]);

    await api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await api("/projects/demo/sessions", { method: "POST", body: {} });
    expect(created.status).toBe(201);
    const sessionId = (await readJson(created)).id as string;
    const settings = await readJson(await api(`/projects/demo/sessions/${sessionId}/settings`));
    expect(settings).toMatchObject({ provider: "litellm", modelId: "test/echo" });

    const stream = await promptAndWait(booted, sessionId, "say hello");
    const deltas = stream.events
      .filter((event) => event.data.assistantMessageEvent?.type === "text_delta")
      .map((event) => event.data.assistantMessageEvent.delta)
      .join("");
    expect(deltas).toBe("Hello from LiteLLM");

    const request = fake.requests.find((r) => r.url.endsWith("/chat/completions"));
    expect(request?.headers.authorization).toBe(`Bearer ${liteLlmKey}`);
    expect(request?.body).toMatchObject({ model: "test/echo", stream: true });
    expect(JSON.stringify(request?.body.messages)).toContain("say hello");

    const providers = await readJson(await api("/auth/providers"));
    expect(
      providers.items.find((p: { provider: string }) => p.provider === "litellm"),
    ).toMatchObject({
      authAvailable: true,
      credentials: [{ source: "server_config", variable: "LITELLM_API_KEY" }],
    });
    expect(providers.items.find((p: { provider: string }) => p.provider === "groq")).toMatchObject({
      authAvailable: true,
      credentials: [{ source: "environment", variable: "GROQ_API_KEY" }],
    });
    const authFile = join(server.registry.layout.globalDir, "auth.json");
    expect(existsSync(authFile) ? await readFile(authFile, "utf8") : "").not.toContain(groqEnvKey);
    expectNoSecrets([...bodies, ...logs, stream.raw()], [liteLlmKey, groqEnvKey]);
  });

  it("starts sessions at the configured default thinking level and sends the preset's thinking map upstream", async () => {
    const booted = await boot({
      LITELLM_MODELS_JSON: JSON.stringify([
        { id: "deepseek/deepseek-v4-flash", defaultThinkingLevel: "xhigh" },
      ]),
    });
    const { api, fake } = booted;
    const models = await readJson(await api("/sessions/models?provider=litellm"));
    expect(models.items[0]).toMatchObject({
      id: "deepseek/deepseek-v4-flash",
      reasoning: true,
      thinkingLevels: ["off", "high", "xhigh"],
      defaultThinkingLevel: "xhigh",
      contextWindow: 1_000_000,
      maxTokens: 384_000,
    });
    await api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "litellm", modelId: "deepseek/deepseek-v4-flash" },
    });
    const sessionId = (await readJson(created)).id as string;
    const settings = await readJson(await api(`/projects/demo/sessions/${sessionId}/settings`));
    expect(settings.thinkingLevel).toBe("xhigh");
    await promptAndWait(booted, sessionId, "think");
    const request = fake.requests.find((r) => r.url.endsWith("/chat/completions"));
    expect(request?.body).toMatchObject({
      model: "deepseek/deepseek-v4-flash",
      thinking: { type: "enabled" },
      reasoning_effort: "max",
      max_tokens: expect.any(Number),
    });
  });
});
