/**
 * Event fan-out and streaming benchmarks (targets in SPEC §11):
 *   1. server-added latency, pi emitting an event → an HTTP SSE subscriber receiving it,
 *      with 100 subscribers on one session (p50 / p99);
 *   2. a scripted run over HTTP + SSE vs the same run in-process through the SDK (ratio);
 *   3. 1,000 idle SSE connections held across a heartbeat: server RSS (separate process);
 *   4. 50 concurrent streaming sessions: events lost (must be 0);
 *   5. a client reconnecting with Last-Event-ID 0 to a session of 10,000 events, most of
 *      them no longer in memory: time until the last one arrives (p50 of 5).
 * Usage: npm run bench:sse [-- --only=1,2,3,4,5]
 */
import { fork } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createParser } from "eventsource-parser";
import {
  fauxAssistantMessage,
  fauxText,
  fauxToolCall,
  installFauxProvider,
} from "#test-support/faux.js";
import { repoRoot, startServerProcess } from "#test-support/processes.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { defaultResourceOptions, openAgentSession } from "../src/pi/agent-sessions.js";
import { AgentSandbox } from "../src/sandbox/index.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(3)} ms`;
const tempDirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "bench-sse-"));
  tempDirs.push(dir);
  return dir;
};

interface Reader {
  ids: number[];
  types: string[];
  heartbeats: number;
  close(): void;
}

