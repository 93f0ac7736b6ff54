import type { MessageRecord, RunOutcome, UsageRecord } from "./usage-records.js";

/** All-time totals of one provider/model pair. */
export interface ModelTotals {
  provider: string;
  model: string;
  /** Assistant messages by stop reason. */
  messages: Map<string, number>;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
  costUsd: number;
}

/**
 * Running all-time totals, updated as records are added (including those reloaded from
 * the log), so a metrics scrape never has to scan the records.
 */
export class UsageTotals {
  readonly models = new Map<string, ModelTotals>();
  readonly runs = new Map<RunOutcome, number>();
  /** Tool executions keyed by `tool` then `ok` / `error`. */
  readonly tools = new Map<string, { ok: number; error: number }>();

  add(record: UsageRecord): void {
    if (record.kind === "message") this.#addMessage(record);
    else if (record.kind === "run") {
      this.runs.set(record.outcome, (this.runs.get(record.outcome) ?? 0) + 1);
    } else {
      let tool = this.tools.get(record.tool);
      if (!tool) {
        tool = { ok: 0, error: 0 };
        this.tools.set(record.tool, tool);
      }
      if (record.isError) tool.error += 1;
      else tool.ok += 1;
    }
  }

  #addMessage(record: MessageRecord): void {
    const key = `${record.provider}/${record.model}`;
    let totals = this.models.get(key);
    if (!totals) {
      totals = {
        provider: record.provider,
        model: record.model,
        messages: new Map(),
        tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        costUsd: 0,
      };
      this.models.set(key, totals);
    }
    totals.messages.set(record.stopReason, (totals.messages.get(record.stopReason) ?? 0) + 1);
    totals.tokens.input += record.tokens.input;
    totals.tokens.output += record.tokens.output;
    totals.tokens.cacheRead += record.tokens.cacheRead;
    totals.tokens.cacheWrite += record.tokens.cacheWrite;
    totals.costUsd += record.cost.total;
  }
}
