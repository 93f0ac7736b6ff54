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
import { concurrentSessions } from "./bench-sse/concurrent-sessions.js";
import { fanOutLatency } from "./bench-sse/fan-out.js";
import { idleConnections } from "./bench-sse/idle-connections.js";
import { overhead } from "./bench-sse/overhead.js";
import { replayFromLog } from "./bench-sse/replay-from-log.js";
import { removeTempDirs } from "./bench-sse/support.js";

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
  await removeTempDirs();
}