async function readSse(
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
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // Closed by the benchmark.
    }
  })();
  return reader;
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("benchmark step timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const wallClock = () => performance.timeOrigin + performance.now();

interface RemoteRound {
  /** Resolves when every stream has seen `agent_end`. */
  finished: Promise<{ doneAt: number; deliveries: Array<[number, number]> }>;
}

/**
 * SSE readers in a separate process, so client parsing does not load the server; one
 * process serves every round, so rounds after the first find the client warm.
 */
class RemoteReaders {
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

async function bootInProcess(tokensPerSecond: number) {
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

const eventsUrl = (server: RunningServer, sessionId: string) =>
  `${server.url}/v1/projects/bench/sessions/${sessionId}/events`;

async function fanOutLatency(): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(2000);
  const sessionId = await newSession();
  const live = await server.runtimes.get("bench").getSession(sessionId);
  const emittedAt = new Map<number, number>();
  // When pi emits an event, before the server touches it: the first tap stage sees it
  // just before the hub gives it the next id (a plain reply adds no ask-user events).
  live.tap("ask-user", () => emittedAt.set(live.hub.lastId + 1, wallClock()));
  const deliveries: Array<[number, number]> = [];
  const readers = new RemoteReaders();
  // Round 0 warms the reader process (and the server's stream path) and is not counted.
  for (let run = 0; run <= 5; run++) {
    const round = await readers.open(
      Array.from(
        { length: 100 },
        () => `${eventsUrl(server, sessionId)}?lastEventId=${live.hub.lastId}`,
      ),
    );
    faux.setResponses([fauxAssistantMessage("streamed word ".repeat(150))]);
    await post(`/projects/bench/sessions/${sessionId}/prompt`, { text: "go" });
    const { deliveries: delivered } = await round.finished;
    if (run > 0) deliveries.push(...delivered);
    await until(() => live.status === "idle");
  }
  readers.close();
  const latencies = deliveries.flatMap(([id, at]) => {
    const t0 = emittedAt.get(id);
    return t0 === undefined ? [] : [at - t0];
  });
  if (process.env.FANOUT_DETAIL) {
    const byId = new Map<number, number[]>();
    for (const [id, at] of deliveries) {
      const t0 = emittedAt.get(id);
      if (t0 === undefined) continue;
      const list = byId.get(id) ?? [];
      list.push(at - t0);
      byId.set(id, list);
    }
    const mins: number[] = [];
    const spreads: number[] = [];
    const worst: Array<[number, number, number]> = [];
    for (const [id, list] of byId) {
      const min = Math.min(...list);
      const max = Math.max(...list);
      mins.push(min);
      spreads.push(max - min);
      worst.push([id, min, max]);
    }
    worst.sort((a, b) => b[2] - a[2]);
    console.log(
      `first subscriber p50 ${ms(percentile(mins, 50))} p99 ${ms(percentile(mins, 99))}; spread p50 ${ms(percentile(spreads, 50))} p99 ${ms(percentile(spreads, 99))}`,
    );
    console.log(
      "worst events [id, min, max]:",
      worst
        .slice(0, 12)
        .map((w) => w.map((v) => v.toFixed(1)).join("/"))
        .join("  "),
    );
  }
  await server.stop();
  console.log(
    `1. fan-out, 100 subscribers, ${latencies.length / 100} events (${latencies.length} deliveries): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(percentile(latencies, 100))}`,
  );
}

function scriptedRun() {
  const turns = Array.from({ length: 5 }, (_, i) =>
    fauxAssistantMessage(
      [
        fauxText(`Step ${i}: writing a file. `.repeat(20)),
        fauxToolCall("write", { path: `f${i}.txt`, content: "x".repeat(500) }),
      ],
      { stopReason: "toolUse" },
    ),
  );
  return [...turns, fauxAssistantMessage("All done. ".repeat(50))];
}

async function overhead(tokensPerSecond: number, runs: number): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(tokensPerSecond);
  const org = server.runtimes.org;
  const inProcess: number[] = [];
  const overHttp: number[] = [];
  const readers = new RemoteReaders();
  for (let run = 0; run < runs; run++) {
    const cwd = await tempDir();
    const sessionsDir = join(cwd, ".sessions");
    await mkdir(sessionsDir);
    const session = await openAgentSession(
      { org, cwd, sessionsDir, resources: defaultResourceOptions, sandbox: new AgentSandbox() },
      { provider: "faux", modelId: faux.getModel().id },
    );
    faux.setResponses(scriptedRun());
    let ended = false;
    session.subscribe((event) => {
      if (event.type === "agent_end") ended = true;
    });
    const t0 = performance.now();
    await session.prompt("run the script");
    await until(() => ended);
    inProcess.push(performance.now() - t0);
    session.dispose();

    const sessionId = await newSession();
    const round = await readers.open([eventsUrl(server, sessionId)]);
    faux.setResponses(scriptedRun());
    const t1 = wallClock();
    await post(`/projects/bench/sessions/${sessionId}/prompt`, { text: "run the script" });
    overHttp.push((await round.finished).doneAt - t1);
  }
  readers.close();
  await server.stop();
  const a = percentile(inProcess, 50);
  const b = percentile(overHttp, 50);
  const rate = tokensPerSecond === 0 ? "unthrottled" : `${tokensPerSecond} tokens/s`;
  console.log(
    `2. scripted run (5 tool turns, ${rate}), median of ${runs}: in-process ${ms(a)}, HTTP+SSE ${ms(b)}, ratio ${(b / a).toFixed(3)}`,
  );
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

async function idleConnections(count: number): Promise<void> {
  const workspace = await tempDir();
  const proc = await startServerProcess({ WORKSPACE_DIR: workspace });
  const pid = proc.child.pid ?? 0;
  try {
    const post = (path: string, body: unknown) =>
      fetch(`${proc.url}/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ id: string }>);
    // Sessions need a model with credentials; this one is never called.
    await fetch(`${proc.url}/v1/custom/providers`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        provider: "idle",
        baseUrl: "http://127.0.0.1:9/v1",
        api: "openai-completions",
        apiKey: "idle",
        models: [{ id: "idle-1" }],
      }),
    });
    await post("/projects", { name: "bench" });
    const sessions = await Promise.all(
      Array.from({ length: 10 }, () => post("/projects/bench/sessions", {})),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await rssOf(pid);
    const readers: Reader[] = [];
    for (let i = 0; i < count; i++) {
      const session = sessions[i % sessions.length] as { id: string };
      readers.push(await readSse(`${proc.url}/v1/projects/bench/sessions/${session.id}/events`));
    }
    const health = (await fetch(`${proc.url}/v1/healthz`).then((r) => r.json())) as {
      sse: { subscribers: number };
    };
    const held = await rssOf(pid);
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const afterHeartbeat = await rssOf(pid);
    const beating = readers.filter((reader) => reader.heartbeats > 0).length;
    for (const reader of readers) reader.close();
    console.log(
      `3. ${count} idle SSE connections: server RSS ${before.toFixed(1)} → ${held.toFixed(1)} MiB (${(((held - before) * 1024) / count).toFixed(1)} KiB each), ${afterHeartbeat.toFixed(1)} MiB after a heartbeat; healthz subscribers ${health.sse.subscribers}; ${beating}/${count} received a heartbeat`,
    );
  } finally {
    proc.child.kill("SIGTERM");
    await proc.exited;
  }
}

async function concurrentSessions(count: number): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(1000);
  const ids = await Promise.all(Array.from({ length: count }, () => newSession()));
  const published = new Map<string, number>();
  const readers = await Promise.all(
    ids.map(async (id) => {
      const live = await server.runtimes.get("bench").getSession(id);
      published.set(id, 0);
      live.hub.observe({
        event: () => published.set(id, (published.get(id) ?? 0) + 1),
        close: () => undefined,
      });
      return readSse(eventsUrl(server, id));
    }),
  );
  faux.setResponses(
    Array.from({ length: count }, () => fauxAssistantMessage("concurrent words ".repeat(200))),
  );
  const t0 = performance.now();
  await Promise.all(ids.map((id) => post(`/projects/bench/sessions/${id}/prompt`, { text: "go" })));
  await until(() => readers.every((reader) => reader.types.includes("agent_end")), 120_000);
  const elapsed = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 200));
  let lost = 0;
  let duplicated = 0;
  let delivered = 0;
  readers.forEach((reader, index) => {
    const expected = published.get(ids[index] as string) ?? 0;
    const unique = new Set(reader.ids).size;
    delivered += reader.ids.length;
    lost += Math.max(0, expected - unique);
    duplicated += reader.ids.length - unique;
  });
  for (const reader of readers) reader.close();
  await server.stop();
  console.log(
    `4. ${count} concurrent streaming sessions: ${delivered} events delivered in ${ms(elapsed)}, lost ${lost}, duplicated ${duplicated}`,
  );
}

async function replayFromLog(count: number): Promise<void> {
  const { server, newSession } = await bootInProcess(1000);
  const sessionId = await newSession();
  const live = await server.runtimes.get("bench").getSession(sessionId);
  const text = "streamed word ".repeat(10);
  for (let i = 0; i < count; i++) {
    live.hub.publish({ type: "queue_update", steering: [text], followUp: [] });
  }
  const lastId = live.hub.lastId;
  await new Promise((resolve) => setTimeout(resolve, 50)); // the log is written
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    let done: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      done = resolve;
    });
    const reader = await readSse(
      eventsUrl(server, sessionId),
      (id) => {
        if (id === lastId) done();
      },
      { "last-event-id": "0" },
    );
    await arrived;
    times.push(performance.now() - started);
    reader.close();
  }
  await server.stop();
  console.log(
    `5. replay of ${count} events (${live.hub.replayBytes} bytes still in memory) to a client reconnecting at 0: p50 ${ms(percentile(times, 50))}`,
  );
}

const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice(7)
  .split(",");
const enabled = (part: string) => !only || only.includes(part);
try {
  console.log(`bench:sse on ${process.platform}/${process.arch}, Node ${process.version}`);
  if (enabled("1")) await fanOutLatency();
  if (enabled("2")) {
    await overhead(0, 10);
    await overhead(2000, 5);
  }
  if (enabled("3")) await idleConnections(1000);
  if (enabled("4")) await concurrentSessions(50);
  if (enabled("5")) await replayFromLog(10_000);
} finally {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
