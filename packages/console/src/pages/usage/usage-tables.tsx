import { formatCost, formatCount, formatDuration } from "../../ui/format.js";
import type { Grouping, UsageRow } from "./load-usage.js";

const groupLabels: Record<Grouping, string> = { project: "Project", model: "Model" };

/** Run durations (p50/p95) and errors, for the whole range and per group. */
export function RunsTable({
  rows,
  totals,
  grouping,
}: {
  rows: UsageRow[];
  totals: UsageRow;
  grouping: Grouping;
}) {
  return (
    <section class="card" aria-labelledby="usage-runs-title">
      <h2 id="usage-runs-title">Runs, durations and errors</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{groupLabels[grouping]}</th>
              <th scope="col">Runs</th>
              <th scope="col">Failed</th>
              <th scope="col">Aborted</th>
              <th scope="col">Duration p50</th>
              <th scope="col">Duration p95</th>
              <th scope="col">Message errors</th>
              <th scope="col">Tokens</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <RunsRow key={row.key} row={row} />
            ))}
          </tbody>
          <tfoot>
            <RunsRow row={totals} label="All" />
          </tfoot>
        </table>
      </div>
      <p class="hint">
        A run counts when it ends. Message errors are replies from the model that ended with an
        error.
      </p>
    </section>
  );
}

function RunsRow({ row, label }: { row: UsageRow; label?: string }) {
  const durations = row.runs.durationMs;
  return (
    <tr>
      <th scope="row">{label ?? row.key}</th>
      <td>{row.runs.count}</td>
      <td class={row.runs.failed > 0 ? "usage-bad" : undefined}>{row.runs.failed}</td>
      <td>{row.runs.aborted}</td>
      <td>{formatDuration(durations?.p50)}</td>
      <td>{formatDuration(durations?.p95)}</td>
      <td class={row.errors > 0 ? "usage-bad" : undefined}>{row.errors}</td>
      <td>{formatCount(row.tokens.total)}</td>
      <td>{formatCost(row.cost.total)}</td>
    </tr>
  );
}

/** Tool executions per tool: calls, errors and durations. */
export function ToolsTable({ tools }: { tools: UsageRow[] }) {
  return (
    <section class="card" aria-labelledby="usage-tools-title">
      <h2 id="usage-tools-title">Tool usage</h2>
      {tools.length === 0 ? (
        <p class="empty">No tool ran in this range.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col">Calls</th>
                <th scope="col">Errors</th>
                <th scope="col">Duration p50</th>
                <th scope="col">Duration p95</th>
              </tr>
            </thead>
            <tbody>
              {tools.map((tool) => (
                <tr key={tool.key}>
                  <th scope="row">{tool.key}</th>
                  <td>{tool.tools.calls}</td>
                  <td class={tool.tools.errors > 0 ? "usage-bad" : undefined}>
                    {tool.tools.errors}
                  </td>
                  <td>{formatDuration(tool.tools.durationMs?.p50)}</td>
                  <td>{formatDuration(tool.tools.durationMs?.p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
