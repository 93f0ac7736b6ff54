import { afterEach, expect } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/logging/logger.js";
import { type RunningServer, startServer } from "../../src/server/start-server.js";
import { installFauxProvider } from "./faux.js";
import { readJson } from "./json.js";

export type Api = (
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Response>;

export interface BootedServer {
  server: RunningServer;
  faux: ReturnType<typeof installFauxProvider>;
  /** Calls `/v1{path}` with the configured token, JSON-encoding `body`. */
  api: Api;
  /** Creates project `demo` (if needed) and a faux-model session in it; returns its id. */
  newSession(): Promise<string>;
  /** Polls the session detail until its status is `idle`. */
  waitUntilIdle(sessionId: string): Promise<void>;
  eventsUrl(sessionId: string): string;
}

/**
 * Starts real listening servers with pi's faux provider installed, and stops them after
 * each test. Call once per `describe`.
 */
export function useSessionServers() {
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  async function boot(
    workspaceDir: string,
    options: { env?: Record<string, string>; tokensPerSecond?: number } = {},
  ): Promise<BootedServer> {
    const env: Record<string, string> = {
      WORKSPACE_DIR: workspaceDir,
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
      ...options.env,
    };
    const server = await startServer(loadConfig(env), silentLogger);
    servers.push(server);
    const faux = installFauxProvider(server.runtimes.org, {
      tokensPerSecond: options.tokensPerSecond ?? 0,
    });
    const token = env.AGENT_SERVER_TOKEN;
    const api: Api = (path, init = {}) =>
      fetch(`${server.url}/v1${path}`, {
        method: init.method ?? "GET",
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    return {
      server,
      faux,
      api,
      async newSession() {
        await api("/projects", { method: "POST", body: { name: "Demo" } });
        const created = await api("/projects/demo/sessions", {
          method: "POST",
          body: { provider: "faux", modelId: faux.getModel().id },
        });
        expect(created.status).toBe(201);
        return (await readJson(created)).id as string;
      },
      async waitUntilIdle(sessionId) {
        for (let i = 0; i < 500; i++) {
          const detail = await readJson(await api(`/projects/demo/sessions/${sessionId}`));
          if (detail.status === "idle") return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error("session never became idle");
      },
      eventsUrl: (sessionId) => `${server.url}/v1/projects/demo/sessions/${sessionId}/events`,
    };
  }

  /** Stops a server booted by `boot` before the test ends (e.g. to restart it). */
  async function stop(booted: BootedServer): Promise<void> {
    servers.splice(servers.indexOf(booted.server), 1);
    await booted.server.stop();
    booted.faux.unregister();
  }

  return { boot, stop };
}
