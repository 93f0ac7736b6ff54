import { readFile } from "node:fs/promises";
import { startServerProcess } from "#test-support/processes.js";
import { type Reader, readSse, tempDir } from "./support.js";

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/** 3. `count` idle SSE connections held across a heartbeat: the RSS of the server (its own process). */
export async function idleConnections(count: number): Promise<void> {
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
