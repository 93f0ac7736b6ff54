import { runOutcomes, tokenParts, type UsageColumns } from "./usage-columns.js";
import type { CostBreakdown, TokenCounts } from "./usage-records.js";

export const usageGroupings = ["project", "model", "day", "tool"] as const;
export type UsageGrouping = (typeof usageGroupings)[number];

export interface UsageQuery {
  /** Inclusive lower bound, epoch ms. */
  from: number;
  /** Exclusive upper bound, epoch ms. */
  to: number;
  projectId?: string | undefined;
  /** A model id (`claude-sonnet-4-5`) or `provider/model`. */
  model?: string | undefined;
  groupBy: UsageGrouping;
}

export interface DurationPercentiles {
  p50: number;
  p95: number;
}

export interface UsageRow {
  key: string;
  messages: number;
  /** Assistant messages that ended with stop reason `error`. */
  errors: number;
  tokens: TokenCounts;
  cost: CostBreakdown;
  runs: {
    count: number;
    succeeded: number;
    failed: number;
    aborted: number;
    /** `succeeded / count`; null without runs. */
    successRate: number | null;
    durationMs: DurationPercentiles | null;
  };
  tools: { calls: number; errors: number; durationMs: DurationPercentiles | null };
}

export interface UsageReport {
  totals: UsageRow;
  groups: UsageRow[];
}

interface Accumulator {
  key: string;
  messages: number;
  errors: number;
  tokens: Float64Array;
  cost: Float64Array;
  outcomes: Float64Array;
  runDurations: number[];
  toolCalls: number;
  toolErrors: number;
  toolDurations: number[];
}

function accumulator(key: string): Accumulator {
  return {
    key,
    messages: 0,
    errors: 0,
    tokens: new Float64Array(tokenParts.length),
    cost: new Float64Array(tokenParts.length),
    outcomes: new Float64Array(runOutcomes.length),
    runDurations: [],
    toolCalls: 0,
    toolErrors: 0,
    toolDurations: [],
  };
}

/** Nearest-rank percentiles of `values`. */
export function percentiles(values: readonly number[]): DurationPercentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { p50: rank(0.5), p95: rank(0.95) };
}

const dayMs = 86_400_000;
const dayKey = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

function toRow(acc: Accumulator): UsageRow {
  const parts = (values: Float64Array): TokenCounts => {
    const [input = 0, output = 0, cacheRead = 0, cacheWrite = 0, total = 0] = values;
    return { input, output, cacheRead, cacheWrite, total };
  };
  const [succeeded = 0, failed = 0, aborted = 0] = acc.outcomes;
  const count = succeeded + failed + aborted;
  return {
    key: acc.key,
    messages: acc.messages,
    errors: acc.errors,
    tokens: parts(acc.tokens),
    cost: parts(acc.cost),
    runs: {
      count,
      succeeded,
      failed,
      aborted,
      successRate: count === 0 ? null : succeeded / count,
      durationMs: percentiles(acc.runDurations),
    },
    tools: {
      calls: acc.toolCalls,
      errors: acc.toolErrors,
      durationMs: percentiles(acc.toolDurations),
    },
  };
}

interface Scope {
  project: number | undefined;
  /** Allowed model pair ids; undefined for any. */
  models: Uint8Array | undefined;
}

/** Resolves the filters to dictionary ids; null when nothing can match. */
function scope(columns: UsageColumns, query: UsageQuery): Scope | null {
  let project: number | undefined;
  if (query.projectId !== undefined) {
    project = columns.projects.find(query.projectId);
    if (project === undefined) return null;
  }
  let models: Uint8Array | undefined;
  if (query.model !== undefined) {
    const allowed = new Uint8Array(columns.pairs.length);
    let any = false;
    columns.pairs.forEach((pair, id) => {
      if (
        pair &&
        (pair.model === query.model || `${pair.provider}/${pair.model}` === query.model)
      ) {
        allowed[id] = 1;
        any = true;
      }
    });
    if (!any) return null;
    models = allowed;
  }
  return { project, models };
}

