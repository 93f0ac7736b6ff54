import { describe, expect, it } from "vitest";
import { aggregateUsage, percentiles, type UsageQuery } from "./usage-aggregate.js";
import { UsageColumns } from "./usage-columns.js";
import type { MessageRecord, RunRecord, ToolRecord } from "./usage-records.js";

const day1 = Date.UTC(2026, 2, 1, 10);
const day2 = Date.UTC(2026, 2, 2, 10);

function message(at: number, projectId: string, model: string, n: number, stopReason = "stop") {
  return {
    kind: "message",
    at,
    projectId,
    sessionId: "s",
    taskId: null,
    provider: "prov",
    model,
    tokens: { input: n, output: 2 * n, cacheRead: 3 * n, cacheWrite: 4 * n, total: 10 * n },
    cost: { input: n, output: n, cacheRead: 0, cacheWrite: 0, total: 2 * n },
    stopReason,
    error: stopReason === "error" ? "boom" : null,
  } satisfies MessageRecord;
}

function run(
  at: number,
  projectId: string,
  model: string,
  durationMs: number,
  outcome = "succeeded",
) {
  return {
    kind: "run",
    at,
    projectId,
    sessionId: "s",
    taskId: null,
    provider: "prov",
    model,
    durationMs,
    outcome: outcome as RunRecord["outcome"],
  } satisfies RunRecord;
}

function tool(at: number, projectId: string, name: string, durationMs: number, isError = false) {
  return {
    kind: "tool",
    at,
    projectId,
    sessionId: "s",
    taskId: null,
    provider: "prov",
    model: "m1",
    tool: name,
    durationMs,
    isError,
  } satisfies ToolRecord;
}

const records = UsageColumns.from([
  message(day1, "alpha", "m1", 1),
  message(day1, "beta", "m2", 10, "error"),
  message(day2, "alpha", "m2", 100),

  run(day1, "alpha", "m1", 100),
  run(day1, "beta", "m2", 300, "failed"),
  run(day2, "alpha", "m2", 200, "aborted"),

  tool(day1, "alpha", "bash", 5),
  tool(day2, "alpha", "bash", 7, true),
  tool(day2, "beta", "read", 1),
]);

const all: UsageQuery = { from: day1 - 1, to: day2 + 1, groupBy: "project" };

describe("aggregateUsage", () => {
  it("totals every matching record", () => {
    const { totals } = aggregateUsage(records, all);
    expect(totals.key).toBe("total");
    expect(totals.messages).toBe(3);
    expect(totals.errors).toBe(1);
    expect(totals.tokens).toEqual({
      input: 111,
      output: 222,
      cacheRead: 333,
      cacheWrite: 444,
      total: 1110,
    });
    expect(totals.cost.total).toBe(222);
    expect(totals.runs).toEqual({
      count: 3,
      succeeded: 1,
      failed: 1,
      aborted: 1,
      successRate: 1 / 3,
      durationMs: { p50: 200, p95: 300 },
    });
    expect(totals.tools).toEqual({ calls: 3, errors: 1, durationMs: { p50: 5, p95: 7 } });
  });

  it("groups by project, model and UTC day, sorted by key", () => {
    const byProject = aggregateUsage(records, all).groups;
    expect(
      byProject.map((row) => [row.key, row.tokens.input, row.runs.count, row.tools.calls]),
    ).toEqual([
      ["alpha", 101, 2, 2],
      ["beta", 10, 1, 1],
    ]);
    const byModel = aggregateUsage(records, { ...all, groupBy: "model" }).groups;
    expect(byModel.map((row) => [row.key, row.cost.total, row.runs.count])).toEqual([
      ["prov/m1", 2, 1],
      ["prov/m2", 220, 2],
    ]);
    const byDay = aggregateUsage(records, { ...all, groupBy: "day" }).groups;
    expect(byDay.map((row) => [row.key, row.messages, row.runs.successRate])).toEqual([
      ["2026-03-01", 2, 0.5],
      ["2026-03-02", 1, 0],
    ]);
  });

  it("groups tool executions by tool, keeping tokens in the totals only", () => {
    const report = aggregateUsage(records, { ...all, groupBy: "tool" });
    expect(
      report.groups.map((row) => [row.key, row.tools.calls, row.tools.errors, row.messages]),
    ).toEqual([
      ["bash", 2, 1, 0],
      ["read", 1, 0, 0],
    ]);
    expect(report.totals.messages).toBe(3);
  });

  it("filters by project and by model id or provider/model", () => {
    const alpha = aggregateUsage(records, { ...all, projectId: "alpha" });
    expect(alpha.totals.messages).toBe(2);
    expect(alpha.groups.map((row) => row.key)).toEqual(["alpha"]);
    expect(aggregateUsage(records, { ...all, model: "m2" }).totals.tokens.input).toBe(110);
    expect(aggregateUsage(records, { ...all, model: "prov/m2" }).totals.tokens.input).toBe(110);
    expect(aggregateUsage(records, { ...all, model: "other/m2" }).totals.messages).toBe(0);
  });

  it("includes from and excludes to", () => {
    const report = aggregateUsage(records, { from: day1, to: day2, groupBy: "project" });
    expect(report.totals.messages).toBe(2);
  });

  it("answers an empty range with zero totals, null rates and no groups", () => {
    const report = aggregateUsage(records, { from: 0, to: 1, groupBy: "day" });
    expect(report.groups).toEqual([]);
    expect(report.totals.messages).toBe(0);
    expect(report.totals.runs.successRate).toBeNull();
    expect(report.totals.runs.durationMs).toBeNull();
    expect(report.totals.tools.durationMs).toBeNull();
  });
});

describe("aggregateUsage over many records", () => {
  it("finds ranges in ordered columns and in columns that went out of order", () => {
    const ordered = UsageColumns.from(
      Array.from({ length: 3000 }, (_, i) => message(day1 + i, "alpha", "m1", 1)),
    );
    expect(ordered.messages.ordered).toBe(true);
    const range = { from: day1 + 1000, to: day1 + 2500, groupBy: "day" } as const;
    expect(aggregateUsage(ordered, range).totals.messages).toBe(1500);

    const shuffled = UsageColumns.from(
      Array.from({ length: 3000 }, (_, i) => message(day1 + ((i * 7919) % 3000), "alpha", "m1", 1)),
    );
    expect(shuffled.messages.ordered).toBe(false);
    expect(aggregateUsage(shuffled, range).totals.messages).toBe(1500);
  });
});

describe("percentiles", () => {
  it("uses the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95 });
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7 });
    expect(percentiles([])).toBeNull();
  });
});
