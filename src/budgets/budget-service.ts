import type { BudgetRef, ServerEvent } from "../contract/server-events.js";
import { AppError } from "../errors/index.js";
import { createLogger, type Logger } from "../logging/logger.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import {
  type BudgetLimits,
  type BudgetSettings,
  describeBudget,
  effectiveRunLimits,
  firstSpent,
  fractionOf,
  isWarned,
  type PeriodStatus,
  periodBounds,
  periodStatuses,
  type RunMetric,
  type SpentReader,
  warnAtFor,
} from "./budget-math.js";
import {
  type BudgetStore,
  FileBudgetStore,
  warnedPeriodStart,
  warnedRetentionMs,
} from "./budget-store.js";

/** What the budgets need of a running session. `LiveSession` satisfies it. */
export interface BudgetedSession {
  readonly id: string;
  readonly hub: { publish(event: ServerEvent): unknown };
  abort(): Promise<void>;
}

export interface BudgetServiceOptions {
  /** `.pi-global/budgets.json`; undefined keeps the limits in memory only. Unused with `store`. */
  file?: string | undefined;
  /** Where limits and sent warnings live. Default: a `FileBudgetStore` over `file`. */
  store?: BudgetStore | undefined;
  /** What is spent, from the usage records `/v1/usage` aggregates. */
  spent: SpentReader;
  /** Receives each warning (the `budget.warning` webhook). Default: none. */
  onWarning?: ((data: Record<string, unknown>) => void) | undefined;
  /** Clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  logger?: Logger;
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

/** The pi events a budget service counts or times runs by. */
const countedTypes: ReadonlySet<string> = new Set([
  "agent_start",
  "agent_end",
  "message_end",
  "tool_execution_start",
]);

/**
 * Org-wide and per-project budgets: their limits (kept in `budgets.json`), the gate that
 * refuses a run while a period budget is spent, and the observer that aborts a run
 * crossing a limit and warns at the warning fraction.
 *
 * @example
 * const budgets = await BudgetService.open({ file, spent: usageSpent(usage) });
 * new RuntimeManager({ ..., runGate: budgets.gate, onSessionEvent: budgets.observe });
 */
export class BudgetService {
  #settings: BudgetSettings;
  readonly #store: BudgetStore;
  readonly #spent: SpentReader;
  readonly #onWarning: (data: Record<string, unknown>) => void;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #runs = new Map<string, RunCounters>();
  /**
   * Period warnings already sent, by budget and period start (`…:<start ms>:<metric>`);
   * recorded in the store, so a restart (or another node) does not warn again within
   * the same period.
   */
  readonly #warned: Set<string>;
  readonly #recording = new Set<Promise<unknown>>();
  #stopWatching: () => void = () => undefined;

  private constructor(
    options: BudgetServiceOptions,
    store: BudgetStore,
    settings: BudgetSettings,
    warned: readonly string[],
  ) {
    this.#settings = settings;
    this.#warned = new Set(warned);
    this.#store = store;
    this.#spent = options.spent;
    this.#onWarning = options.onWarning ?? (() => undefined);
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? createLogger({ level: "error" });
  }

