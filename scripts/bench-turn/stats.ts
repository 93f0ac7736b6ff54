import type { PhasedSample } from "./bench-path.js";

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Mean CPU ms per turn, or undefined when any turn's could not be read. */
function meanCpu(turns: PhasedSample[]): number | undefined {
  let total = 0;
  for (const turn of turns) {
    if (turn.cpuMs === undefined) return undefined;
    total += turn.cpuMs;
  }
  return turns.length > 0 ? total / turns.length : undefined;
}

/**
 * One table row per path: p50/p95, their ratio to the first (the floor), the p50 of each
 * side of the LLM call, mean CPU time per turn and its ratio to the floor's, and wire
 * bytes per reply.
 */
export function formatTable(samples: Map<string, PhasedSample[]>, replyBytes: number): string {
  const rows = [...samples].map(([name, turns]) => {
    const ms = turns.map((turn) => turn.ms);
    const wire = turns.flatMap((turn) => (turn.wireBytes === undefined ? [] : [turn.wireBytes]));
    return {
      name,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      toLlm: percentile(
        turns.map((turn) => turn.toLlmMs),
        50,
      ),
      afterReply: percentile(
        turns.map((turn) => turn.afterReplyMs),
        50,
      ),
      wire,
      cpu: meanCpu(turns),
      n: turns.length,
    };
  });
  const floor = rows[0];
  const header = [
    "path",
    "turns",
    "p50 ms",
    "p95 ms",
    "p50 ×floor",
    "p95 ×floor",
    "to LLM (p50)",
    "after reply (p50)",
    "CPU/turn",
    "CPU ×floor",
    "wire/reply (p50)",
    "×text",
  ];
  const lines = rows.map((row) => {
    const wire = row.wire.length > 0 ? percentile(row.wire, 50) : undefined;
    return [
      row.name,
      String(row.n),
      row.p50.toFixed(2),
      row.p95.toFixed(2),
      `${(row.p50 / (floor?.p50 ?? Number.NaN)).toFixed(2)}×`,
      `${(row.p95 / (floor?.p95 ?? Number.NaN)).toFixed(2)}×`,
      row.toLlm.toFixed(2),
      row.afterReply.toFixed(2),
      row.cpu === undefined ? "—" : row.cpu.toFixed(2),
      row.cpu === undefined || floor?.cpu === undefined
        ? "—"
        : `${(row.cpu / floor.cpu).toFixed(2)}×`,
      wire === undefined ? "—" : kib(wire),
      wire === undefined ? "—" : `${(wire / replyBytes).toFixed(0)}×`,
    ];
  });
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...lines.map((line) => line[i]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [
    render(header),
    `|${widths.map((width, i) => (i === 0 ? `${"-".repeat(width + 1)}-` : `${"-".repeat(width + 1)}:`)).join("|")}|`,
    ...lines.map(render),
  ].join("\n");
}
