import type { BudgetRef } from "../contract/server-events.js";

export type PeriodMetric = "costUsd" | "tokens";
export type RunMetric = PeriodMetric | "wallTimeMs" | "toolCalls";
export type Period = "day" | "month";

/** Limits over one UTC day or month; an absent metric is unlimited. */
export interface PeriodLimits {
  costUsd?: number | undefined;
  tokens?: number | undefined;
}

/** Limits on each single run; an absent metric is unlimited. */
export interface RunLimits extends PeriodLimits {
  wallTimeMs?: number | undefined;
  toolCalls?: number | undefined;
}

/** The budget of the org or of one project. */
export interface BudgetLimits {
  day?: PeriodLimits | undefined;
  month?: PeriodLimits | undefined;
  /** Per-run limits; the org's are the default of every project that does not set a metric. */
  run?: RunLimits | undefined;
  /** Fraction of any limit at which a warning is sent. Default: the org's, else 0.8. */
  warnAtFraction?: number | undefined;
}

export interface BudgetSettings {
  org: BudgetLimits;
  projects: Record<string, BudgetLimits>;
}

export const defaultWarnAtFraction = 0.8;
export const periods: readonly Period[] = ["day", "month"];
export const periodMetrics: readonly PeriodMetric[] = ["costUsd", "tokens"];
export const runMetrics: readonly RunMetric[] = ["costUsd", "tokens", "wallTimeMs", "toolCalls"];

/** The UTC day or month holding `at`: `[start, end)` in epoch ms. */
export function periodBounds(period: Period, at: number): { start: number; end: number } {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === "month")
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  const day = date.getUTCDate();
  return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
}

/** Dollars compared in micro-dollars, so sums of float costs do not miss a limit by 1e-17. */
const scaled = (metric: RunMetric, value: number) =>
  metric === "costUsd" ? Math.round(value * 1e6) : value;

/**
 * Whether `spent` has used up `limit`. Cost, tokens and wall time are spent once they
 * reach the limit (nothing more fits); tool calls once a call beyond the limit starts.
 */
export function isSpent(metric: RunMetric, spent: number, limit: number): boolean {
  return metric === "toolCalls" ? spent > limit : scaled(metric, spent) >= scaled(metric, limit);
}

/** Whether `spent` reached `warnAt` of `limit`. */
export function isWarned(metric: RunMetric, spent: number, limit: number, warnAt: number) {
  return scaled(metric, spent) >= scaled(metric, limit * warnAt);
}

/** `spent / limit`, rounded to 6 places (1 for a zero limit). */
export function fractionOf(spent: number, limit: number): number {
  if (limit <= 0) return 1;
  return Math.round((spent / limit) * 1e6) / 1e6;
}

/** The project's run limits, metric by metric, falling back to the org's. */
export function effectiveRunLimits(
  settings: BudgetSettings,
  projectId: string,
): Array<{ scope: "org" | "project"; metric: RunMetric; limit: number }> {
  const own = settings.projects[projectId]?.run ?? {};
  const org = settings.org.run ?? {};
  const limits: Array<{ scope: "org" | "project"; metric: RunMetric; limit: number }> = [];
  for (const metric of runMetrics) {
    const mine = own[metric];
    const fallback = org[metric];
    if (mine !== undefined) limits.push({ scope: "project", metric, limit: mine });
    else if (fallback !== undefined) limits.push({ scope: "org", metric, limit: fallback });
  }
  return limits;
}

/** The project's warning fraction, else the org's, else 0.8. */
export function warnAtFor(settings: BudgetSettings, projectId: string | undefined): number {
  return (
    (projectId === undefined ? undefined : settings.projects[projectId]?.warnAtFraction) ??
    settings.org.warnAtFraction ??
    defaultWarnAtFraction
  );
}

/** Usage of one scope over `[from, to)`: the same totals `/v1/usage` reports. */
export type SpentReader = (
  projectId: string | undefined,
  from: number,
  to: number,
) => { costUsd: number; tokens: number };

/** One period limit with what is spent against it now. */
export interface PeriodStatus extends BudgetRef {
  period: Period;
  metric: PeriodMetric;
  remaining: number;
  fraction: number;
  /** ISO 8601 bounds of the period. */
  periodStart: string;
  periodEnd: string;
}

/**
 * Every period limit that applies to `projectId` (its own, then the org's; only the org's
 * when `projectId` is undefined), with what is spent against it at `now`.
 */
export function periodStatuses(
  settings: BudgetSettings,
  projectId: string | undefined,
  now: number,
  spent: SpentReader,
  scopes: ReadonlyArray<"project" | "org"> = ["project", "org"],
): PeriodStatus[] {
  const rows: PeriodStatus[] = [];
  for (const scope of scopes) {
    if (scope === "project" && projectId === undefined) continue;
    const limits = scope === "org" ? settings.org : settings.projects[projectId as string];
    if (!limits) continue;
    for (const period of periods) {
      const own = limits[period];
      if (!own) continue;
      const { start, end } = periodBounds(period, now);
      let used: { costUsd: number; tokens: number } | undefined;
      for (const metric of periodMetrics) {
        const limit = own[metric];
        if (limit === undefined) continue;
        used ??= spent(scope === "org" ? undefined : projectId, start, end);
        const value = used[metric];
        rows.push({
          scope,
          ...(scope === "project" ? { project: projectId as string } : {}),
          period,
          metric,
          limit,
          spent: value,
          remaining: Math.max(0, metric === "costUsd" ? roundCost(limit - value) : limit - value),
          fraction: fractionOf(value, limit),
          periodStart: new Date(start).toISOString(),
          periodEnd: new Date(end).toISOString(),
        });
      }
    }
  }
  return rows;
}

const roundCost = (value: number) => Math.round(value * 1e9) / 1e9;

/** A budget ref without the status-only members. */
export function refOf(row: BudgetRef): BudgetRef {
  return {
    scope: row.scope,
    ...(row.project === undefined ? {} : { project: row.project }),
    period: row.period,
    metric: row.metric,
    limit: row.limit,
    spent: row.spent,
  };
}

/**
 * The budget that trips among `rows`: of those spent, the one furthest over its limit;
 * on a tie the first listed (the project's before the org's, the day before the month).
 */
export function firstSpent(rows: readonly BudgetRef[]): BudgetRef | undefined {
  let worst: BudgetRef | undefined;
  let worstFraction = -1;
  for (const row of rows) {
    if (!isSpent(row.metric, row.spent, row.limit)) continue;
    const fraction = fractionOf(row.spent, row.limit);
    if (fraction > worstFraction) {
      worst = row;
      worstFraction = fraction;
    }
  }
  return worst ? refOf(worst) : undefined;
}

/** Says which budget is spent, for a problem's `detail`. */
export function describeBudget(ref: BudgetRef): string {
  const owner = ref.scope === "org" ? "The org's" : `Project "${ref.project}"'s`;
  const period = ref.period === "run" ? "per-run" : ref.period === "day" ? "daily" : "monthly";
  const unit = ref.metric === "costUsd" ? "USD" : ref.metric;
  return `${owner} ${period} ${ref.metric} budget is spent: ${ref.spent} of ${ref.limit} ${unit}`;
}
