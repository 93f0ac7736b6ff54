import { mkdir } from "node:fs/promises";
import { startServerProcess } from "#test-support/processes.js";
import type { BenchPath } from "./bench-path.js";
import { stopChild } from "./child.js";
import { HttpClient } from "./http-client.js";

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
  const client = new HttpClient();
  let sessionId: string | undefined;
  try {
    await client.post(`${server.url}/v1/projects`, { name: "bench" }, 201);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
  return {
    name: "this server (HTTP+SSE)",
    pid: server.child.pid,
    async newSession() {
      const { id } = JSON.parse(await client.post(`${api}/sessions`, {}, 201)) as { id: string };
      sessionId = id;
      await client.follow(`${api}/sessions/${id}/events`);
    },
    turn: (text) => client.turn(`${api}/sessions/${sessionId}/prompt`, { text }),
    async close() {
      client.close();
      await stopChild(server.child);
    },
  };
}
