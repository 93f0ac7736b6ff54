import type { MetricFamily, MetricSample, MetricsRegistry } from "../metrics/metrics-registry.js";
import type { RuntimeStats } from "../sessions/index.js";
import type { UsageTotals } from "../usage/usage-totals.js";

export interface ServerMetricsSources {
  /** Registered projects. */
  projectCount: () => number;
  /** Runtimes, live sessions and SSE subscribers right now. */
  runtimeStats: () => RuntimeStats;
  /** Runs in progress right now. */
  activeRuns: () => number;
  /** All-time usage, as recorded in the usage log. */
  usage: UsageTotals;
  /** How many tasks are in each status. */
  taskCounts: () => Readonly<Record<string, number>>;
  /** This node of a cluster, when it is one. */
  cluster?: ClusterMetricsSources | undefined;
}

/** What `/metrics` shows of a node of a cluster. */
export interface ClusterMetricsSources {
  nodeId: string;
  role: string;
  /** Project leases held (the projects this node runs). */
  projectLeases: () => number;
  /** Whether the last heartbeat reached the database. */
  databaseUp: () => boolean;
}

const tokenKinds = ["input", "output", "cacheRead", "cacheWrite"] as const;
const tokenKindLabels = {
  input: "input",
  output: "output",
  cacheRead: "cache_read",
  cacheWrite: "cache_write",
} as const;

/**
 * Registers the server's gauges, the usage counters and the task gauge (`pi_*`). Usage
 * counters are read from the durable usage log's totals, so they keep counting across
 * restarts. `createServices` calls it once per registry.
 */
export function registerServerMetrics(metrics: MetricsRegistry, sources: ServerMetricsSources) {
  metrics.gauge("pi_projects", "Registered projects.", sources.projectCount);
  metrics.gauge(
    "pi_runtimes",
    "Project runtimes in memory.",
    () => sources.runtimeStats().runtimes,
  );
  metrics.gauge(
    "pi_live_sessions",
    "Sessions held in memory.",
    () => sources.runtimeStats().liveSessions,
  );
  metrics.gauge(
    "pi_sse_subscribers",
    "Open session event streams.",
    () => sources.runtimeStats().subscribers,
  );
  metrics.gauge("pi_active_runs", "Agent runs in progress.", sources.activeRuns);
  metrics.collect(() => usageFamilies(sources.usage));
  const startTimeSeconds = Math.floor(Date.now() / 1000 - process.uptime());
  metrics.gauge(
    "process_start_time_seconds",
    "Process start time, Unix seconds.",
    () => startTimeSeconds,
  );
  metrics.gauge("process_resident_memory_bytes", "Resident set size in bytes.", () =>
    process.memoryUsage.rss(),
  );
  metrics.gauge("pi_tasks", "Tasks by status.", () =>
    Object.entries(sources.taskCounts()).map(([status, value]) => ({ labels: { status }, value })),
  );
  if (sources.cluster) registerClusterMetrics(metrics, sources.cluster);
}

function registerClusterMetrics(metrics: MetricsRegistry, cluster: ClusterMetricsSources) {
  const labels = { node_id: cluster.nodeId, role: cluster.role };
  metrics.gauge("pi_cluster_node_info", "This node of the cluster: its id and role.", () => [
    { labels, value: 1 },
  ]);
  metrics.gauge(
    "pi_cluster_project_leases",
    "Project leases this node holds (the projects it runs).",
    cluster.projectLeases,
  );
  metrics.gauge(
    "pi_cluster_database_up",
    "1 when this node's last heartbeat reached the database, else 0.",
    () => (cluster.databaseUp() ? 1 : 0),
  );
}

function usageFamilies(usage: UsageTotals): MetricFamily[] {
  const messages: MetricSample[] = [];
  const tokens: MetricSample[] = [];
  const cost: MetricSample[] = [];
  for (const totals of usage.models.values()) {
    const model = { provider: totals.provider, model: totals.model };
    for (const [stopReason, value] of totals.messages) {
      messages.push({ labels: { ...model, stop_reason: stopReason }, value });
    }
    for (const kind of tokenKinds) {
      tokens.push({
        labels: { ...model, kind: tokenKindLabels[kind] },
        value: totals.tokens[kind],
      });
    }
    cost.push({ labels: model, value: totals.costUsd });
  }
  const runs = [...usage.runs].map(([outcome, value]) => ({ labels: { outcome }, value }));
  const tools: MetricSample[] = [];
  for (const [tool, counts] of usage.tools) {
    tools.push({ labels: { tool, outcome: "ok" }, value: counts.ok });
    tools.push({ labels: { tool, outcome: "error" }, value: counts.error });
  }
  const counter = (name: string, help: string, samples: MetricSample[]): MetricFamily => ({
    name,
    help,
    type: "counter",
    samples,
  });
  return [
    counter("pi_runs_total", "Agent runs finished, by outcome.", runs),
    counter(
      "pi_assistant_messages_total",
      "Assistant messages, by provider, model and stop reason.",
      messages,
    ),
    counter("pi_tokens_total", "Tokens, by provider, model and kind.", tokens),
    counter("pi_cost_usd_total", "Cost in US dollars, by provider and model.", cost),
    counter("pi_tool_executions_total", "Tool executions, by tool and outcome.", tools),
  ];
}
