import type { UsageRecord } from "../../src/usage/usage-records.js";
import { seededRandom } from "./seeded-random.js";

const projects = ["alpha", "beta", "gamma"];
const models = [
  ["anthropic", "claude-sonnet-4-5"],
  ["openai", "gpt-5"],
  ["openai", "claude-sonnet-4-5"],
] as const;
const tools = ["bash", "read", "edit"];
const outcomes = ["succeeded", "failed", "aborted"] as const;

/**
 * `count` varied usage records (messages with fractional costs, runs, tool calls) over a
 * few days, projects and models, reproducible from `seed`; `at` ascends from `start`.
 */
export function sampleUsageRecords(count: number, seed: number, start: number): UsageRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const records: UsageRecord[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    at += Math.floor(random() * 3_600_000);
    const [provider, model] = pick(models);
    const origin = {
      at,
      projectId: pick(projects),
      sessionId: `s${i % 7}`,
      taskId: random() < 0.3 ? `t${i % 4}` : null,
    };
    const kind = random();
    if (kind < 0.5) {
      const input = Math.floor(random() * 5000);
      const output = Math.floor(random() * 900);
      const cost = { input: input * 3e-6, output: output * 1.5e-5, cacheRead: 0.0001 * random() };
      const error = random() < 0.1;
      records.push({
        kind: "message",
        ...origin,
        provider,
        model,
        tokens: { input, output, cacheRead: 7, cacheWrite: 0, total: input + output + 7 },
        cost: {
          ...cost,
          cacheWrite: 0,
          total: cost.input + cost.output + cost.cacheRead,
        },
        stopReason: error ? "error" : "stop",
        error: error ? "provider said no" : null,
      });
    } else if (kind < 0.75) {
      records.push({
        kind: "run",
        ...origin,
        provider: random() < 0.1 ? null : provider,
        model: random() < 0.1 ? null : model,
        durationMs: Math.floor(random() * 60_000),
        outcome: pick(outcomes),
      });
    } else {
      records.push({
        kind: "tool",
        ...origin,
        provider,
        model,
        tool: pick(tools),
        durationMs: Math.floor(random() * 4000),
        isError: random() < 0.2,
      });
    }
  }
  return records;
}
