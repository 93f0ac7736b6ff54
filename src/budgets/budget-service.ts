import type { BudgetRef } from "../contract/server-events.js";
import { AppError } from "../errors/index.js";
import { createLogger, type Logger } from "../logging/logger.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import {
  type BudgetLimits,
  type BudgetSettings,
  describeBudget,
  effectiveRunLimits,
  firstSpent,
  type PeriodStatus,
  periodStatuses,
  type SpentReader,
  warnAtFor,
} from "./budget-math.js";
import { type BudgetStore, FileBudgetStore } from "./budget-store.js";
import { type BudgetedSession, RunBudgets } from "./run-budgets.js";

export type { BudgetedSession };

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
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #runs: RunBudgets;
  #stopWatching: () => void = () => undefined;

  private constructor(
    options: BudgetServiceOptions,
    store: BudgetStore,
    settings: BudgetSettings,
    warned: readonly string[],
  ) {
    this.#settings = settings;
    this.#store = store;
    this.#spent = options.spent;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? createLogger({ level: "error" });
    this.#runs = new RunBudgets({
      settings: () => this.#settings,
      store,
      spent: this.#spent,
      warned: new Set(warned),
      onWarning: options.onWarning ?? (() => undefined),
      now: this.#now,
      logger: this.#logger,
    });
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
      this.#runs.observe(projectId, session, event);
    } catch (error) {
      this.#logger.error("budgets failed on an event", {
        event: event.type,
        message: (error as Error).message,
      });
    }
  };

  /** Waits for pending writes, stops every wall-time timer and stops following changes. */
  async close(): Promise<void> {
    this.#stopWatching();
    await this.#runs.close();
    await this.#store.close();
  }
}

/** The problem for a spent budget. */
export function budgetExceeded(budget: BudgetRef): AppError {
  return new AppError("BUDGET_EXCEEDED", describeBudget(budget), { extensions: { budget } });
}
