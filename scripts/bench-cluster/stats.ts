/** The `p`th percentile of `values` (nearest rank); NaN when empty. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = widths.map((width, i) => `${"-".repeat(width + 1)}${i === 0 ? "-" : ":"}`);
  return [render(header), `|${rule.join("|")}|`, ...rows.map(render)].join("\n");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` every `everyMs` until `done` holds; throws after `timeoutMs`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let last = await read(); ; last = await read()) {
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(last)}`);
    await sleep(everyMs);
  }
}

/** The JSON body of `response`, or an error naming the status when it is not `status`. */
export async function expectJson<T = Record<string, unknown>>(
  response: Promise<Response> | Response,
  status: number,
): Promise<T> {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
  }
  return (await answer.json()) as T;
}
