/**
 * Memory held by idle sessions after one long streamed reply each: a spawned server
 * talks to a local OpenAI-compatible stub that streams `chunks` small deltas to each of
 * `sessions` sessions in turn; once every run is over, the server's RSS (before and
 * after, and the difference per session, which averages out heap growth) and the replay
 * bytes `/v1/healthz` reports are printed.
 * Usage: npm run bench:long-reply [-- <chunks> [<SSE_REPLAY_MAX_BYTES> [<sessions>]]]
 *   (default 6000 chunks ≈ 35 KB of text, 8 MiB, 10 sessions)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeOpenAi } from "#test-support/fake-openai.js";
import { settledRssMiB, startServerProcess } from "#test-support/processes.js";

const chunks = Number(process.argv[2] ?? 6000);
const replayMaxBytes = process.argv[3];
const sessionCount = Number(process.argv[4] ?? 10);
const reply = Array.from({ length: chunks }, (_, i) => `word${i % 10} `);
const upstream = await startFakeOpenAi(reply);
const workspace = await mkdtemp(join(tmpdir(), "bench-long-reply-"));
const proc = await startServerProcess({
  WORKSPACE_DIR: workspace,
  ...(replayMaxBytes === undefined ? {} : { SSE_REPLAY_MAX_BYTES: replayMaxBytes }),
});
const pid = proc.child.pid ?? 0;

const rss = () => settledRssMiB(pid);

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
  const before = await rss();
  for (const session of sessions) {
    await call("POST", `/projects/bench/sessions/${session.id}/prompt`, { text: "talk" });
    for (let status = "streaming"; status !== "idle"; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await call("GET", `/projects/bench/sessions/${session.id}`)).status;
    }
  }
  const after = await rss();
  const health = await call("GET", "/healthz");
  const replayMiB = health.sse.replayBytes.sessions / 1024 / 1024;
  const text = reply.join("").length;
  console.log(
    `bench:long-reply, ${sessionCount} idle sessions after one reply of ${chunks} chunks (${(text / 1024).toFixed(1)} KiB) each, server RSS:`,
  );
  console.log(`  before the replies:        ${before.toFixed(1)} MiB`);
  console.log(`  after the replies:         ${after.toFixed(1)} MiB`);
  console.log(`  retained per session:      ${((after - before) / sessionCount).toFixed(2)} MiB`);
  console.log(
    `  replay buffers held:       ${replayMiB.toFixed(2)} MiB (${(replayMiB / sessionCount).toFixed(2)} MiB per session)`,
  );
} finally {
  proc.child.kill("SIGTERM");
  await proc.exited;
  await upstream.close();
  await rm(workspace, { recursive: true, force: true });
}
