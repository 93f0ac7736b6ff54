import { mkdir, open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Role } from "../contract/roles.js";
import { LineAppender } from "../storage/index.js";

/** One audited request: who did what to which ids, and how it ended. Never a secret. */
export interface AuditRecord {
  /** Increasing across the whole log. */
  id: number;
  time: string;
  /** Absent for the bootstrap token, open access, the webhook and refused requests. */
  tokenId?: string;
  /** The token's name, `AGENT_SERVER_TOKEN`, `anonymous`, `webhook` or `unauthenticated`. */
  tokenName: string;
  role?: Role;
  method: string;
  /** The route pattern (`/v1/projects/{projectId}`), or the raw path when none matched. */
  route: string;
  /** The ids the path named: `projectId`, `sessionId`, `taskId`, … */
  target: Record<string, string>;
  status: number;
  client?: string;
}

export type NewAuditRecord = Omit<AuditRecord, "id" | "time">;

export interface AuditQuery {
  /** ISO times, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  tokenId?: string | undefined;
  projectId?: string | undefined;
  /** `METHOD route`, e.g. `POST /v1/projects/{projectId}/tasks/{taskId}/approve`. */
  action?: string | undefined;
  /** Only records older than this id (the previous page's `next`). */
  before?: number | undefined;
  limit: number;
}

const segmentPattern = /^audit-(\d{4})-(\d{2})\.jsonl$/;

function segmentName(at: number): string {
  const date = new Date(at);
  return `audit-${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}.jsonl`;
}

/**
 * The audit log: one JSON line per record, appended to a file per month (UTC) under
 * `.pi-global/audit/`, mode 0600, through a descriptor kept open (see `LineAppender`).
 * A line torn by a crash is cut off when the log is opened; ids continue from the last
 * whole record. Reads go newest first.
 */
export class AuditLog {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #appender: LineAppender;
  #lastId = 0;

  private constructor(dir: string, now: () => number) {
    this.#dir = dir;
    this.#now = now;
    this.#appender = new LineAppender(dir);
  }

  static async open(dir: string, now: () => number = Date.now): Promise<AuditLog> {
    const log = new AuditLog(dir, now);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Appends only ever go to the newest file, so only it can end torn; ids continue from
    // the newest whole record, found from the end without reading the log through.
    const newestFirst = (await log.#segments()).reverse();
    for (const [index, name] of newestFirst.entries()) {
      const last = await lastWholeLine(join(dir, name), index === 0);
      const id = last === undefined ? undefined : parse(last)?.id;
      if (id !== undefined) {
        log.#lastId = id;
        break;
      }
    }
    return log;
  }

  /** Appends `record`, written before this resolves (at once: see `LineAppender`). */
  async append(record: NewAuditRecord): Promise<AuditRecord> {
    const now = this.#now();
    const full: AuditRecord = {
      id: this.#lastId + 1,
      time: new Date(now).toISOString(),
      ...record,
    };
    this.#appender.append(segmentName(now), `${JSON.stringify(full)}\n`);
    this.#lastId = full.id;
    return full;
  }

  /** Closes the open file; an append after this opens it again. */
  async close(): Promise<void> {
    this.#appender.close();
  }

  /** Matching records, newest first, and the `before` of the next page when there is one. */
  async query(query: AuditQuery): Promise<{ items: AuditRecord[]; next?: number }> {
    const from = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY;
    const to = query.to ? Date.parse(query.to) : Number.POSITIVE_INFINITY;
    const items: AuditRecord[] = [];
    const segments = (await this.#segments()).reverse();
    for (const name of segments) {
      if (!overlaps(name, from, to)) continue;
      const lines = (await readFile(join(this.#dir, name), "utf8")).trimEnd().split("\n").reverse();
      for (const line of lines) {
        const record = parse(line);
        if (!record || !matches(record, query, from, to)) continue;
        if (items.length === query.limit) return { items, next: items.at(-1)?.id ?? 0 };
        items.push(record);
      }
    }
    return { items };
  }

  async #segments(): Promise<string[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    return names.filter((name) => segmentPattern.test(name)).sort();
  }
}

/** Bytes read from a file's end to find its last line; records are far shorter. */
const tailBytes = 64 * 1024;

/**
 * The last complete line of the file at `path`, read from its end. With `trim`, a torn
 * last line (no final newline, from a crash mid-append) is cut off first.
 */
async function lastWholeLine(path: string, trim: boolean): Promise<string | undefined> {
  const handle = await open(path, trim ? "r+" : "r");
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - tailBytes);
    const tail = Buffer.alloc(size - start);
    await handle.read(tail, 0, tail.length, start);
    const end = tail.lastIndexOf(0x0a) + 1;
    // A window with no newline at all holds no whole record end: leave such a file alone.
    if (trim && end < tail.length && (end > 0 || start === 0)) await handle.truncate(start + end);
    const whole = tail.subarray(0, end).toString("utf8").trimEnd();
    return whole === "" ? undefined : whole.slice(whole.lastIndexOf("\n") + 1);
  } finally {
    await handle.close();
  }
}

function parse(line: string): AuditRecord | undefined {
  try {
    const value = JSON.parse(line) as AuditRecord;
    return typeof value.id === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the month a segment covers can hold records between `from` and `to`. */
function overlaps(name: string, from: number, to: number): boolean {
  const [, year, month] = segmentPattern.exec(name) ?? [];
  const start = Date.UTC(Number(year), Number(month) - 1, 1);
  const end = Date.UTC(Number(year), Number(month), 1);
  return start <= to && end > from;
}

function matches(record: AuditRecord, query: AuditQuery, from: number, to: number): boolean {
  const time = Date.parse(record.time);
  if (time < from || time > to) return false;
  if (query.before !== undefined && record.id >= query.before) return false;
  if (query.tokenId !== undefined && record.tokenId !== query.tokenId) return false;
  if (query.projectId !== undefined) {
    const target =
      record.target.projectId ??
      (record.route.includes("/projects/{id}") ? record.target.id : undefined);
    if (target !== query.projectId) return false;
  }
  if (query.action !== undefined && `${record.method} ${record.route}` !== query.action) {
    return false;
  }
  return true;
}
