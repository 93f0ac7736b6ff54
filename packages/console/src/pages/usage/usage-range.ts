/** The time ranges the usage page offers, and how each is cut into chart buckets. */
export type RangePreset = "1h" | "24h" | "7d" | "30d" | "custom";

export interface UsageRange {
  preset: RangePreset;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const presetLabels: Record<RangePreset, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};

const presetSpans: Record<Exclude<RangePreset, "custom">, number> = {
  "1h": hour,
  "24h": day,
  "7d": 7 * day,
  "30d": 30 * day,
};

/** A preset range ending now. */
export function presetRange(preset: Exclude<RangePreset, "custom">, now = Date.now()): UsageRange {
  return { preset, from: now - presetSpans[preset], to: now };
}

/** Bucket widths a chart may use, smallest first; the first giving at most `maxBuckets` wins. */
const steps = [5 * minute, 15 * minute, hour, 3 * hour, 6 * hour, 12 * hour, day, 7 * day];
const maxBuckets = 30;

/**
 * The chart's buckets over `range`: each `[from, to)`. The server aggregates any range, so
 * each bucket is one request; their number is capped to keep the page light.
 */
export function bucketsOf(range: UsageRange): Array<{ from: number; to: number }> {
  const span = range.to - range.from;
  const step =
    steps.find((width) => span / width <= maxBuckets) ??
    Math.ceil(span / maxBuckets / minute) * minute;
  const buckets: Array<{ from: number; to: number }> = [];
  for (let start = range.from; start < range.to; start += step) {
    buckets.push({ from: start, to: Math.min(start + step, range.to) });
  }
  return buckets;
}

/** `datetime-local` input value (local time, minutes) for an epoch ms. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Epoch ms of a `datetime-local` input value, or undefined when it is not a date. */
export function fromLocalInput(value: string): number | undefined {
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
