import { readFile } from "node:fs/promises";
import type { Logger } from "../logging/logger.js";
import { writeFileAtomic } from "../storage/index.js";
import type { BudgetSettings } from "./budget-math.js";

/** The limits, and the period warnings already sent (`<scope>:<project>:<period>:<start ms>:<metric>`). */
export interface BudgetState {
  settings: BudgetSettings;
  warned: string[];
}

/**
 * Where budgets keep their limits and the period warnings already sent: `budgets.json`
 * ({@link FileBudgetStore}) or the cluster's database (`PgBudgetStore`), where a
 * warning is recorded once for the whole cluster.
 */
export interface BudgetStore {
  load(): Promise<BudgetState>;
  /** Applies `change` to the newest stored limits and stores the result, which it returns. */
  update(change: (settings: BudgetSettings) => BudgetSettings): Promise<BudgetSettings>;
  /**
   * Records that the period warning `key` is sent: true when this call recorded it first
   * (then the caller sends it), false when it was already sent. Answers at once when
   * the store can decide alone.
   */
  recordWarning(key: string): boolean | Promise<boolean>;
  /** Calls `onChange` with limits another process stored, until the returned function is called. */
  watch(onChange: (settings: BudgetSettings) => void): Promise<() => void>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}

const emptySettings = (): BudgetSettings => ({ org: {}, projects: {} });

/** Warnings of periods that started more than this long ago can never repeat. */
export const warnedRetentionMs = 32 * 24 * 60 * 60 * 1000;

/** The period start (ms) a warning key names; keys end with `:<start ms>:<metric>`. */
export function warnedPeriodStart(key: string): number {
  return Number(key.split(":").at(-2));
}

/**
 * Budgets in one file (`.pi-global/budgets.json`, replaced atomically) or, without a
 * file, in memory. This process is the only writer, so it decides warnings alone.
 */
export class FileBudgetStore implements BudgetStore {
  readonly #file: string | undefined;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  #state: BudgetState = { settings: emptySettings(), warned: [] };
  #writes: Promise<void> = Promise.resolve();

  constructor(file: string | undefined, now: () => number = Date.now, logger?: Logger) {
    this.#file = file;
    this.#now = now;
    this.#logger = logger;
  }

  async load(): Promise<BudgetState> {
    if (this.#file) {
      try {
        const parsed = JSON.parse(await readFile(this.#file, "utf8")) as Partial<
          BudgetSettings & { warned: string[] }
        >;
        this.#state = {
          settings: { org: parsed.org ?? {}, projects: parsed.projects ?? {} },
          warned: Array.isArray(parsed.warned) ? parsed.warned : [],
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    return structuredClone(this.#state);
  }

  async update(change: (settings: BudgetSettings) => BudgetSettings): Promise<BudgetSettings> {
    const before = this.#state.settings;
    const changed = change(before);
    this.#state = { ...this.#state, settings: changed };
    try {
      await this.#save();
    } catch (error) {
      // Undone unless a later change was made on top of it meanwhile.
      if (this.#state.settings === changed) this.#state = { ...this.#state, settings: before };
      throw error;
    }
    return this.#state.settings;
  }

  recordWarning(key: string): boolean {
    if (this.#state.warned.includes(key)) return false;
    this.#state.warned.push(key);
    // The warning goes out now; a failed write only risks sending it again after a restart.
    this.#save().catch((error: unknown) => {
      this.#logger?.error("budgets could not record a warning", { error: String(error) });
    });
    return true;
  }

  async watch(): Promise<() => void> {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.#writes;
  }

  #save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    const cutoff = this.#now() - warnedRetentionMs;
    this.#state.warned = this.#state.warned.filter((key) => warnedPeriodStart(key) >= cutoff);
    const content = `${JSON.stringify({ ...this.#state.settings, warned: this.#state.warned }, null, 2)}\n`;
    const write = this.#writes.then(() => writeFileAtomic(file, content));
    this.#writes = write.catch(() => undefined);
    return write;
  }
}
