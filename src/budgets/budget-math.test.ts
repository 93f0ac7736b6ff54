import { describe, expect, it } from "vitest";
import {
  type BudgetSettings,
  effectiveRunLimits,
  firstSpent,
  fractionOf,
  isSpent,
  isWarned,
  periodBounds,
  periodStatuses,
  warnAtFor,
} from "./budget-math.js";

const at = (iso: string) => Date.parse(iso);

describe("periodBounds", () => {
  it("cuts days and months at UTC midnight, whatever the local zone", () => {
    expect(periodBounds("day", at("2026-03-31T23:59:59.999Z"))).toEqual({
      start: at("2026-03-31T00:00:00Z"),
      end: at("2026-04-01T00:00:00Z"),
    });
    expect(periodBounds("day", at("2026-04-01T00:00:00Z")).start).toBe(at("2026-04-01T00:00:00Z"));
    expect(periodBounds("month", at("2026-12-15T12:00:00Z"))).toEqual({
      start: at("2026-12-01T00:00:00Z"),
      end: at("2027-01-01T00:00:00Z"),
    });
    expect(periodBounds("month", at("2028-02-29T10:00:00Z"))).toEqual({
      start: at("2028-02-01T00:00:00Z"),
      end: at("2028-03-01T00:00:00Z"),
    });
  });
});

describe("isSpent, isWarned and fractionOf", () => {
  it("spends cost at the limit, despite float sums a hair under it", () => {
    const sum = 0.1 + 0.2; // 0.30000000000000004
    expect(isSpent("costUsd", sum, 0.3)).toBe(true);
    expect(isSpent("costUsd", 0.7 + 0.1 + 0.1 + 0.1 - 0.000_000_1, 1)).toBe(true);
    expect(isSpent("costUsd", 0.299_99, 0.3)).toBe(false);
    expect(isSpent("tokens", 1000, 1000)).toBe(true);
    expect(isSpent("tokens", 999, 1000)).toBe(false);
    expect(isSpent("wallTimeMs", 500, 500)).toBe(true);
  });

  it("spends tool calls only when a call beyond the limit starts", () => {
    expect(isSpent("toolCalls", 2, 2)).toBe(false);
    expect(isSpent("toolCalls", 3, 2)).toBe(true);
  });

  it("warns at the fraction of the limit", () => {
    expect(isWarned("costUsd", 0.08, 0.1, 0.8)).toBe(true);
    expect(isWarned("costUsd", 0.079, 0.1, 0.8)).toBe(false);
    expect(isWarned("tokens", 50, 100, 0.5)).toBe(true);
    expect(fractionOf(0.03, 0.04)).toBe(0.75);
    expect(fractionOf(5, 0)).toBe(1);
  });
});

describe("limits in effect", () => {
  const settings: BudgetSettings = {
    org: { run: { costUsd: 1, toolCalls: 10 }, warnAtFraction: 0.5 },
    projects: { a: { run: { toolCalls: 3, wallTimeMs: 1000 }, warnAtFraction: 0.9 }, b: {} },
  };

  it("takes a project's run limits metric by metric, else the org default", () => {
    expect(effectiveRunLimits(settings, "a")).toEqual([
      { scope: "org", metric: "costUsd", limit: 1 },
      { scope: "project", metric: "wallTimeMs", limit: 1000 },
      { scope: "project", metric: "toolCalls", limit: 3 },
    ]);
    expect(effectiveRunLimits(settings, "b")).toEqual([
      { scope: "org", metric: "costUsd", limit: 1 },
      { scope: "org", metric: "toolCalls", limit: 10 },
    ]);
  });

  it("takes the project's warning fraction, else the org's, else 0.8", () => {
    expect(warnAtFor(settings, "a")).toBe(0.9);
    expect(warnAtFor(settings, "b")).toBe(0.5);
    expect(warnAtFor(settings, undefined)).toBe(0.5);
    expect(warnAtFor({ org: {}, projects: {} }, "a")).toBe(0.8);
  });
});

describe("periodStatuses and firstSpent", () => {
  const now = at("2026-05-20T10:00:00Z");
  const settings: BudgetSettings = {
    org: { day: { costUsd: 1 }, month: { costUsd: 10, tokens: 5000 } },
    projects: { a: { day: { costUsd: 0.05 } } },
  };
  const calls: Array<[string | undefined, number, number]> = [];
  const spent = (projectId: string | undefined, from: number, to: number) => {
    calls.push([projectId, from, to]);
    if (projectId === "a") return { costUsd: 0.05, tokens: 300 };
    return from === at("2026-05-20T00:00:00Z")
      ? { costUsd: 0.2, tokens: 900 }
      : { costUsd: 4, tokens: 6000 };
  };

  it("reads each scope's spending over its own UTC period", () => {
    calls.length = 0;
    const rows = periodStatuses(settings, "a", now, spent);
    expect(calls).toEqual([
      ["a", at("2026-05-20T00:00:00Z"), at("2026-05-21T00:00:00Z")],
      [undefined, at("2026-05-20T00:00:00Z"), at("2026-05-21T00:00:00Z")],
      [undefined, at("2026-05-01T00:00:00Z"), at("2026-06-01T00:00:00Z")],
    ]);
    expect(
      rows.map((row) => [row.scope, row.period, row.metric, row.spent, row.remaining]),
    ).toEqual([
      ["project", "day", "costUsd", 0.05, 0],
      ["org", "day", "costUsd", 0.2, 0.8],
      ["org", "month", "costUsd", 4, 6],
      ["org", "month", "tokens", 6000, 0],
    ]);
    expect(rows[0]).toMatchObject({
      project: "a",
      fraction: 1,
      periodStart: "2026-05-20T00:00:00.000Z",
    });
  });

  it("trips the budget furthest over its limit, the first listed on a tie", () => {
    const rows = periodStatuses(settings, "a", now, spent);
    // project day 1.0 of its limit, org month tokens 1.2: the org month trips.
    expect(firstSpent(rows)).toEqual({
      scope: "org",
      period: "month",
      metric: "tokens",
      limit: 5000,
      spent: 6000,
    });
    const tie = firstSpent([
      { scope: "project", project: "a", period: "day", metric: "costUsd", limit: 1, spent: 1 },
      { scope: "org", period: "day", metric: "costUsd", limit: 2, spent: 2 },
    ]);
    expect(tie).toMatchObject({ scope: "project", project: "a" });
    expect(
      firstSpent([{ scope: "org", period: "day", metric: "costUsd", limit: 2, spent: 1.99 }]),
    ).toBeUndefined();
  });

  it("lists only the org's limits without a project", () => {
    const rows = periodStatuses(settings, undefined, now, spent);
    expect(rows.every((row) => row.scope === "org")).toBe(true);
    expect(rows).toHaveLength(3);
  });
});
