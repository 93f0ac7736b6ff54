import { formatCost, formatCount } from "../../ui/format.js";
import type { UsageRow } from "./load-usage.js";

export interface KpiCardsProps {
  totals: UsageRow;
  /** Runs in progress now; undefined until the live list has loaded. */
  activeAgents: number | undefined;
}

/** The headline numbers of the range: runs, success rate, cost and agents running now. */
export function KpiCards({ totals, activeAgents }: KpiCardsProps) {
  const rate = totals.runs.successRate;
  const cards = [
    {
      label: "Runs",
      value: formatCount(totals.runs.count),
      detail: `${totals.runs.failed} failed · ${totals.runs.aborted} aborted`,
    },
    {
      label: "Success rate",
      value: rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`,
      detail: `${totals.runs.succeeded} succeeded`,
    },
    {
      label: "Cost",
      value: formatCost(totals.cost.total),
      detail: `${formatCount(totals.tokens.total)} tokens`,
    },
    {
      label: "Active agents",
      value: activeAgents === undefined ? "—" : String(activeAgents),
      detail: "running now",
    },
  ];
  return (
    <ul class="usage-kpis" aria-label="Key figures">
      {cards.map((card) => (
        <li key={card.label} class="card usage-kpi" data-kpi={card.label}>
          <span class="usage-kpi-label">{card.label}</span>
          <strong class="usage-kpi-value">{card.value}</strong>
          <span class="muted">{card.detail}</span>
        </li>
      ))}
    </ul>
  );
}
