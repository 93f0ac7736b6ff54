/** What the parts of bench:sse share: statistics, temp dirs, SSE readers and a server booted in process. */
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createParser } from "eventsource-parser";
import { installFauxProvider } from "#test-support/faux.js";
import { repoRoot } from "#test-support/processes.js";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/logging/logger.js";
import { type RunningServer, startServer } from "../../src/server/start-server.js";
import { feedSse } from "../lib/feed-sse.js";

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
export const ms = (value: number) => `${value.toFixed(3)} ms`;
const tempDirs: string[] = [];
export const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "bench-sse-"));
  tempDirs.push(dir);
  return dir;
};

export interface Reader {
  ids: number[];
  types: string[];
  heartbeats: number;
  close(): void;
}

export async function readSse(
  url: string,
  onEvent?: (id: number, at: number) => void,
  headers: Record<string, string> = {},
): Promise<Reader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.body) throw new Error(`no body from ${url}: ${response.status}`);
  const reader: Reader = { ids: [], types: [], heartbeats: 0, close: () => controller.abort() };
  const parser = createParser({
    onEvent: (event) => {
      const at = performance.now();
      const id = Number(event.id);
      reader.ids.push(id);
      reader.types.push(JSON.parse(event.data).type);
      onEvent?.(id, at);
    },
    onComment: (comment) => {
      if (comment.trim() === "heartbeat") reader.heartbeats += 1;
    },
  });
  feedSse(response.body, parser);
  return reader;
}

export async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("benchmark step timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const wallClock = () => performance.timeOrigin + performance.now();

interface RemoteRound {
  /** Resolves when every stream has seen `agent_end`. */
  finished: Promise<{ doneAt: number; deliveries: Array<[number, number]> }>;
}

/**
 * SSE readers in a separate process, so client parsing does not load the server; one
 * process serves every round, so rounds after the first find the client warm.
 */
export class RemoteReaders {
  readonly #child = fork(`${repoRoot}scripts/sse-reader-process.ts`, {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });

  /** Opens `urls` and resolves once every one is connected. */
  async open(urls: string[]): Promise<RemoteRound> {
    type Message = {
      opened?: boolean;
      done?: boolean;
      doneAt: number;
      deliveries: [number, number][];
    };
    let finish: (value: { doneAt: number; deliveries: Array<[number, number]> }) => void;
    const finished = new Promise<{ doneAt: number; deliveries: Array<[number, number]> }>(
      (resolve) => {
        finish = resolve;
      },
    );
    await new Promise<void>((opened) => {
      const onMessage = (message: Message) => {
        if (message.opened) opened();
        if (message.done) {
          this.#child.off("message", onMessage);
          finish(message);
        }
      };
      this.#child.on("message", onMessage);
      this.#child.send({ urls });
    });
    return { finished };
  }

  close(): void {
    this.#child.kill();
  }
}

export async function bootInProcess(tokensPerSecond: number) {
  const config = loadConfig({
    WORKSPACE_DIR: await tempDir(),
    AGENT_SERVER_PORT: "0",
    AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
    RUNTIME_IDLE_EVICT_MS: "0",
  });
  const server = await startServer(config, silentLogger);
  const faux = installFauxProvider(server.runtimes.org, { tokensPerSecond });
  const post = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${server.url}/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: string }>;
  };
  await post("/projects", { name: "bench" });
  const newSession = async () =>
    (await post("/projects/bench/sessions", { provider: "faux", modelId: faux.getModel().id })).id;
  return { server, faux, post, newSession };
}

export const eventsUrl = (server: RunningServer, sessionId: string) =>
  `${server.url}/v1/projects/bench/sessions/${sessionId}/events`;

/** Removes every directory `tempDir` made. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
