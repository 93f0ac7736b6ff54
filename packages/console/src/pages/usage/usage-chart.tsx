import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ChartSeries } from "./load-usage.js";

/** Distinct line colours that read on light and dark backgrounds. */
const palette = ["#1f77d0", "#e07b00", "#2a9d55", "#c43c8b", "#7a5cd6", "#b8860b", "#1aa3a3"];

export interface UsageChartProps {
  /** The chart's accessible name, also its heading. */
  title: string;
  /** Bucket start times, epoch ms. */
  times: number[];
  series: ChartSeries[];
  /** How a value reads on the axis, in the legend and in the data table. */
  format(value: number): string;
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/**
 * A line chart of the series over time. The uPlot instance is made for the data and
 * destroyed with it, and follows the width of its container. A visually hidden table
 * holds the same numbers for readers who cannot see the canvas.
 */
export function UsageChart({ title, times, series, format }: UsageChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element || series.length === 0) return;
    const axisColour = cssVariable("--muted", "#5b6577");
    const gridColour = cssVariable("--border", "#d8dde5");
    const axis: uPlot.Axis = {
      stroke: axisColour,
      grid: { stroke: gridColour, width: 1 },
      ticks: { stroke: gridColour, width: 1 },
    };
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 220,
        series: [
          {},
          ...series.map((line, index) => ({
            label: line.label,
            stroke: palette[index % palette.length] ?? "#1f77d0",
            width: 2,
            points: { show: true, size: 5 },
            value: (_chart: uPlot, value: number | null) => (value === null ? "—" : format(value)),
          })),
        ],
        axes: [axis, { ...axis, size: 70, values: (_chart, ticks) => ticks.map(format) }],
        scales: { y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      },
      [times.map((ms) => ms / 1000), ...series.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(element.clientWidth, 200), height: 220 });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, format]);

  return (
    <figure class="card usage-chart">
      <figcaption>{title}</figcaption>
      {series.length === 0 ? (
        <p class="empty">Nothing recorded in this range.</p>
      ) : (
        <div ref={holder} class="usage-chart-canvas" role="img" aria-label={title} />
      )}
      <ChartTable title={title} times={times} series={series} format={format} />
    </figure>
  );
}

/** The chart's numbers as a table, for screen readers only. */
function ChartTable({ title, times, series, format }: UsageChartProps) {
  if (series.length === 0) return null;
  return (
    <table class="usage-visually-hidden" aria-label={`${title} data`}>
      <thead>
        <tr>
          <th scope="col">Time</th>
          {series.map((line) => (
            <th key={line.label} scope="col">
              {line.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {times.map((time, index) => (
          <tr key={time}>
            <th scope="row">{new Date(time).toLocaleString()}</th>
            {series.map((line) => (
              <td key={line.label}>{format(line.values[index] ?? 0)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
