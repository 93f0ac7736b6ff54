import { open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../logging/logger.js";
import { LineAppender } from "../storage/index.js";
import { decodeRow, encodeRecord, type UsageRecord } from "./usage-records.js";

const segmentPattern = /^usage-(\d{4})-(\d{2})\.jsonl$/;

/** The monthly segment (UTC) a record is appended to, e.g. `usage-2026-01.jsonl`. */
export function segmentName(at: number): string {
  const date = new Date(at);
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `usage-${date.getUTCFullYear()}-${month}.jsonl`;
}

export interface LoadSummary {
  /** Records read. */
  records: number;
  /** Lines that could not be read and were skipped. */
  skipped: number;
}

/**
 * Reads every segment in `dir`, oldest first, handing each record to `onRecord`. A
 * segment whose last line was torn by a crash (no final newline) is truncated back to
 * its last complete line, so later appends start on a fresh line; any other unreadable
 * line is skipped and counted.
 */
export async function loadUsageLog(
  dir: string,
  onRecord: (record: UsageRecord) => void,
): Promise<LoadSummary> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => segmentPattern.test(name))
    .sort();
  const summary: LoadSummary = { records: 0, skipped: 0 };
  for (const name of names) {
    const path = join(dir, name);
    const bytes = await readFile(path);
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end < bytes.length) {
      summary.skipped += 1;
      await truncateTo(path, end);
    }
    const text = bytes.subarray(0, end).toString("utf8");
    for (const row of parseRows(text)) {
      const record = row === undefined ? undefined : decodeRow(row);
      if (record) {
        summary.records += 1;
        onRecord(record);
      } else summary.skipped += 1;
    }
  }
  return summary;
}

/**
 * The parsed lines of a segment (`undefined` for a line that is not JSON). One
 * `JSON.parse` of the whole segment is several times faster than one per line; a
 * segment with a bad line falls back to line by line.
 */
function parseRows(text: string): unknown[] {
  if (text.length === 0) return [];
  try {
    return JSON.parse(`[${text.slice(0, -1).replaceAll("\n", ",")}]`) as unknown[];
  } catch {
    return text
      .slice(0, -1)
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return undefined;
        }
      });
  }
}

async function truncateTo(path: string, length: number): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface UsageLogWriterOptions {
  dir: string;
  logger: Logger;
}

/**
 * Appends records to the monthly segments at the end of the event loop's turn: records
 * queued in the same turn are written with one append per segment, through a descriptor
 * kept open (see `LineAppender`), so lines stay whole and in order. A failed append is
 * logged and dropped: telemetry must never stop an agent run.
 */
export class UsageLogWriter {
  readonly #logger: Logger;
  readonly #appender: LineAppender;
  #queue: UsageRecord[] = [];
  #scheduled = false;

  constructor(options: UsageLogWriterOptions) {
    this.#logger = options.logger;
    this.#appender = new LineAppender(options.dir);
  }

  append(record: UsageRecord): void {
    this.#queue.push(record);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.flush();
    });
  }

  /** Writes every record appended so far (or logs its failure). */
  async flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length > 0) this.#write(batch);
  }

  /** Flushes, then closes the open segment; an append after this opens it again. */
  async close(): Promise<void> {
    await this.flush();
    this.#appender.close();
  }

  #write(batch: UsageRecord[]): void {
    const bySegment = new Map<string, string[]>();
    for (const record of batch) {
      const name = segmentName(record.at);
      let lines = bySegment.get(name);
      if (!lines) {
        lines = [];
        bySegment.set(name, lines);
      }
      lines.push(encodeRecord(record));
    }
    for (const [name, lines] of bySegment) {
      try {
        this.#appender.append(name, `${lines.join("\n")}\n`);
      } catch (error) {
        this.#logger.error("usage log append failed", {
          records: lines.length,
          message: (error as Error).message,
        });
      }
    }
  }
}