  /**
   * Loads the limits from `options.store` (else `options.file`; none when it does not
   * exist yet) and follows the changes other processes make to them.
   */
  static async open(options: BudgetServiceOptions): Promise<BudgetService> {
    const store = options.store ?? new FileBudgetStore(options.file, options.now, options.logger);
    const { settings, warned } = await store.load();
    const service = new BudgetService(options, store, settings, warned);
    service.#stopWatching = await store.watch((changed) => {
      service.#settings = changed;
    });
    return service;
  }

  /** The org's limits. */
  org(): BudgetLimits {
    return structuredClone(this.#settings.org);
  }

  /** A project's own limits (empty when it has none). */
  project(projectId: string): BudgetLimits {
    return structuredClone(this.#settings.projects[projectId] ?? {});
  }

  /** Replaces the org's limits and stores them. */
  async setOrg(limits: BudgetLimits): Promise<void> {
    this.#settings = await this.#store.update((settings) => ({
      ...settings,
      org: structuredClone(limits),
    }));
  }

  /** Replaces a project's limits (an empty object removes them) and stores them. */
  async setProject(projectId: string, limits: BudgetLimits): Promise<void> {
    this.#settings = await this.#store.update((settings) => {
      const projects = { ...settings.projects };
      if (Object.keys(limits).length === 0) delete projects[projectId];
      else projects[projectId] = structuredClone(limits);
      return { ...settings, projects };
    });
  }

  /** The org's period limits with what is spent against each now. */
  orgStatus(): PeriodStatus[] {
    return periodStatuses(this.#settings, undefined, this.#now(), this.#spent, ["org"]);
  }

  /** A project's own period limits with what is spent against each now. */
  projectStatus(projectId: string): PeriodStatus[] {
    return periodStatuses(this.#settings, projectId, this.#now(), this.#spent, ["project"]);
  }

  /** The per-run limits a project's runs get (its own, else the org's, metric by metric). */
  runLimits(projectId: string) {
    return effectiveRunLimits(this.#settings, projectId);
  }

  /** The warning fraction for a project (or the org). */
  warnAtFraction(projectId?: string): number {
    return warnAtFor(this.#settings, projectId);
  }

  /**
   * Refuses a run of `projectId` while any of its period budgets (or the org's) is spent.
   * An arrow property, so it can be passed unbound.
   *
   * @throws {AppError} `BUDGET_EXCEEDED`, with `budget` naming the spent budget.
   */
  readonly gate = (projectId: string): void => {
    const spent = firstSpent(periodStatuses(this.#settings, projectId, this.#now(), this.#spent));
    if (spent) throw budgetExceeded(spent);
  };

  /**
   * The session event listener: counts each run, aborts it when it crosses a limit and
   * warns at the warning fraction. Never throws. Pass it after the usage recorder, so
   * period totals include the message that just ended.
   */
  readonly observe = (projectId: string, session: BudgetedSession, event: AgentSessionEvent) => {
    try {
      this.#observe(projectId, session, event);
    } catch (error) {
      this.#logger.error("budgets failed on an event", {
        event: event.type,
        message: (error as Error).message,
      });
    }
  };

  /** Waits for pending writes, stops every wall-time timer and stops following changes. */
  async close(): Promise<void> {
    for (const run of this.#runs.values()) clearTimeout(run.timer);
    this.#runs.clear();
    this.#stopWatching();
    await Promise.allSettled(this.#recording);
    await this.#store.close();
  }

  #observe(projectId: string, session: BudgetedSession, event: AgentSessionEvent): void {
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
    const limit = this.runLimits(projectId).find((entry) => entry.metric === "wallTimeMs");
    if (!limit) return;
    const warnAt = this.warnAtFraction(projectId);
    const current = () => this.#runs.get(`${projectId}/${session.id}`) === run;
    const warnTimer = setTimeout(() => {
      if (!current() || run.exceeded) return;
      const ref: BudgetRef = {
        scope: limit.scope,
        ...(limit.scope === "project" ? { project: projectId } : {}),
        period: "run",
        metric: "wallTimeMs",
        limit: limit.limit,
        spent: this.#now() - run.startedAt,
      };
      this.#guarded("wall-time warning", () =>
        this.#warn(projectId, session, run.warned, "wallTimeMs", ref, warnAt),
      );
    }, limit.limit * warnAt);
    warnTimer.unref();
    run.timer = setTimeout(() => {
      clearTimeout(warnTimer);
      if (!current()) return;
      this.#guarded("wall-time limit", () =>
        this.#exceed(session, run, {
          scope: limit.scope,
          ...(limit.scope === "project" ? { project: projectId } : {}),
          period: "run",
          metric: "wallTimeMs",
          limit: limit.limit,
          spent: this.#now() - run.startedAt,
        }),
      );
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
    const warnAt = this.warnAtFraction(projectId);
    const candidates: Array<{ ref: BudgetRef; warned: Set<string>; warnKey: string }> = [];
    if (run) {
      for (const limit of this.runLimits(projectId)) {
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
      for (const row of periodStatuses(this.#settings, projectId, this.#now(), this.#spent)) {
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
    const first = this.#store.recordWarning(key);
    if (first === true) return send();
    if (first === false) return;
    const recording = first
      .then((recorded) => recorded && this.#guarded("period warning", send))
      .catch((error: unknown) => {
        this.#logger.error("budgets could not record a warning", { error: String(error) });
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
    this.#onWarning({ projectId, sessionId: session.id, budget, fraction, warnAtFraction: warnAt });
  }

  #exceed(session: BudgetedSession, run: RunCounters, budget: BudgetRef): void {
    if (run.exceeded) return;
    run.exceeded = true;
    clearTimeout(run.timer);
    session.hub.publish({ type: "budget_exceeded", budget });
    // Called at once, inside pi's event, so pi stops before its next model call or tool.
    session.abort().catch((error: unknown) => {
      this.#logger.error("budgets could not abort a run", {
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
      this.#logger.error(`budgets failed on a ${what}`, { message: (error as Error).message });
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

/** The problem for a spent budget. */
export function budgetExceeded(budget: BudgetRef): AppError {
  return new AppError("BUDGET_EXCEEDED", describeBudget(budget), { extensions: { budget } });
}
