/** How much of a tool's output the chat shows before "Show all". */
export const outputPreview = { lines: 40, chars: 4096 };

export interface OutputPreview {
  /** The text to show. */
  shown: string;
  /** Whether `shown` is only the start of the output. */
  truncated: boolean;
  lines: number;
}

/** The start of a long output: at most `limits.lines` lines and `limits.chars` characters. */
export function previewOutput(text: string, limits = outputPreview): OutputPreview {
  const body = text.replace(/\n+$/, "");
  const lines = body === "" ? 0 : body.split("\n").length;
  let end = body.length;
  if (lines > limits.lines) {
    let newline = -1;
    for (let line = 0; line < limits.lines; line++) newline = body.indexOf("\n", newline + 1);
    end = newline;
  }
  end = Math.min(end, limits.chars);
  return { shown: body.slice(0, end), truncated: end < body.length, lines };
}

/** The argument that says what a call does, for its one-line header: a command, a path, a pattern. */
export function toolCallSummary(args: unknown): string {
  if (typeof args !== "object" || args === null) return "";
  const fields = args as Record<string, unknown>;
  for (const key of ["command", "path", "file_path", "pattern", "query", "url", "question"]) {
    const value = fields[key];
    if (typeof value === "string" && value.trim() !== "") return oneLine(value);
  }
  const first = Object.values(fields).find((value) => typeof value === "string");
  return typeof first === "string" ? oneLine(first) : "";
}

function oneLine(text: string, max = 120): string {
  const line = text.trim().split("\n")[0] ?? "";
  const more = line.length > max || text.trim().includes("\n");
  return more ? `${line.slice(0, max)}…` : line;
}
