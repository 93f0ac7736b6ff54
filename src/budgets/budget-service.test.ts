import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import type { ServerEvent } from "../contract/server-events.js";
import { AppError } from "../errors/index.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { BudgetService } from "./budget-service.js";

/** A session as the budgets see it: what it was sent and how often it was aborted. */
function session(id = "s1") {
  const events: ServerEvent[] = [];
  let aborts = 0;
  return {
    id,
    events,
    get aborts() {
      return aborts;
    },
    hub: { publish: (event: ServerEvent) => events.push(event) },
    abort: async () => {
      aborts += 1;
    },
  };
}

const start = { type: "agent_start" } as AgentSessionEvent;
const end = { type: "agent_end", messages: [] } as unknown as AgentSessionEvent;
const message = (cost: number, tokens: number) =>
  ({
    type: "message_end",
    message: { role: "assistant", usage: { cost: { total: cost }, totalTokens: tokens } },
  }) as unknown as AgentSessionEvent;
const toolStart = (id: string) =>
  ({
    type: "tool_execution_start",
    toolCallId: id,
    toolName: "bash",
    args: {},
  }) as AgentSessionEvent;
const nextTick = () => new Promise((resolve) => setImmediate(resolve));
const types = (events: ServerEvent[]) => events.map((event) => event.type);

