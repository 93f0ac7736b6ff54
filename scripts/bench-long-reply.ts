/**
 * Memory held by idle sessions after one long streamed reply each: a spawned server
 * talks to a local OpenAI-compatible stub that streams `chunks` small deltas to each of
 * `sessions` sessions in turn (after one warm-up reply on a session of its own, so code
 * compiled on first use is not counted). Before and after the replies it prints the live
 * heap (JS heap and external memory once all garbage is collected, read by
 * `lib/memory-probe.mjs` in the server: what the sessions retain) and the server's RSS
 * (which also moves with how much garbage the heap made room for), each per session, and
 * the replay bytes `/v1/healthz` reports.
 * Usage: npm run bench:long-reply [-- <chunks> [<SSE_REPLAY_MAX_BYTES> [<sessions>]]]
 *   (default 6000 chunks ≈ 35 KB of text, 8 MiB, 10 sessions)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeOpenAi } from "#test-support/fake-openai.js";
import { settledRssMiB, startServerProcess } from "#test-support/processes.js";
import { memoryProbeNodeOptions, probeMemory } from "./lib/memory-probe.js";

const chunks = Number(process.argv[2] ?? 6000);
const replayMaxBytes = process.argv[3];
const sessionCount = Number(process.argv[4] ?? 10);
const reply = Array.from({ length: chunks }, (_, i) => `word${i % 10} `);
const upstream = await startFakeOpenAi(reply);
const workspace = await mkdtemp(join(tmpdir(), "bench-long-reply-"));
const proc = await startServerProcess({
  WORKSPACE_DIR: workspace,
  NODE_OPTIONS: memoryProbeNodeOptions,
  ...(replayMaxBytes === undefined ? {} : { SSE_REPLAY_MAX_BYTES: replayMaxBytes }),
});
const pid = proc.child.pid ?? 0;

const rss = () => settledRssMiB(pid);
const liveHeap = async () => {
  const { heapUsed, external } = await probeMemory(proc.child, proc.output);
  return heapUsed + external;
};
const mib = (bytes: number) => bytes / 1024 / 1024;

// biome-ignore lint/suspicious/noExplicitAny: the script reads a few fields loosely.
async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${proc.url}/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

try {
  await call("PUT", "/custom/providers", {
    provider: "stub",
    baseUrl: `${upstream.url}/v1`,
    api: "openai-completions",
    apiKey: "stub-key",
    models: [{ id: "stub-1" }],
  });
  await call("POST", "/projects", { name: "bench" });
  const sessions: Array<{ id: string }> = [];
  for (let i = 0; i < sessionCount; i++) {
    sessions.push(await call("POST", "/projects/bench/sessions", {}));
  }
  const runReply = async (id: string) => {
    await call("POST", `/projects/bench/sessions/${id}/prompt`, { text: "talk" });
    for (let status = "streaming"; status !== "idle"; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await call("GET", `/projects/bench/sessions/${id}`)).status;
    }
  };
  await runReply((await call("POST", "/projects/bench/sessions", {})).id);
  const replayBytes = async () =>
    (await call("GET", "/healthz")).sse.replayBytes.sessions as number;
  const replayBefore = await replayBytes();
  const before = await rss();
  const heapBefore = await liveHeap();
  for (const session of sessions) await runReply(session.id);
  const after = await rss();
  const heapAfter = await liveHeap();
  const replayMiB = mib((await replayBytes()) - replayBefore);
  const text = reply.join("").length;
  console.log(
    `bench:long-reply, ${sessionCount} idle sessions after one reply of ${chunks} chunks (${(text / 1024).toFixed(1)} KiB) each:`,
  );
  console.log(
    `  live heap:                 ${mib(heapBefore).toFixed(1)} → ${mib(heapAfter).toFixed(1)} MiB, retained per session ${mib((heapAfter - heapBefore) / sessionCount).toFixed(2)} MiB`,
  );
  console.log(
    `  server RSS:                ${before.toFixed(1)} → ${after.toFixed(1)} MiB, ${((after - before) / sessionCount).toFixed(2)} MiB per session`,
  );
  console.log(
    `  replay buffers held:       ${replayMiB.toFixed(2)} MiB (${(replayMiB / sessionCount).toFixed(2)} MiB per session)`,
  );
} finally {
  proc.child.kill("SIGTERM");
  await proc.exited;
  await upstream.close();
  await rm(workspace, { recursive: true, force: true });
}
