import { useMemo, useRef, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import { formatCost, formatCount } from "../../ui/format.js";
import { useLoad } from "../../ui/use-load.js";
import { KpiCards } from "./kpi-cards.js";
import { LiveAgents, useLiveAgents } from "./live-agents.js";
import { type Grouping, loadUsage, seriesOf, type UsageData } from "./load-usage.js";
import { RangePicker } from "./range-picker.js";
import { UsageChart } from "./usage-chart.js";
import { presetRange, type UsageRange } from "./usage-range.js";
import { RunsTable, ToolsTable } from "./usage-tables.js";
import "./usage.css";

const formatTokens = (value: number) => formatCount(Math.round(value));

/** What the agents did and cost over a time range, and which are running now. */
export function UsagePage() {
  const client = useClient();
  const [range, setRange] = useState<UsageRange>(() => presetRange("24h"));
  const [grouping, setGrouping] = useState<Grouping>("project");
  const usage = useLoad(() => loadUsage(client, range, grouping), [client, range, grouping]);
  const live = useLiveAgents();
  // Keeps the last report on screen while the next one loads, instead of blanking the page.
  const lastData = useRef<UsageData | undefined>(undefined);
  if (usage.data) lastData.current = usage.data;
  const data = usage.data ?? (usage.loading ? lastData.current : undefined);

  const refresh = () => {
    // A preset means "up to now", so refreshing moves its end to the present.
    if (range.preset === "custom") void usage.reload();
    else setRange(presetRange(range.preset));
    void live.reload();
  };

  return (
    <section aria-labelledby="usage-title" class="usage-page">
      <div class="page-head">
        <h1 id="usage-title">Usage</h1>
        <div class="usage-controls">
          <RangePicker range={range} onChange={setRange} />
          <fieldset class="usage-grouping">
            <legend>Group by</legend>
            {(["project", "model"] as const).map((value) => (
              <label key={value} class="usage-radio">
                <input
                  type="radio"
                  name="usage-grouping"
                  value={value}
                  checked={grouping === value}
                  onChange={() => setGrouping(value)}
                />
                {value === "project" ? "Project" : "Model"}
              </label>
            ))}
          </fieldset>
          <button type="button" onClick={refresh} disabled={usage.loading}>
            Refresh
          </button>
        </div>
      </div>
      <p class="muted" aria-live="polite">
        {new Date(range.from).toLocaleString()} – {new Date(range.to).toLocaleString()}
        {usage.loading ? " · loading…" : ""}
      </p>
      <ErrorNotice error={usage.error} />
      {data ? (
        <div aria-busy={usage.loading}>
          <UsageReportView data={data} activeAgents={live.data?.length} />
        </div>
      ) : null}
      {data === undefined && usage.loading ? <p>Loading…</p> : null}
      <LiveAgents live={live} />
    </section>
  );
}

interface ReportProps {
  data: UsageData;
  activeAgents: number | undefined;
}

function UsageReportView({ data, activeAgents }: ReportProps) {
  // The grouping the data was read with, which lags the toggle while a new report loads.
  const grouping: Grouping = data.report.groupBy === "model" ? "model" : "project";
  const times = useMemo(() => data.buckets.map((bucket) => bucket.from), [data]);
  const cost = useMemo(() => seriesOf(data, (row) => row.cost.total), [data]);
  const tokens = useMemo(() => seriesOf(data, (row) => row.tokens.total), [data]);
  const by = grouping === "project" ? "project" : "model";
  return (
    <>
      <KpiCards totals={data.report.totals} activeAgents={activeAgents} />
      <div class="usage-charts">
        <UsageChart
          title={`Cost over time by ${by}`}
          times={times}
          series={cost}
          format={formatCost}
        />
        <UsageChart
          title={`Tokens over time by ${by}`}
          times={times}
          series={tokens}
          format={formatTokens}
        />
      </div>
      <RunsTable rows={data.report.groups} totals={data.report.totals} grouping={grouping} />
      <ToolsTable tools={data.tools} />
    </>
  );
}
