import type { RunOutcome, UsageRecord } from "./usage-records.js";

/** Interns strings as small integers; index 0 is reserved for "none". */
export class Dictionary {
  readonly values: (string | null)[] = [null];
  readonly #index = new Map<string, number>();

  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.#index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#index.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.#index.get(value);
  }
}

/** A growable column of numbers. */
class Column<T extends Float64Array | Uint32Array | Uint8Array> {
  data: T;
  constructor(readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[index] = value;
  }
}

const f64 = () => new Column((n) => new Float64Array(n));
const u32 = () => new Column((n) => new Uint32Array(n));
const u8 = () => new Column((n) => new Uint8Array(n));

/** Columns shared by every table: time, project and model (a `provider/model` pair id). */
class Table {
  length = 0;
  /** Whether `at` never decreased, so ranges can be found by binary search. */
  ordered = true;
  readonly at = f64();
  readonly project = u32();
  readonly model = u32();

  protected push(at: number, project: number, model: number): number {
    const row = this.length++;
    if (row > 0 && at < (this.at.data[row - 1] ?? 0)) this.ordered = false;
    this.at.set(row, at);
    this.project.set(row, project);
    this.model.set(row, model);
    return row;
  }

  /** First row at or after `from` (0 when unordered). */
  lowerBound(from: number): number {
    if (!this.ordered) return 0;
    const at = this.at.data;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export const tokenParts = ["input", "output", "cacheRead", "cacheWrite", "total"] as const;

export class MessageTable extends Table {
  readonly tokens = tokenParts.map(f64);
  readonly cost = tokenParts.map(f64);
  readonly isError = u8();

  add(at: number, project: number, model: number, record: UsageRecord & { kind: "message" }) {
    const row = this.push(at, project, model);
    for (let i = 0; i < tokenParts.length; i++) {
      const part = tokenParts[i] as (typeof tokenParts)[number];
      this.tokens[i]?.set(row, record.tokens[part]);
      this.cost[i]?.set(row, record.cost[part]);
    }
    this.isError.set(row, record.stopReason === "error" ? 1 : 0);
  }
}

export const runOutcomes: readonly RunOutcome[] = ["succeeded", "failed", "aborted"];

export class RunTable extends Table {
  readonly durationMs = f64();
  readonly outcome = u8();

  add(at: number, project: number, model: number, durationMs: number, outcome: RunOutcome) {
    const row = this.push(at, project, model);
    this.durationMs.set(row, durationMs);
    this.outcome.set(row, runOutcomes.indexOf(outcome));
  }
}

export class ToolTable extends Table {
  readonly tool = u32();
  readonly durationMs = f64();
  readonly isError = u8();

  add(
    at: number,
    project: number,
    model: number,
    tool: number,
    durationMs: number,
    isError: boolean,
  ) {
    const row = this.push(at, project, model);
    this.tool.set(row, tool);
    this.durationMs.set(row, durationMs);
    this.isError.set(row, isError ? 1 : 0);
  }
}

/**
 * The records in the shape aggregation wants: one table of numeric columns per kind,
 * strings replaced by dictionary ids. Far smaller than the record objects, and scanned
 * by tight loops. Only what aggregation reads is kept; the log has the rest.
 */
export class UsageColumns {
  readonly projects = new Dictionary();
  readonly tools = new Dictionary();
  /** `provider/model` pairs; `pairs[id]` gives the parts back. */
  readonly models = new Dictionary();
  readonly pairs: ({ provider: string; model: string } | null)[] = [null];
  readonly #pairIds = new Map<string, Map<string, number>>();
  readonly messages = new MessageTable();
  readonly runs = new RunTable();
  readonly toolCalls = new ToolTable();

  static from(records: Iterable<UsageRecord>): UsageColumns {
    const columns = new UsageColumns();
    for (const record of records) columns.add(record);
    return columns;
  }

  get size(): number {
    return this.messages.length + this.runs.length + this.toolCalls.length;
  }

  add(record: UsageRecord): void {
    const project = this.projects.id(record.projectId);
    const model = this.#pair(record.provider, record.model);
    if (record.kind === "message") this.messages.add(record.at, project, model, record);
    else if (record.kind === "run") {
      this.runs.add(record.at, project, model, record.durationMs, record.outcome);
    } else {
      const tool = this.tools.id(record.tool);
      this.toolCalls.add(record.at, project, model, tool, record.durationMs, record.isError);
    }
  }

  /** Looked up without building the `provider/model` string: this runs for every record. */
  #pair(provider: string | null, model: string | null): number {
    if (model === null) return 0;
    const byModel = this.#pairIds.get(provider ?? "unknown") ?? new Map<string, number>();
    if (byModel.size === 0) this.#pairIds.set(provider ?? "unknown", byModel);
    let id = byModel.get(model);
    if (id === undefined) {
      id = this.models.id(`${provider ?? "unknown"}/${model}`);
      if (id === this.pairs.length) this.pairs.push({ provider: provider ?? "unknown", model });
      byModel.set(model, id);
    }
    return id;
  }
}
