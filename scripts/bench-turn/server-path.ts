import { mkdir } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { startServerProcess } from "#test-support/processes.js";
import type { BenchPath } from "./bench-path.js";
import { ByteWatch } from "./byte-watch.js";
import { stopChild } from "./child.js";

/**
 * This server in its own process, the mock registered through the `LITELLM_*` variables;
 * a turn is `POST …/prompt` until `agent_end` arrives on the session's SSE stream.
 */
export async function serverPath(workspace: string, mockUrl: string): Promise<BenchPath> {
  await mkdir(workspace, { recursive: true });
  const server = await startServerProcess({
    WORKSPACE_DIR: workspace,
    LITELLM_BASE_URL: mockUrl,
    LITELLM_MODELS: "bench-mock",
    LITELLM_DEFAULT_MODEL: "bench-mock",
    AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
  });
  const api = `${server.url}/v1/projects/bench`;
  const post = async (url: string, body: unknown, expected: number) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`POST ${url}: ${response.status} ${text}`);
    return text;
  };
  let stream: { sessionId: string; watch: ByteWatch; controller: AbortController } | undefined;
  try {
    await post(`${server.url}/v1/projects`, { name: "bench" }, 201);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
  return {
    name: "this server (HTTP+SSE)",
    async newSession() {
      stream?.controller.abort();
      const { id } = JSON.parse(await post(`${api}/sessions`, {}, 201)) as { id: string };
      const controller = new AbortController();
      const response = await fetch(`${api}/sessions/${id}/events`, {
        headers: { accept: "text/event-stream" },
        signal: controller.signal,
      });
      if (response.status !== 200 || !response.body) throw new Error(`SSE: ${response.status}`);
      const watch = new ByteWatch('"type":"agent_end"');
      stream = { sessionId: id, watch, controller };
      void (async () => {
        try {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            watch.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          }
        } catch {
          // Aborted when the next session opens or the bench ends.
        }
      })();
    },
    async turn(text) {
      if (!stream) throw new Error("no session");
      const end = stream.watch.next("agent_end on the SSE stream");
      end.catch(() => undefined);
      const start = performance.now();
      await post(`${api}/sessions/${stream.sessionId}/prompt`, { text }, 202);
      const at = await end;
      return { ms: at - start, wireBytes: stream.watch.bytes };
    },
    async close() {
      stream?.controller.abort();
      await stopChild(server.child);
    },
  };
}
