/**
 * Start-up and list latency of the project registry with many projects.
 * Usage: npm run bench:registry [-- <projectCount>]   (default 10000)
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger } from "../src/logging/logger.js";
import { writeRegistryFile } from "../src/projects/project-store.js";
import { createApp } from "../src/server/create-app.js";
import { createServices } from "../src/server/services.js";

const count = Number(process.argv[2] ?? 10_000);
const workspaceDir = await mkdtemp(join(tmpdir(), "bench-registry-"));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

try {
  const globalDir = join(workspaceDir, ".pi-global");
  await mkdir(globalDir, { recursive: true });
  const createdAt = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i) => ({
    id: `project-${i}`,
    name: `Project ${i}`,
    createdAt,
  }));
  await Promise.all(records.map((record) => mkdir(join(workspaceDir, record.id))));
  await writeRegistryFile(join(globalDir, "projects.json"), { projects: records, deleting: [] });

  const startups: number[] = [];
  const build = () =>
    createServices({ workspaceDir, logger: silentLogger, version: "bench", persistUsage: false });
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    createApp(await build());
    startups.push(performance.now() - t0);
  }
  const services = await build();
  const { registry } = services;
  const app = createApp(services);

  const listTimes: number[] = [];
  for (let i = 0; i < 500; i++) {
    const offset = (i * 97) % Math.max(1, count - 100);
    const t0 = performance.now();
    const response = await app.request(`/v1/projects?limit=100&offset=${offset}`);
    await response.arrayBuffer();
    listTimes.push(performance.now() - t0);
  }
  listTimes.sort((a, b) => a - b);

  const createTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await registry.createProject({ name: `Fresh ${i}` });
    createTimes.push(performance.now() - t0);
  }
  createTimes.sort((a, b) => a - b);

  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`projects: ${count}`);
  console.log(
    `start-up (services + app build): best ${fmt(Math.min(...startups))}, worst ${fmt(Math.max(...startups))}`,
  );
  console.log(
    `GET /v1/projects?limit=100 (in-process): p50 ${fmt(percentile(listTimes, 50))}, p99 ${fmt(percentile(listTimes, 99))}`,
  );
  console.log(
    `create with ${count} registered (rewrites projects.json): p50 ${fmt(percentile(createTimes, 50))}, p99 ${fmt(percentile(createTimes, 99))}`,
  );
} finally {
  await rm(workspaceDir, { recursive: true, force: true });
}
