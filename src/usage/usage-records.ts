/** Token counts as pi reports them on an assistant message. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
}

/** Cost in USD, split like pi's `usage.cost`. */
export interface CostBreakdown {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
}

/** Where a record happened: the project, the session and the task owning it, if any. */
interface RecordOrigin {
  /** Epoch milliseconds when the event was observed. */
  at: number;
  projectId: string;
  sessionId: string;
  taskId: string | null;
}

/** One assistant message as pi finished it. */
export interface MessageRecord extends RecordOrigin {
  kind: "message";
  provider: string;
  model: string;
  tokens: TokenCounts;
  cost: CostBreakdown;
  stopReason: string;
  error: string | null;
}

export type RunOutcome = "succeeded" | "failed" | "aborted";

/** One agent run, from `agent_start` to `agent_end`; `at` is its end. */
export interface RunRecord extends RecordOrigin {
  kind: "run";
  /** The model of the run's last assistant message; null when it produced none. */
  provider: string | null;
  model: string | null;
  durationMs: number;
  outcome: RunOutcome;
}

/** One tool execution; `at` is its end. */
export interface ToolRecord extends RecordOrigin {
  kind: "tool";
  /** The model that asked for the tool. */
  provider: string | null;
  model: string | null;
  tool: string;
  durationMs: number;
  isError: boolean;
}

export type UsageRecord = MessageRecord | RunRecord | ToolRecord;

/** Error texts are kept short: the log is telemetry, the transcript has the full message. */
export const maxErrorLength = 300;

/**
 * One record as one compact log line: a JSON array led by a kind letter, fields by
 * position. Appending a field at the end stays readable by older code that ignores it.
 */
export function encodeRecord(record: UsageRecord): string {
  const origin = [record.at, record.projectId, record.sessionId, record.taskId];
  switch (record.kind) {
    case "message": {
      const { tokens: t, cost: c } = record;
      return JSON.stringify([
        "m",
        ...origin,
        record.provider,
        record.model,
        t.input,
        t.output,
        t.cacheRead,
        t.cacheWrite,
        t.total,
        c.input,
        c.output,
        c.cacheRead,
        c.cacheWrite,
        c.total,
        record.stopReason,
        record.error,
      ]);
    }
    case "run":
      return JSON.stringify([
        "r",
        ...origin,
        record.provider,
        record.model,
        record.durationMs,
        record.outcome,
      ]);
    case "tool":
      return JSON.stringify([
        "t",
        ...origin,
        record.provider,
        record.model,
        record.tool,
        record.durationMs,
        record.isError ? 1 : 0,
      ]);
  }
}

const isNum = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
const isStr = (value: unknown): value is string => typeof value === "string";
const isOptStr = (value: unknown): value is string | null => value === null || isStr(value);
const outcomes = new Set<unknown>(["succeeded", "failed", "aborted"]);

/**
 * Parses one log line; `undefined` for anything that is not a well-formed record (a torn
 * write, a hand edit), so one bad line never hides the others.
 */
export function decodeRecord(line: string): UsageRecord | undefined {
  try {
    return decodeRow(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Checks one parsed log line; `undefined` when it is not a well-formed record. */
export function decodeRow(row: unknown): UsageRecord | undefined {
  if (!Array.isArray(row)) return undefined;
  const r = row as unknown[];
  const [kind, at, projectId, sessionId, taskId, provider, model] = r;
  if (!isNum(at) || !isStr(projectId) || !isStr(sessionId) || !isOptStr(taskId)) return undefined;
  if (!isOptStr(provider) || !isOptStr(model)) return undefined;
  if (kind === "m") {
    if (r.length < 19 || provider === null || model === null) return undefined;
    for (let i = 7; i < 17; i++) if (!isNum(r[i])) return undefined;
    const [stopReason, error] = [r[17], r[18]];
    if (!isStr(stopReason) || !isOptStr(error)) return undefined;
    const n = r as number[];
    return {
      kind: "message",
      at,
      projectId,
      sessionId,
      taskId,
      provider,
      model,
      tokens: {
        input: n[7] ?? 0,
        output: n[8] ?? 0,
        cacheRead: n[9] ?? 0,
        cacheWrite: n[10] ?? 0,
        total: n[11] ?? 0,
      },
      cost: {
        input: n[12] ?? 0,
        output: n[13] ?? 0,
        cacheRead: n[14] ?? 0,
        cacheWrite: n[15] ?? 0,
        total: n[16] ?? 0,
      },
      stopReason,
      error,
    };
  }
  if (kind === "r") {
    const [durationMs, outcome] = [r[7], r[8]];
    if (!isNum(durationMs) || !outcomes.has(outcome)) return undefined;
    const run: RunOutcome = outcome as RunOutcome;
    return {
      kind: "run",
      at,
      projectId,
      sessionId,
      taskId,
      provider,
      model,
      durationMs,
      outcome: run,
    };
  }
  if (kind === "t") {
    const [tool, durationMs, isError] = [r[7], r[8], r[9]];
    if (!isStr(tool) || !isNum(durationMs) || (isError !== 0 && isError !== 1)) return undefined;
    return {
      kind: "tool",
      at,
      projectId,
      sessionId,
      taskId,
      provider,
      model,
      tool,
      durationMs,
      isError: isError === 1,
    };
  }
  return undefined;
}
