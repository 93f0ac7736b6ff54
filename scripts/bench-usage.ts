/**
 * Usage aggregation and log reload with many recorded messages.
 * Usage: npm run bench:usage [-- <messageCount>]   (default 100000)
 *
 * Each synthetic run has four assistant messages and two tool executions, spread over
 * 50 projects, 4 models and 30 days. Timings go through `GET /v1/usage` (validation,
 * aggregation and JSON) and through the recorder alone.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger } from "../src/logging/logger.js";
import { createUsageApp } from "../src/usage/usage-app.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";

const messageCount = Number(process.argv[2] ?? 100_000);
const dir = await mkdtemp(join(tmpdir(), "bench-usage-"));
const logger = createLogger({ level: "silent" });
const now = Date.now();
const spanMs = 30 * 86_400_000;
const models = ["claude-sonnet-4-5", "gpt-5.5", "deepseek-v4-pro", "deepseek-v4-flash"];
const tools = ["read", "bash", "edit", "write"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall time and this process's CPU time: on a shared machine the second is the steadier. */
async function timed(label: string, times: number, action: () => unknown): Promise<void> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await action();
    samples.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `${label.padEnd(44)} wall median ${median(samples).toFixed(1)} ms (max ${Math.max(...samples).toFixed(1)}), cpu median ${median(cpu).toFixed(1)} ms`,
  );
}

try {
  const recorder = await UsageRecorder.open(dir, { logger });
  const runs = Math.ceil(messageCount / 4);
  for (let r = 0; r < runs; r++) {
    const at = now - spanMs + Math.floor((r / runs) * spanMs);
    const origin = {
      projectId: `project-${r % 50}`,
      sessionId: `session-${r % 997}`,
      taskId: null,
    };
    const model = models[r % models.length] as string;
    for (let m = 0; m < 4; m++) {
      const input = 1000 + ((r * 7 + m) % 5000);
      recorder.add({
        kind: "message",
        at: at + m,
        ...origin,
        provider: "bench",
        model,
        tokens: { input, output: 300, cacheRead: 2000, cacheWrite: 100, total: input + 2400 },
        cost: {
          input: input * 3e-6,
          output: 0.0045,
          cacheRead: 0.0006,
          cacheWrite: 0.000375,
          total: input * 3e-6 + 0.005475,
        },
        stopReason: m === 3 ? (r % 20 === 0 ? "error" : "stop") : "toolUse",
        error: m === 3 && r % 20 === 0 ? "overloaded" : null,
      });
    }
    for (let t = 0; t < 2; t++) {
      recorder.add({
        kind: "tool",
        at: at + 4 + t,
        ...origin,
        provider: "bench",
        model,
        tool: tools[(r + t) % tools.length] as string,
        durationMs: 5 + (r % 300),
        isError: r % 13 === 0,
      });
    }
    recorder.add({
      kind: "run",
      at: at + 10,
      ...origin,
      provider: "bench",
      model,
      durationMs: 2000 + (r % 90_000),
      outcome: r % 20 === 0 ? "failed" : "succeeded",
    });
  }
  await recorder.flush();
  let size = 0;
  for (const name of await readdir(dir)) size += (await stat(join(dir, name))).size;
  console.log(
    `records: ${recorder.size} (${runs * 4} messages, ${runs} runs, ${runs * 2} tool executions)`,
  );
  console.log(
    `log: ${(size / 1024 / 1024).toFixed(1)} MiB, ${(size / recorder.size).toFixed(0)} bytes per record`,
  );

  const app = createUsageApp(recorder);
  const from = new Date(now - spanMs - 1).toISOString();
  const to = new Date(now + 1).toISOString();
  for (const groupBy of ["project", "model", "day", "tool"]) {
    await timed(`GET /v1/usage?groupBy=${groupBy}`, 20, async () => {
      const response = await app.request(`/usage?from=${from}&to=${to}&groupBy=${groupBy}`);
      await response.arrayBuffer();
    });
  }
  await timed("GET /v1/usage?project=…&model=… (filtered)", 20, async () => {
    const response = await app.request(
      `/usage?from=${from}&to=${to}&project=project-7&model=gpt-5.5`,
    );
    await response.arrayBuffer();
  });
  await timed("recorder.query, last 7 days by day", 20, () =>
    recorder.query({ from: now - 7 * 86_400_000, to: now + 1, groupBy: "day" }),
  );
  await timed("reload the log (UsageRecorder.open)", 3, () => UsageRecorder.open(dir, { logger }));
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`rss after reloads: ${rss.toFixed(0)} MiB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
