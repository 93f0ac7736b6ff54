import type { BudgetRef, ServerEvent } from "../contract/server-events.js";
import type { Logger } from "../logging/logger.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import {
  type BudgetSettings,
  effectiveRunLimits,
  firstSpent,
  fractionOf,
  isWarned,
  periodBounds,
  periodStatuses,
  type RunMetric,
  type SpentReader,
  warnAtFor,
} from "./budget-math.js";
import { type BudgetStore, warnedPeriodStart, warnedRetentionMs } from "./budget-store.js";

/** What the budgets need of a running session. `LiveSession` satisfies it. */
export interface BudgetedSession {
  readonly id: string;
  readonly hub: { publish(event: ServerEvent): unknown };
  abort(): Promise<void>;
}

/** What a {@link RunBudgets} reads and writes through its budget service. */
export interface RunBudgetsOptions {
  /** The limits as they are now (they change while runs go on). */
  settings: () => BudgetSettings;
  store: BudgetStore;
  spent: SpentReader;
  /**
   * Period warnings already sent, by budget and period start (`…:<start ms>:<metric>`);
   * recorded in the store, so a restart (or another node) does not warn again within
   * the same period.
   */
  warned: Set<string>;
  onWarning: (data: Record<string, unknown>) => void;
  now: () => number;
  logger: Logger;
}

/** What one run has used so far. */
interface RunCounters {
  startedAt: number;
  costUsd: number;
  tokens: number;
  toolCalls: number;
  exceeded: boolean;
  timer: NodeJS.Timeout | undefined;
  /** Run-limit warnings already sent, by metric. */
  warned: Set<string>;
}

/** The pi events the run budgets count or time runs by. */
const countedTypes: ReadonlySet<string> = new Set([
  "agent_start",
  "agent_end",
  "message_end",
  "tool_execution_start",
]);

/**
 * The budgets at work on running sessions: counts each run's cost, tokens, tool calls
 * and wall time, warns (stream event and webhook) at the warning fraction of a run or
 * period budget, once per run or period, and aborts a run that crosses a limit.
 */
export class RunBudgets {
  readonly #options: RunBudgetsOptions;
  readonly #runs = new Map<string, RunCounters>();
  readonly #recording = new Set<Promise<unknown>>();

  constructor(options: RunBudgetsOptions) {
    this.#options = options;
  }

  /** Stops every wall-time timer and waits for the warnings being recorded. */
  async close(): Promise<void> {
    for (const run of this.#runs.values()) clearTimeout(run.timer);
    this.#runs.clear();
    await Promise.allSettled(this.#recording);
  }

  get #settings(): BudgetSettings {
    return this.#options.settings();
  }

  get #warned(): Set<string> {
    return this.#options.warned;
  }

