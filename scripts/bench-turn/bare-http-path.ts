import { runTs, waitForOutput } from "#test-support/processes.js";
import type { BenchPath, PathDirs } from "./bench-path.js";
import { stopChild } from "./child.js";
import { HttpClient } from "./http-client.js";

/**
 * The transport's floor: pi's SDK behind the plainest HTTP + SSE wrapper
 * (`bare-http-process.ts`, its own process), read by the same client as this server.
 * What this path adds to the in-process SDK is what HTTP + SSE cost by themselves.
 */
export async function bareHttpPath(dirs: PathDirs): Promise<BenchPath> {
  const child = runTs("scripts/bench-turn/bare-http-process.ts", {
    env: { AGENT_DIR: dirs.agentDir, CWD: dirs.cwd, SESSIONS_DIR: dirs.sessionsDir },
  });
  const url = (await waitForOutput(child, /listening on (http:\/\/\S+)/))[1] as string;
  const client = new HttpClient();
  return {
    name: "SDK behind bare HTTP+SSE",
    pid: child.child.pid,
    async newSession() {
      await client.post(`${url}/sessions`, {}, 201);
      await client.follow(`${url}/events`);
    },
    turn: (text) => client.turn(`${url}/prompt`, { text }),
    async close() {
      client.close();
      await stopChild(child.child);
    },
  };
}
