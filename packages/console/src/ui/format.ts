/** How long ago `iso` was, e.g. `3 min ago`. */
export function formatAge(iso: string | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** A date and time in the reader's locale. */
export function formatTime(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

/** US dollars with cents, or fractions of a cent when small. */
export function formatCost(dollars: number | undefined): string {
  if (dollars === undefined) return "—";
  if (dollars !== 0 && Math.abs(dollars) < 0.01) return `$${dollars.toFixed(4)}`;
  return `$${dollars.toFixed(2)}`;
}

/** A count with thousands shortened: `1.2k`, `3.4M`. */
export function formatCount(value: number | undefined): string {
  if (value === undefined) return "—";
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1_000) return `${(value / 1000).toFixed(1)}k`;
  return String(value);
}

/** A duration in milliseconds as `850 ms`, `12.3 s` or `4 min 5 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