  #now(): number {
    return this.#options.now();
  }

  #runLimits(projectId: string) {
    return effectiveRunLimits(this.#settings, projectId);
  }

  #warnAtFraction(projectId?: string): number {
    return warnAtFor(this.#settings, projectId);
  }

  /** Counts `event` of `session` in `projectId`; may warn or abort the run. */
  observe(projectId: string, session: BudgetedSession, event: AgentSessionEvent): void {
    // A reply's deltas count toward no limit: leave before building the run's key.
    if (!countedTypes.has(event.type)) return;
    const key = `${projectId}/${session.id}`;
    switch (event.type) {
      case "agent_start": {
        const previous = this.#runs.get(key);
        if (previous) clearTimeout(previous.timer);
        const run: RunCounters = {
          startedAt: this.#now(),
          costUsd: 0,
          tokens: 0,
          toolCalls: 0,
          exceeded: false,
          timer: undefined,
          warned: new Set(),
        };
        this.#runs.set(key, run);
        this.#armWallTime(projectId, session, run);
        return;
      }
      case "agent_end": {
        const run = this.#runs.get(key);
        if (run) clearTimeout(run.timer);
        this.#runs.delete(key);
        return;
      }
      case "message_end": {
        const message = event.message;
        if (message.role !== "assistant") return;
        const run = this.#runs.get(key);
        if (run) {
          run.costUsd += message.usage.cost.total;
          run.tokens += message.usage.totalTokens;
        }
        this.#check(projectId, session, run, ["costUsd", "tokens"], true);
        return;
      }
      case "tool_execution_start": {
        const run = this.#runs.get(key);
        if (!run) return;
        run.toolCalls += 1;
        this.#check(projectId, session, run, ["toolCalls"], false);
        return;
      }
    }
  }

  #armWallTime(projectId: string, session: BudgetedSession, run: RunCounters): void {
    const limit = this.#runLimits(projectId).find((entry) => entry.metric === "wallTimeMs");
    if (!limit) return;
    const warnAt = this.#warnAtFraction(projectId);
    const current = () => this.#runs.get(`${projectId}/${session.id}`) === run;
    // A timer may fire a little before the clock shows its delay gone (libuv counts from
    // the loop's cached time), so what it waited for is the least the run has spent.
    const spentSoFar = (waited: number): BudgetRef => ({
      scope: limit.scope,
      ...(limit.scope === "project" ? { project: projectId } : {}),
      period: "run",
      metric: "wallTimeMs",
      limit: limit.limit,
      spent: Math.max(waited, this.#now() - run.startedAt),
    });
    const warnDelay = limit.limit * warnAt;
    const warnTimer = setTimeout(() => {
      if (!current() || run.exceeded) return;
      this.#guarded("wall-time warning", () =>
        this.#warn(projectId, session, run.warned, "wallTimeMs", spentSoFar(warnDelay), warnAt),
      );
    }, warnDelay);
    warnTimer.unref();
    run.timer = setTimeout(() => {
      clearTimeout(warnTimer);
      if (!current()) return;
      this.#guarded("wall-time limit", () => this.#exceed(session, run, spentSoFar(limit.limit)));
    }, limit.limit);
    run.timer.unref();
  }

  /** Checks the run's limits in `metrics` (and the period budgets when `periods`). */
  #check(
    projectId: string,
    session: BudgetedSession,
    run: RunCounters | undefined,
    metrics: readonly RunMetric[],
    periods: boolean,
  ): void {
    const warnAt = this.#warnAtFraction(projectId);
    const candidates: Array<{ ref: BudgetRef; warned: Set<string>; warnKey: string }> = [];
    if (run) {
      for (const limit of this.#runLimits(projectId)) {
        if (!metrics.includes(limit.metric)) continue;
        candidates.push({
          ref: {
            scope: limit.scope,
            ...(limit.scope === "project" ? { project: projectId } : {}),
            period: "run",
            metric: limit.metric,
            limit: limit.limit,
            spent: run[limit.metric as "costUsd" | "tokens" | "toolCalls"],
          },
          warned: run.warned,
          warnKey: limit.metric,
        });
      }
    }
    if (periods) {
      for (const row of periodStatuses(
        this.#settings,
        projectId,
        this.#now(),
        this.#options.spent,
      )) {
        const start = periodBounds(row.period, Date.parse(row.periodStart)).start;
        candidates.push({
          ref: row,
          warned: this.#warned,
          warnKey: `${row.scope}:${row.project ?? ""}:${row.period}:${start}:${row.metric}`,
        });
      }
    }
    for (const { ref, warned, warnKey } of candidates) {
      const own =
        ref.scope === "org" && ref.period !== "run" ? warnAtFor(this.#settings, undefined) : warnAt;
      if (isWarned(ref.metric, ref.spent, ref.limit, own))
        this.#warn(projectId, session, warned, warnKey, ref, own);
    }
    const spent = firstSpent(candidates.map((candidate) => candidate.ref));
    if (spent && run && !run.exceeded) this.#exceed(session, run, spent);
  }

  #warn(
    projectId: string,
    session: BudgetedSession,
    warned: Set<string>,
    key: string,
    ref: BudgetRef,
    warnAt: number,
  ) {
    if (warned.has(key)) return;
    warned.add(key);
    const send = () => this.#send(projectId, session, ref, warnAt);
    if (warned !== this.#warned) return send();
    this.#forgetEndedPeriods();
    const first = this.#options.store.recordWarning(key);
    if (first === true) return send();
    if (first === false) return;
    const recording = first
      .then((recorded) => recorded && this.#guarded("period warning", send))
      .catch((error: unknown) => {
        this.#options.logger.error("budgets could not record a warning", { error: String(error) });
      })
      .finally(() => this.#recording.delete(recording));
    this.#recording.add(recording);
  }

  #send(projectId: string, session: BudgetedSession, ref: BudgetRef, warnAt: number): void {
    const budget = {
      scope: ref.scope,
      ...(ref.project === undefined ? {} : { project: ref.project }),
      period: ref.period,
      metric: ref.metric,
      limit: ref.limit,
      spent: ref.spent,
    };
    const fraction = fractionOf(ref.spent, ref.limit);
    session.hub.publish({ type: "budget_warning", budget, fraction, warnAtFraction: warnAt });
    this.#options.onWarning({
      projectId,
      sessionId: session.id,
      budget,
      fraction,
      warnAtFraction: warnAt,
    });
  }

  #exceed(session: BudgetedSession, run: RunCounters, budget: BudgetRef): void {
    if (run.exceeded) return;
    run.exceeded = true;
    clearTimeout(run.timer);
    session.hub.publish({ type: "budget_exceeded", budget });
    // Called at once, inside pi's event, so pi stops before its next model call or tool.
    session.abort().catch((error: unknown) => {
      this.#options.logger.error("budgets could not abort a run", {
        sessionId: session.id,
        message: (error as Error).message,
      });
    });
  }

  /** Runs a timer's work; a session disposed meanwhile must not take the process down. */
  #guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#options.logger.error(`budgets failed on a ${what}`, {
        message: (error as Error).message,
      });
    }
  }

  /** Drops warnings of periods that started more than a month ago: they can never repeat. */
  #forgetEndedPeriods(): void {
    const cutoff = this.#now() - warnedRetentionMs;
    for (const key of this.#warned) {
      if (!(warnedPeriodStart(key) >= cutoff)) this.#warned.delete(key);
    }
  }
}