type Table = UsageColumns["messages"] | UsageColumns["runs"] | UsageColumns["toolCalls"];

/** Calls `visit` for every row of `table` inside the range and scope. */
function scan(table: Table, query: UsageQuery, where: Scope, visit: (row: number) => void) {
  const at = table.at.data;
  const project = table.project.data;
  const model = table.model.data;
  const { from, to } = query;
  for (let row = table.lowerBound(from); row < table.length; row++) {
    const time = at[row] as number;
    if (time >= to) {
      if (table.ordered) break;
      continue;
    }
    if (time < from) continue;
    if (where.project !== undefined && project[row] !== where.project) continue;
    if (where.models && where.models[model[row] as number] !== 1) continue;
    visit(row);
  }
}

/**
 * Totals and per-group rows of the records inside the query's range and filters.
 * Messages and runs are grouped by project, model or UTC day; grouped by tool, only tool
 * executions make up the groups (tokens and runs are not attributable to one tool) while
 * the totals still cover everything. Groups are sorted by key.
 */
export function aggregateUsage(columns: UsageColumns, query: UsageQuery): UsageReport {
  const totals = accumulator("total");
  const where = scope(columns, query);
  if (!where) return { totals: toRow(totals), groups: [] };
  const groups = new Map<number, Accumulator>();
  const keyOf: (id: number) => string =
    query.groupBy === "project"
      ? (id) => columns.projects.values[id] ?? "unknown"
      : query.groupBy === "model"
        ? (id) => columns.models.values[id] ?? "unknown"
        : query.groupBy === "day"
          ? dayKey
          : (id) => columns.tools.values[id] ?? "unknown";
  const group = (id: number) => {
    let acc = groups.get(id);
    if (!acc) {
      acc = accumulator(keyOf(id));
      groups.set(id, acc);
    }
    return acc;
  };
  const groupIdOf = (table: Table): ((row: number) => number) | null => {
    if (query.groupBy === "project") return (row) => table.project.data[row] as number;
    if (query.groupBy === "model") return (row) => table.model.data[row] as number;
    if (query.groupBy === "day") return (row) => Math.floor((table.at.data[row] as number) / dayMs);
    return table === columns.toolCalls ? (row) => columns.toolCalls.tool.data[row] as number : null;
  };

  const { messages, runs, toolCalls } = columns;
  const messageGroup = groupIdOf(messages);
  const tokens = messages.tokens.map((column) => column.data);
  const cost = messages.cost.map((column) => column.data);
  const isError = messages.isError.data;
  const addMessage = (acc: Accumulator, row: number) => {
    acc.messages += 1;
    acc.errors += isError[row] as number;
    for (let part = 0; part < tokenParts.length; part++) {
      (acc.tokens[part] as number) += (tokens[part] as Float64Array)[row] as number;
      (acc.cost[part] as number) += (cost[part] as Float64Array)[row] as number;
    }
  };
  scan(messages, query, where, (row) => {
    addMessage(totals, row);
    if (messageGroup) addMessage(group(messageGroup(row)), row);
  });

  const runGroup = groupIdOf(runs);
  const addRun = (acc: Accumulator, row: number) => {
    (acc.outcomes[runs.outcome.data[row] as number] as number) += 1;
    acc.runDurations.push(runs.durationMs.data[row] as number);
  };
  scan(runs, query, where, (row) => {
    addRun(totals, row);
    if (runGroup) addRun(group(runGroup(row)), row);
  });

  const toolGroup = groupIdOf(toolCalls) as (row: number) => number;
  const addTool = (acc: Accumulator, row: number) => {
    acc.toolCalls += 1;
    acc.toolErrors += toolCalls.isError.data[row] as number;
    acc.toolDurations.push(toolCalls.durationMs.data[row] as number);
  };
  scan(toolCalls, query, where, (row) => {
    addTool(totals, row);
    addTool(group(toolGroup(row)), row);
  });

  const rows = [...groups.values()].map(toRow);
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { totals: toRow(totals), groups: rows };
}
