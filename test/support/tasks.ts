import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FauxProviderRegistration } from "@mariozechner/pi-ai";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/logging/logger.js";
import { type RunningServer, startServer } from "../../src/server/start-server.js";
import { fauxAssistantMessage, fauxToolCall, installFauxProvider } from "./faux.js";
import { type Json, readJson } from "./json.js";

export const webhookSecret = "hook-secret-for-tests-0123456789abcdef";
export const apiToken = "api-token-for-tests-0123456789abcdefgh";

export interface TaskTestServer {
  server: RunningServer;
  faux: FauxProviderRegistration;
  api(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<Response>;
  /** POSTs a task to the project's webhook with the webhook secret. */
  submit(projectId: string, body: unknown, token?: string): Promise<Response>;
  /** Polls a task until `predicate` holds. */
  waitForTask(projectId: string, taskId: string, predicate: (task: Json) => boolean): Promise<Json>;
}

/**
 * Starts a real server with the webhook enabled, the faux provider installed and made
 * the org's default model, so task sessions run scripted turns.
 */
export async function bootTaskServer(
  workspaceDir: string,
  env: Record<string, string> = {},
): Promise<TaskTestServer> {
  const config = loadConfig({
    WORKSPACE_DIR: workspaceDir,
    AGENT_SERVER_PORT: "0",
    AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
    WEBHOOK_SECRET: webhookSecret,
    ...env,
  });
  const server = await startServer(config, silentLogger);
  const faux = installFauxProvider(server.runtimes.org);
  await writeFile(
    join(workspaceDir, ".pi-global", "settings.json"),
    JSON.stringify({ defaultProvider: "faux", defaultModel: faux.getModel().id }),
  );
  const token = env.AGENT_SERVER_TOKEN;
  const api: TaskTestServer["api"] = (path, init = {}) => {
    const headers: Record<string, string> = {};
    const bearer = init.token ?? token;
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${server.url}/v1${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  };
  const submit: TaskTestServer["submit"] = (projectId, body, secret = webhookSecret) =>
    api(`/projects/${projectId}/tasks`, { method: "POST", body, token: secret });
  const waitForTask: TaskTestServer["waitForTask"] = async (projectId, taskId, predicate) => {
    let last: Json;
    for (let i = 0; i < 600; i++) {
      last = await readJson(await api(`/projects/${projectId}/tasks/${taskId}`));
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`task never matched; last: ${JSON.stringify(last)}`);
  };
  return { server, faux, api, submit, waitForTask };
}

const delay = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

export interface ScriptedAgentOptions {
  /** How long each model call takes (aborts cut it short). Default 0. */
  delayMs?: number | ((prompt: string, turn: "first" | "final") => number);
  /** Called with the task prompt when a run's first model call starts. */
  onStart?: (prompt: string) => void;
  /** Called when a run's last model call finishes. */
  onEnd?: (prompt: string) => void;
  /** The answer to a prompt that is not `write <path> <content>`; `Wrote nothing.` when undefined. */
  reply?: (prompt: string) => string | undefined;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((block: { text?: string }) => block.text ?? "").join("");
}

/**
 * A faux agent for task prompts of the form `write <path> <content>`: its first turn
 * calls pi's write tool, its second says `Wrote <path>.`. Works for any number of
 * concurrent runs because each reply is derived from the run's own context.
 */
export function scriptTaskAgent(
  faux: FauxProviderRegistration,
  options: ScriptedAgentOptions = {},
  runs = 40,
): void {
  const step = async (
    context: { messages: Array<{ role: string; content: unknown }> },
    streamOptions: { signal?: AbortSignal } | undefined,
  ) => {
    const prompt = textOf(context.messages.find((m) => m.role === "user")?.content);
    const last = context.messages.at(-1);
    const match = prompt.match(/^write (\S+) (.*)$/s);
    if (last?.role !== "toolResult") options.onStart?.(prompt);
    const turn = last?.role === "toolResult" ? "final" : "first";
    const ms =
      typeof options.delayMs === "function" ? options.delayMs(prompt, turn) : options.delayMs;
    await delay(ms ?? 0, streamOptions?.signal);
    if (last?.role === "toolResult" || !match) {
      options.onEnd?.(prompt);
      const reply = match ? undefined : options.reply?.(prompt);
      return fauxAssistantMessage(reply ?? `Wrote ${match?.[1] ?? "nothing"}.`);
    }
    return fauxAssistantMessage([fauxToolCall("write", { path: match[1], content: match[2] })], {
      stopReason: "toolUse",
    });
  };
  faux.appendResponses(Array.from({ length: runs * 2 }, () => step as never));
}
