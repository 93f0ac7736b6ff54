import { mkdir } from "node:fs/promises";
import { Agent, type ClientRequest, request } from "node:http";
import { performance } from "node:perf_hooks";
import { startServerProcess } from "#test-support/processes.js";
import type { BenchPath } from "./bench-path.js";
import { ByteWatch } from "./byte-watch.js";
import { stopChild } from "./child.js";

/**
 * This server in its own process, the mock registered through the `LITELLM_*` variables;
 * a turn is `POST …/prompt` until `agent_end` arrives on the session's SSE stream. The
 * client is `node:http` with a keep-alive agent (as lean as pi RPC's pipe writes), so the
 * bench costs the server rather than a client library's stream machinery.
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
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const post = (url: string, body: unknown, expected: number) =>
    new Promise<string>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => {
            if (res.statusCode === expected) resolve(text);
            else reject(new Error(`POST ${url}: ${res.statusCode} ${text}`));
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  let stream: { sessionId: string; watch: ByteWatch; request: ClientRequest } | undefined;
  try {
    await post(`${server.url}/v1/projects`, { name: "bench" }, 201);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
  return {
    name: "this server (HTTP+SSE)",
    async newSession() {
      stream?.request.destroy();
      const { id } = JSON.parse(await post(`${api}/sessions`, {}, 201)) as { id: string };
      const watch = new ByteWatch('"type":"agent_end"');
      await new Promise<void>((resolve, reject) => {
        const req = request(
          `${api}/sessions/${id}/events`,
          { headers: { accept: "text/event-stream" } },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`SSE: ${res.statusCode}`));
            res.on("data", (chunk: Buffer) => watch.feed(chunk));
            res.on("error", () => undefined); // destroyed when the next session opens
            resolve();
          },
        );
        req.on("error", reject); // after the response: the stream was destroyed, no-op
        req.end();
        stream = { sessionId: id, watch, request: req };
      });
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
      stream?.request.destroy();
      agent.destroy();
      await stopChild(server.child);
    },
  };
}