describe("BudgetService", () => {
  const tempDir = useTempDirs();
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A service whose period spending is whatever `spent` holds. */
  async function service(file?: string) {
    const spent = { costUsd: 0, tokens: 0 };
    const warnings: Array<Record<string, unknown>> = [];
    const budgets = await BudgetService.open({
      file,
      spent: () => ({ ...spent }),
      onWarning: (data) => warnings.push(data),
      now: () => Date.parse("2026-05-20T10:00:00Z"),
    });
    return { budgets, spent, warnings };
  }

  it("refuses a run while a period budget is spent, naming the budget", async () => {
    const { budgets, spent } = await service();
    await budgets.setProject("demo", { day: { costUsd: 0.05 } });
    spent.costUsd = 0.049;
    expect(() => budgets.gate("demo")).not.toThrow();
    spent.costUsd = 0.05;
    let refusal: unknown;
    try {
      budgets.gate("demo");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("BUDGET_EXCEEDED");
    expect((refusal as AppError).extensions).toEqual({
      budget: {
        scope: "project",
        project: "demo",
        period: "day",
        metric: "costUsd",
        limit: 0.05,
        spent: 0.05,
      },
    });
    // Another project without its own budget is not held by this one.
    expect(() => budgets.gate("other")).not.toThrow();
  });

  it("aborts a run at its per-run cost limit, once, with the event first", async () => {
    const { budgets } = await service();
    await budgets.setOrg({ run: { costUsd: 0.03 } });
    const live = session();
    budgets.observe("demo", live, start);
    budgets.observe("demo", live, message(0.01, 100));
    budgets.observe("demo", live, message(0.01, 100));
    await nextTick();
    expect(live.aborts).toBe(0);
    budgets.observe("demo", live, message(0.01, 100));
    expect(live.events.at(-1)).toEqual({
      type: "budget_exceeded",
      budget: { scope: "org", period: "run", metric: "costUsd", limit: 0.03, spent: 0.03 },
    });
    budgets.observe("demo", live, message(0.01, 100));
    await nextTick();
    expect(live.aborts).toBe(1);
    expect(types(live.events).filter((type) => type === "budget_exceeded")).toHaveLength(1);
    // The next run starts from zero.
    budgets.observe("demo", live, end);
    budgets.observe("demo", live, start);
    budgets.observe("demo", live, message(0.01, 100));
    await nextTick();
    expect(live.aborts).toBe(1);
  });

  it("aborts when a tool call beyond the project's limit starts", async () => {
    const { budgets } = await service();
    await budgets.setOrg({ run: { toolCalls: 10 } });
    await budgets.setProject("demo", { run: { toolCalls: 2 } });
    const live = session();
    budgets.observe("demo", live, start);
    budgets.observe("demo", live, toolStart("a"));
    budgets.observe("demo", live, toolStart("b"));
    expect(types(live.events)).not.toContain("budget_exceeded");
    budgets.observe("demo", live, toolStart("c"));
    expect(live.events.at(-1)).toEqual({
      type: "budget_exceeded",
      budget: {
        scope: "project",
        project: "demo",
        period: "run",
        metric: "toolCalls",
        limit: 2,
        spent: 3,
      },
    });
    await nextTick();
    expect(live.aborts).toBe(1);
  });

  it("aborts a run mid-way when a period budget is crossed", async () => {
    const { budgets, spent } = await service();
    await budgets.setOrg({ month: { tokens: 1000 } });
    const live = session();
    budgets.observe("demo", live, start);
    spent.tokens = 700;
    budgets.observe("demo", live, message(0, 700));
    expect(types(live.events)).toEqual([]);
    spent.tokens = 1200;
    budgets.observe("demo", live, message(0, 500));
    expect(live.events.at(-1)).toMatchObject({
      type: "budget_exceeded",
      budget: { scope: "org", period: "month", metric: "tokens", limit: 1000, spent: 1200 },
    });
  });

  it("aborts at the wall-time limit and warns at its fraction", async () => {
    vi.useFakeTimers();
    const { budgets, warnings } = await service();
    await budgets.setOrg({ run: { wallTimeMs: 1000 }, warnAtFraction: 0.5 });
    const live = session();
    budgets.observe("demo", live, start);
    vi.advanceTimersByTime(499);
    expect(live.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(types(live.events)).toEqual(["budget_warning"]);
    expect(warnings).toHaveLength(1);
    vi.advanceTimersByTime(500);
    expect(types(live.events)).toEqual(["budget_warning", "budget_exceeded"]);
    // The service's clock stands still here, as a timer firing a little early sees it:
    // the time the timer waited is what the run has spent at least.
    expect(
      live.events.map((event) => (event as { budget: { spent: number } }).budget.spent),
    ).toEqual([500, 1000]);
    vi.runAllTimers();
    expect(live.aborts).toBe(1);
  });

  it("does not abort a run that ended before its wall-time limit", async () => {
    vi.useFakeTimers();
    const { budgets } = await service();
    await budgets.setOrg({ run: { wallTimeMs: 1000 } });
    const live = session();
    budgets.observe("demo", live, start);
    budgets.observe("demo", live, end);
    vi.advanceTimersByTime(5000);
    expect(live.events).toEqual([]);
    expect(live.aborts).toBe(0);
  });

  it("warns once per budget and period at the warning fraction, on the stream and the webhook", async () => {
    const { budgets, spent, warnings } = await service();
    await budgets.setProject("demo", { day: { costUsd: 1 } });
    const live = session();
    budgets.observe("demo", live, start);
    spent.costUsd = 0.79;
    budgets.observe("demo", live, message(0.79, 10));
    expect(live.events).toEqual([]);
    spent.costUsd = 0.85;
    budgets.observe("demo", live, message(0.06, 10));
    spent.costUsd = 0.9;
    budgets.observe("demo", live, message(0.05, 10));
    expect(live.events).toEqual([
      {
        type: "budget_warning",
        budget: {
          scope: "project",
          project: "demo",
          period: "day",
          metric: "costUsd",
          limit: 1,
          spent: 0.85,
        },
        fraction: 0.85,
        warnAtFraction: 0.8,
      },
    ]);
    expect(warnings).toEqual([
      {
        projectId: "demo",
        sessionId: "s1",
        budget: {
          scope: "project",
          project: "demo",
          period: "day",
          metric: "costUsd",
          limit: 1,
          spent: 0.85,
        },
        fraction: 0.85,
        warnAtFraction: 0.8,
      },
    ]);
  });

  it("keeps the limits in budgets.json across reopening", async () => {
    const file = join(await tempDir(), "budgets.json");
    const first = await service(file);
    await first.budgets.setOrg({ month: { costUsd: 100 }, warnAtFraction: 0.9 });
    await first.budgets.setProject("demo", { run: { toolCalls: 5 } });
    await first.budgets.setProject("gone", { day: { tokens: 5 } });
    await first.budgets.setProject("gone", {});
    await first.budgets.close();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({
      org: { month: { costUsd: 100 }, warnAtFraction: 0.9 },
      projects: { demo: { run: { toolCalls: 5 } } },
      warned: [],
    });
    const second = await service(file);
    expect(second.budgets.org()).toEqual({ month: { costUsd: 100 }, warnAtFraction: 0.9 });
    expect(second.budgets.project("demo")).toEqual({ run: { toolCalls: 5 } });
    expect(second.budgets.project("gone")).toEqual({});
  });

  it("remembers a period's warning across reopening, and warns again in the next period", async () => {
    const file = join(await tempDir(), "budgets.json");
    let now = Date.parse("2026-05-20T10:00:00Z");
    const open = () =>
      BudgetService.open({ file, spent: () => ({ costUsd: 0.9, tokens: 0 }), now: () => now });
    const warnedIn = async (budgets: BudgetService) => {
      const live = session();
      budgets.observe("demo", live, start);
      budgets.observe("demo", live, message(0.1, 10));
      await budgets.close();
      return types(live.events).filter((type) => type === "budget_warning").length;
    };
    const first = await open();
    await first.setProject("demo", { day: { costUsd: 1 } });
    expect(await warnedIn(first)).toBe(1);
    expect(await warnedIn(await open())).toBe(0);
    now = Date.parse("2026-05-21T10:00:00Z");
    expect(await warnedIn(await open())).toBe(1);
    // Warnings of periods long over are dropped from the file.
    now = Date.parse("2026-07-01T10:00:00Z");
    const later = await open();
    await later.setProject("demo", { day: { costUsd: 1 } });
    await later.close();
    expect(JSON.parse(await readFile(file, "utf8")).warned).toEqual([]);
  });
});
