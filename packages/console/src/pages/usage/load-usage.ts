import { type AgentClient, type components, unwrap } from "pi-agent-server-client";
import { bucketsOf, type UsageRange } from "./usage-range.js";

export type UsageReport = components["schemas"]["UsageReport"];
export type UsageRow = components["schemas"]["UsageRow"];
export type LiveAgent = components["schemas"]["LiveAgent"];
export type Grouping = "project" | "model";

/** One chart bucket: its time span and the groups active in it. */
export interface UsageBucket {
  from: number;
  to: number;
  groups: UsageRow[];
}

/** Everything the usage page shows for one range and grouping. */
export interface UsageData {
  /** Totals and groups over the whole range. */
  report: UsageReport;
  /** Tool executions over the whole range, one row per tool. */
  tools: UsageRow[];
  buckets: UsageBucket[];
}

function usage(
  client: AgentClient,
  from: number,
  to: number,
  groupBy: Grouping | "tool",
): Promise<UsageReport> {
  return client
    .GET("/v1/usage", {
      params: {
        query: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), groupBy },
      },
    })
    .then(unwrap);
}

/**
 * The whole-range report, the tool breakdown and one grouped report per chart bucket.
 * `/v1/usage` groups by day at most, so finer buckets are asked for one range at a time.
 */
export async function loadUsage(
  client: AgentClient,
  range: UsageRange,
  grouping: Grouping,
): Promise<UsageData> {
  const buckets = bucketsOf(range);
  const [report, tools, ...perBucket] = await Promise.all([
    usage(client, range.from, range.to, grouping),
    usage(client, range.from, range.to, "tool"),
    ...buckets.map((bucket) => usage(client, bucket.from, bucket.to, grouping)),
  ]);
  return {
    report,
    tools: tools.groups,
    buckets: buckets.map((bucket, index) => ({
      ...bucket,
      groups: perBucket[index]?.groups ?? [],
    })),
  };
}

/** One line of a chart: a group's values per bucket. */
export interface ChartSeries {
  label: string;
  values: number[];
}

/** The series of `measure` per group over the buckets, groups in the report's order. */
export function seriesOf(data: UsageData, measure: (row: UsageRow) => number): ChartSeries[] {
  const keys = data.report.groups.map((group) => group.key);
  return keys.map((key) => ({
    label: key,
    values: data.buckets.map((bucket) => {
      const row = bucket.groups.find((group) => group.key === key);
      return row ? measure(row) : 0;
    }),
  }));
}

export async function loadLiveAgents(client: AgentClient): Promise<LiveAgent[]> {
  return unwrap(await client.GET("/v1/agents/live")).items;
}
