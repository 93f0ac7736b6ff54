/** One parsed sample line. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help: string | undefined;
  samples: ParsedSample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const suffixes: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["_sum", "_count", ""],
};

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it throws
 * on anything a conforming scraper could reject — a bad name or label, an unterminated or
 * badly escaped label value, an unparsable value, a `# TYPE` after its samples or twice,
 * samples of one family split by another, a duplicate series, a missing final newline.
 */
export function parsePrometheusText(text: string): Map<string, ParsedFamily> {
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("exposition must end with \\n");
  const families = new Map<string, ParsedFamily>();
  const closed = new Set<string>();
  const series = new Set<string>();
  let current: ParsedFamily | undefined;
  const family = (name: string): ParsedFamily => {
    if (current?.name === name) return current;
    if (closed.has(name) || families.has(name)) {
      throw new Error(`samples or metadata of ${name} are not contiguous`);
    }
    if (current) closed.add(current.name);
    current = { name, type: "untyped", help: undefined, samples: [] };
    families.set(name, current);
    return current;
  };
  const lines = text.split("\n").slice(0, -1);
  lines.forEach((line, index) => {
    const where = `line ${index + 1}: ${line}`;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!meta) return; // plain comment
      const [, kind, name = "", rest = ""] = meta;
      if (!metricName.test(name)) throw new Error(`bad metric name, ${where}`);
      const target = family(name);
      if (kind === "HELP") {
        if (target.help !== undefined) throw new Error(`second HELP, ${where}`);
        target.help = unescapeHelp(rest, where);
      } else {
        if (!types.has(rest)) throw new Error(`bad TYPE, ${where}`);
        if (target.type !== "untyped" || target.samples.length > 0) {
          throw new Error(`TYPE after samples or twice, ${where}`);
        }
        target.type = rest as ParsedFamily["type"];
      }
      return;
    }
    const sample = parseSample(line, where);
    const owner = familyOf(sample.name, current);
    const target = family(owner);
    const id = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (series.has(id)) throw new Error(`duplicate series, ${where}`);
    series.add(id);
    target.samples.push(sample);
  });
  return families;
}

function familyOf(sampleName: string, current: ParsedFamily | undefined): string {
  if (current && sampleName !== current.name) {
    for (const suffix of suffixes[current.type] ?? []) {
      if (sampleName === `${current.name}${suffix}`) return current.name;
    }
  }
  return sampleName;
}

function parseSample(line: string, where: string): ParsedSample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!head?.[1]) throw new Error(`bad sample name, ${where}`);
  const name = head[1];
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === "{") {
    at += 1;
    while (line[at] !== "}") {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!label?.[1] || !labelName.test(label[1])) throw new Error(`bad label, ${where}`);
      if (label[1] in labels) throw new Error(`duplicate label ${label[1]}, ${where}`);
      at += label[0].length;
      let value = "";
      for (;;) {
        const char = line[at];
        if (char === undefined) throw new Error(`unterminated label value, ${where}`);
        at += 1;
        if (char === '"') break;
        if (char === "\\") {
          const escaped = line[at];
          at += 1;
          if (escaped === "\\") value += "\\";
          else if (escaped === '"') value += '"';
          else if (escaped === "n") value += "\n";
          else throw new Error(`bad escape in label value, ${where}`);
        } else value += char;
      }
      labels[label[1]] = value;
      if (line[at] === ",") at += 1;
      else if (line[at] !== "}") throw new Error(`expected , or } after label, ${where}`);
    }
    at += 1;
  }
  const rest = /^ (\S+)(?: (-?\d+))?$/.exec(line.slice(at));
  if (!rest?.[1]) throw new Error(`bad value, ${where}`);
  return { name, labels, value: parseValue(rest[1], where) };
}

function parseValue(text: string, where: string): number {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value, ${where}`);
  return Number(text);
}

function unescapeHelp(text: string, where: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => {
    if (char === "\\") return "\\";
    if (char === "n") return "\n";
    throw new Error(`bad escape in HELP, ${where}`);
  });
}

/** The value of the series of `family` whose labels include `labels` (summed when several). */
export function sampleValue(
  families: Map<string, ParsedFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const samples = families.get(name)?.samples ?? [];
  return samples
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
