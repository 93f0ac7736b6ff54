export type Labels = Readonly<Record<string, string>>;

export interface MetricSample {
  labels?: Labels;
  value: number;
}

export type MetricType = "counter" | "gauge";

/** One metric family as it is rendered: `# HELP`, `# TYPE`, then its samples. */
export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
}

/** Produces families at scrape time, for values that live elsewhere (stores, queues). */
export type MetricsCollector = () => MetricFamily[];

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A monotonically increasing count, per combination of label values. */
export class Counter {
  readonly name: string;
  readonly #labelNames: readonly string[];
  readonly #series = new Map<string, MetricSample>();

  constructor(name: string, labelNames: readonly string[]) {
    this.name = name;
    this.#labelNames = labelNames;
  }

  /** @throws {Error} when `labels` does not name exactly the counter's labels, or `by` < 0. */
  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`${this.name}: counters only go up`);
    const values = this.#labelNames.map((name) => {
      const value = labels[name];
      if (value === undefined) throw new Error(`${this.name}: missing label ${name}`);
      return value;
    });
    if (Object.keys(labels).length !== values.length) {
      throw new Error(`${this.name}: labels must be exactly ${this.#labelNames.join(", ")}`);
    }
    const key = values.join("\u0000");
    const sample = this.#series.get(key);
    if (sample) sample.value += by;
    else this.#series.set(key, { labels: { ...labels }, value: by });
  }

  /** The current value of one series (0 when never incremented). */
  get(labels: Labels = {}): number {
    return (
      this.#series.get(this.#labelNames.map((name) => labels[name]).join("\u0000"))?.value ?? 0
    );
  }

  samples(): MetricSample[] {
    return [...this.#series.values()].map((sample) => ({ ...sample }));
  }
}

/**
 * Holds a process's metrics and renders them in the Prometheus text exposition format
 * (0.0.4). Counters are owned here; everything else is read at scrape time through
 * collectors, which may be added at any point (e.g. by a component built later).
 *
 * @example
 * const metrics = new MetricsRegistry();
 * const requests = metrics.counter("http_requests_total", "HTTP requests.", ["status"]);
 * metrics.gauge("queue_depth", "Jobs waiting.", () => queue.length);
 * requests.inc({ status: "200" });
 */
export class MetricsRegistry {
  readonly #counters = new Map<string, { counter: Counter; help: string }>();
  readonly #collectors = new Set<MetricsCollector>();
  readonly #reserved = new Set<string>();

  /** @throws {Error} for an invalid or already used name. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    this.#reserve(name);
    for (const label of labelNames) {
      if (!labelName.test(label) || label.startsWith("__")) {
        throw new Error(`invalid label name ${label}`);
      }
    }
    const counter = new Counter(name, labelNames);
    this.#counters.set(name, { counter, help });
    return counter;
  }

  /** A gauge read at scrape time: one number, or labelled samples. */
  gauge(name: string, help: string, read: () => number | MetricSample[]): void {
    this.#reserve(name);
    this.collect(() => {
      const value = read();
      return [{ name, help, type: "gauge", samples: Array.isArray(value) ? value : [{ value }] }];
    });
  }

  /** Adds a collector; returns the function that removes it. */
  collect(collector: MetricsCollector): () => void {
    this.#collectors.add(collector);
    return () => this.#collectors.delete(collector);
  }

  /** Every family, counters first, then collectors in the order they were added. */
  families(): MetricFamily[] {
    const families: MetricFamily[] = [];
    for (const [name, { counter, help }] of this.#counters) {
      families.push({ name, help, type: "counter", samples: counter.samples() });
    }
    for (const collector of this.#collectors) families.push(...collector());
    return families;
  }

  /**
   * The exposition text.
   *
   * @throws {Error} when two families share a name or a name is invalid: a programming
   *   error that a scrape must not hide.
   */
  render(): string {
    const seen = new Set<string>();
    let out = "";
    for (const family of this.families()) {
      if (!metricName.test(family.name) || seen.has(family.name)) {
        throw new Error(`duplicate or invalid metric name ${family.name}`);
      }
      seen.add(family.name);
      out += `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
      for (const sample of family.samples) {
        out += `${family.name}${renderLabels(sample.labels)} ${formatValue(sample.value)}\n`;
      }
    }
    return out;
  }

  #reserve(name: string): void {
    if (!metricName.test(name)) throw new Error(`invalid metric name ${name}`);
    if (this.#reserved.has(name)) throw new Error(`metric ${name} is already registered`);
    this.#reserved.add(name);
  }
}

export const prometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function renderLabels(labels: Labels | undefined): string {
  if (!labels) return "";
  const pairs = Object.entries(labels).map(([name, value]) => {
    if (!labelName.test(name)) throw new Error(`invalid label name ${name}`);
    return `${name}="${escapeLabelValue(value)}"`;
  });
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
