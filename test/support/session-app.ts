import { afterEach, expect } from "vitest";
import type { Logger } from "../../src/logging/logger.js";
import type { ProjectRegistry } from "../../src/projects/project-registry.js";
import { createApp } from "../../src/server/create-app.js";
import { createInMemoryServices } from "../../src/server/in-memory-services.js";
import type { Services } from "../../src/server/services.js";
import type { RuntimeManager } from "../../src/sessions/runtime-manager.js";
import type { EventLogStore } from "../../src/storage/index.js";
import { installFauxProvider } from "./faux.js";
import { readJson } from "./json.js";

/** A faux model without reasoning (pi-ai's default) and one with it. */
export const fauxModels = { plain: "faux-1", reasoning: "faux-reasoning" } as const;

export interface SessionApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  registry: ProjectRegistry;
  runtimes: RuntimeManager;
  faux: ReturnType<typeof installFauxProvider>;
  /**
   * `app.request` on `/v1{path}` with a JSON body. Sends the configured token unless
   * `token` is given (`null` sends no `Authorization` header).
   */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Creates project `demo` if needed; returns `/projects/demo/sessions`. */
  project(): Promise<string>;
  /** Creates a session in project `demo` (default: the plain faux model); returns its id. */
  session(body?: Record<string, unknown>): Promise<string>;
  /** Polls the session detail until its status is `status`. */
  waitForStatus(sessionId: string, status: string): Promise<void>;
}

/**
 * Builds the full app in-process over services in a temp dir with pi-ai's faux provider
 * installed on the org, and disposes it all after each test. Call once per `describe`.
 */
export function useSessionApps() {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  return async function build(
    workspaceDir: string,
    options: {
      apiToken?: string;
      tokensPerSecond?: number;
      replayMaxBytes?: number;
      maxStreams?: number;
      maxStreamsPerToken?: number;
      eventLogs?: EventLogStore;
      logger?: Logger;
    } = {},
  ): Promise<SessionApp> {
    const services = await createInMemoryServices({
      workspaceDir,
      version: "test",
      replayMaxBytes: options.replayMaxBytes,
      maxStreams: options.maxStreams,
      maxStreamsPerToken: options.maxStreamsPerToken,
      ...(options.eventLogs ? { eventLogs: options.eventLogs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const { registry, runtimes } = services;
    const faux = installFauxProvider(services.credentials.org, {
      tokensPerSecond: options.tokensPerSecond ?? 0,
      models: [{ id: fauxModels.plain }, { id: fauxModels.reasoning, reasoning: true }],
    });
    cleanups.push(async () => {
      await services.stop();
      await services.close();
      faux.unregister();
    });
    const app = createApp(services, { apiToken: options.apiToken });
    const call: SessionApp["call"] = (method, path, { body, token, headers = {} } = {}) => {
      const all: Record<string, string> = { ...headers };
      const bearer = token === undefined ? options.apiToken : token;
      if (bearer !== undefined && bearer !== null) all.authorization = `Bearer ${bearer}`;
      const init: RequestInit = { method, headers: all };
      if (body !== undefined) {
        all["content-type"] ??= "application/json";
        init.body = typeof body === "string" ? body : JSON.stringify(body);
      }
      return Promise.resolve(app.request(`/v1${path}`, init));
    };
    const project = async () => {
      if (!registry.get("demo")) {
        const created = await call("POST", "/projects", { body: { name: "demo" } });
        expect(created.status).toBe(201);
      }
      return "/projects/demo/sessions";
    };
    return {
      app,
      services,
      registry,
      runtimes,
      faux,
      call,
      project,
      async session(body = { provider: "faux", modelId: fauxModels.plain }) {
        const created = await call("POST", await project(), { body });
        expect(created.status).toBe(201);
        return (await readJson(created)).id as string;
      },
      async waitForStatus(sessionId, status) {
        let last = "";
        for (let i = 0; i < 500; i++) {
          const detail = await readJson(await call("GET", `/projects/demo/sessions/${sessionId}`));
          last = detail.status;
          if (last === status) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`session stayed ${last}, never became ${status}`);
      },
    };
  };
}

/** A model the registry knows but has no credentials for (no env key, nothing stored). */
export function modelWithoutCredentials(t: SessionApp) {
  const registry = t.runtimes.org.modelRegistry;
  const model = registry.getAll().find((candidate) => !registry.hasConfiguredAuth(candidate));
  if (!model) throw new Error("every known model has credentials; cannot test the refusal");
  return { provider: model.provider, modelId: model.id };
}

/** One session route: its operationId, method, path under a session collection and a valid body. */
export interface SessionRouteCase {
  operationId: string;
  method: string;
  path: (sessionId: string) => string;
  body?: unknown;
}

/** Every session route, each with a body its validation accepts. */
export const sessionRoutes: SessionRouteCase[] = [
  { operationId: "sessions.list", method: "GET", path: () => "" },
  { operationId: "sessions.create", method: "POST", path: () => "", body: {} },
  { operationId: "sessions.get", method: "GET", path: (id) => `/${id}` },
  { operationId: "sessions.rename", method: "PATCH", path: (id) => `/${id}`, body: { name: "x" } },
  { operationId: "sessions.delete", method: "DELETE", path: (id) => `/${id}` },
  { operationId: "sessions.getSettings", method: "GET", path: (id) => `/${id}/settings` },
  {
    operationId: "sessions.updateSettings",
    method: "PATCH",
    path: (id) => `/${id}/settings`,
    body: { thinkingLevel: "off" },
  },
  {
    operationId: "sessions.prompt",
    method: "POST",
    path: (id) => `/${id}/prompt`,
    body: { text: "hi" },
  },
  {
    operationId: "sessions.steer",
    method: "POST",
    path: (id) => `/${id}/steer`,
    body: { text: "hi" },
  },
  {
    operationId: "sessions.followUp",
    method: "POST",
    path: (id) => `/${id}/follow-up`,
    body: { text: "hi" },
  },
  { operationId: "sessions.abort", method: "POST", path: (id) => `/${id}/abort` },
  { operationId: "sessions.compact", method: "POST", path: (id) => `/${id}/compact`, body: {} },
  { operationId: "sessions.listQueue", method: "GET", path: (id) => `/${id}/queue` },
  {
    operationId: "sessions.cancelQueuedPrompt",
    method: "DELETE",
    path: (id) => `/${id}/queue/item-1`,
  },
  { operationId: "sessions.stats", method: "GET", path: (id) => `/${id}/stats` },
  { operationId: "sessions.commands", method: "GET", path: (id) => `/${id}/commands` },
  { operationId: "sessions.listUiRequests", method: "GET", path: (id) => `/${id}/extension-ui` },
  {
    operationId: "sessions.answerUiRequest",
    method: "POST",
    path: (id) => `/${id}/extension-ui/req-1/response`,
    body: { cancelled: true },
  },
  { operationId: "sessions.events", method: "GET", path: (id) => `/${id}/events` },
  {
    operationId: "sessions.createStreamTicket",
    method: "POST",
    path: (id) => `/${id}/events/tickets`,
  },
];
