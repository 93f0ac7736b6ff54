/**
 * Preloaded into a process a benchmark measures (`NODE_OPTIONS=--import <this file>`): on
 * SIGUSR2 it collects all garbage, twice, and prints one line to stderr,
 * `memory-probe {"heapUsed":…,"external":…,"rss":…}` (bytes, `process.memoryUsage()`),
 * so what the process retains can be read apart from the garbage it happens to hold.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

process.on("SIGUSR2", () => {
  gc();
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  process.stderr.write(`memory-probe ${JSON.stringify({ heapUsed, external, rss })}\n`);
});
