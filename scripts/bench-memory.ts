/**
 * Memory cost of runtimes and sessions, measured as the RSS of a spawned server:
 * RSS per idle project runtime (a project whose session list was read) and per live,
 * idle session held in memory.
 * Usage: npm run bench:memory [-- <count>]   (default 100)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settledRssMiB, startServerProcess } from "#test-support/processes.js";
import { standInProvider } from "#test-support/stand-in-provider.js";

const count = Number(process.argv[2] ?? 100);
const workspace = await mkdtemp(join(tmpdir(), "bench-memory-"));
const proc = await startServerProcess({ WORKSPACE_DIR: workspace, RUNTIME_IDLE_EVICT_MS: "0" });
const pid = proc.child.pid ?? 0;

const rss = () => settledRssMiB(pid);

async function call(method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const response = await fetch(`${proc.url}/v1${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json() as Promise<{ id: string }>;
}

try {
  for (let i = 0; i < count; i++) await call("POST", "/projects", { name: `project ${i}` });
  const projectsOnly = await rss();
  for (let i = 0; i < count; i++) await call("GET", `/projects/project-${i}/sessions`);
  const withRuntimes = await rss();
  await call("PUT", "/custom/providers", standInProvider);
  for (let i = 0; i < count; i++) await call("POST", "/projects/project-0/sessions", {});
  const withSessions = await rss();
  const perRuntime = ((withRuntimes - projectsOnly) * 1024) / count;
  const perSession = ((withSessions - withRuntimes) * 1024) / count;
  console.log(`bench:memory, ${count} each, server RSS:`);
  console.log(`  ${count} projects, no runtimes: ${projectsOnly.toFixed(1)} MiB`);
  console.log(
    `  + ${count} idle runtimes:      ${withRuntimes.toFixed(1)} MiB (${perRuntime.toFixed(0)} KiB per runtime)`,
  );
  console.log(
    `  + ${count} live sessions:      ${withSessions.toFixed(1)} MiB (${perSession.toFixed(0)} KiB per session)`,
  );
} finally {
  proc.child.kill("SIGTERM");
  await proc.exited;
  await rm(workspace, { recursive: true, force: true });
}
