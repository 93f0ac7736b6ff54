import type { AssistantMessage, Context } from "@mariozechner/pi-ai";
import { expect } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/logging/logger.js";
import { type RunningServer, startServer } from "../../src/server/start-server.js";
import { fauxAssistantMessage, fauxToolCall, installFauxProvider } from "./faux.js";
import { type Json, readJson } from "./json.js";

export type Faux = ReturnType<typeof installFauxProvider>;

export interface BootedServer {
  server: RunningServer;
  faux: Faux;
  /** `fetch` against `/v1` with a JSON body and the configured token. */
  api(
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null },
  ): Promise<Response>;
  /** The parsed JSON body of an API call that must answer `status`. */
  json(path: string, status: number, init?: { method?: string; body?: unknown }): Promise<Json>;
}

/** Starts a real server on a free port over `workspaceDir`, with the faux provider. */
export async function bootServer(
  workspaceDir: string,
  options: { token?: string } = {},
): Promise<BootedServer> {
  const config = loadConfig({
    WORKSPACE_DIR: workspaceDir,
    AGENT_SERVER_PORT: "0",
    AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
    ...(options.token ? { AGENT_SERVER_TOKEN: options.token } : {}),
  });
  const server = await startServer(config, silentLogger);
  const faux = installFauxProvider(server.runtimes.org);
  const api: BootedServer["api"] = (path, init = {}) => {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? options.token : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${server.url}/v1${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
  };
  const json: BootedServer["json"] = async (path, status, init) => {
    const response = await api(path, init);
    const body = await readJson(response);
    expect(response.status, `${init?.method ?? "GET"} ${path}: ${JSON.stringify(body)}`).toBe(
      status,
    );
    return body;
  };
  return { server, faux, api, json };
}

/** Creates project `demo` (idempotent) and a faux-backed session in it; returns its id. */
export async function createSession(booted: BootedServer): Promise<string> {
  await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
  const created = await booted.json("/projects/demo/sessions", 201, {
    method: "POST",
    body: { provider: "faux", modelId: booted.faux.getModel().id },
  });
  return created.id as string;
}

/** Polls the session until it is idle again. */
export async function waitUntilIdle(booted: BootedServer, sessionId: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const detail = await booted.json(`/projects/demo/sessions/${sessionId}`, 200);
    if (detail.status === "idle") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("session never became idle");
}

export interface Script {
  /** Every context the model received, in order. */
  contexts: Context[];
  /** The text of each `ask_user` result the model received, in order. */
  answers(): string[];
}

/**
 * Scripts the model to call `ask_user` once per question, then reply `final`, recording
 * every context it is sent (tools, system prompt, tool results).
 */
export function scriptAskUser(faux: Faux, questions: string[], final = "All done."): Script {
  const contexts: Context[] = [];
  const record = (message: AssistantMessage) => (context: Context) => {
    contexts.push(JSON.parse(JSON.stringify(context)) as Context);
    return message;
  };
  faux.setResponses([
    ...questions.map((question) =>
      record(
        fauxAssistantMessage([fauxToolCall("ask_user", { question })], { stopReason: "toolUse" }),
      ),
    ),
    record(fauxAssistantMessage(final)),
  ]);
  return {
    contexts,
    answers: () =>
      contexts.slice(1).map((context) => {
        const result = context.messages.at(-1);
        if (result?.role !== "toolResult") throw new Error("expected a tool result last");
        const block = result.content[0];
        return block?.type === "text" ? block.text : "";
      }),
  };
}

export const toolNames = (context: Context | undefined) =>
  (context?.tools ?? []).map((tool) => tool.name);
