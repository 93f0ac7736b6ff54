import type { FileHandle } from "node:fs/promises";
import { mkdir, open, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../storage/atomic-write.js";
import type { WebhookEventType } from "./webhook-events.js";

/** A delivery queued: one event for one subscription, with the exact body that is signed. */
export interface QueuedRecord {
  kind: "queued";
  id: string;
  subscriptionId: string;
  type: WebhookEventType;
  body: string;
  /** Epoch ms. */
  at: number;
}

/** One attempt to send a delivery, and the state it left the delivery in. */
export interface AttemptRecord {
  kind: "attempt";
  id: string;
  at: number;
  /** The receiver's HTTP status; null when no response came. */
  statusCode: number | null;
  /** The start of the response body. */
  response: string | null;
  /** Why no 2xx came (connection refused, timeout, refused address, status). */
  error: string | null;
  durationMs: number;
  state: "pending" | "delivered" | "failed";
  /** Epoch ms of the next attempt while `pending`. */
  nextAttemptAt: number | null;
}

/** A finished delivery queued again by `resend`. */
export interface ResentRecord {
  kind: "resent";
  id: string;
  at: number;
}

export type OutboxRecord = QueuedRecord | AttemptRecord | ResentRecord;

function isRecord(value: unknown): value is OutboxRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<OutboxRecord>;
  return (
    typeof record.id === "string" &&
    typeof record.at === "number" &&
    (record.kind === "queued" || record.kind === "attempt" || record.kind === "resent")
  );
}

export interface OutboxLoad {
  records: OutboxRecord[];
  /** Lines that could not be read: a torn last line (trimmed away) or garbage. */
  skipped: number;
}

/**
 * Reads the outbox at `path` (empty when missing). A last line torn by a crash (no final
 * newline) does not count; any other unreadable line is skipped.
 */
export async function readOutbox(path: string): Promise<OutboxLoad> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], skipped: 0 };
    throw error;
  }
  const end = bytes.lastIndexOf(0x0a) + 1;
  const load: OutboxLoad = { records: [], skipped: end < bytes.length ? 1 : 0 };
  for (const line of bytes.subarray(0, end).toString("utf8").split("\n")) {
    if (line.length === 0) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) load.records.push(parsed);
      else load.skipped += 1;
    } catch {
      load.skipped += 1;
    }
  }
  return load;
}

/**
 * The outbox file: an append-only JSON-lines log. On open it is rewritten atomically with
 * the records still worth keeping (so it stays small and a torn tail is gone); it is
 * created on the first append when there is nothing to keep. Appends never overlap and
 * each resolves once its lines are synced to disk, so a delivery is sent only after it
 * is durable.
 */
export class OutboxLog {
  readonly #path: string;
  #handle: Promise<FileHandle> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(path: string) {
    this.#path = path;
  }

  /** Replaces the file at `path` (when it exists or `records` is not empty) with `records`. */
  static async open(path: string, records: readonly OutboxRecord[]): Promise<OutboxLog> {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists || records.length > 0) {
      await mkdir(dirname(path), { recursive: true });
      const text = records.map((record) => `${JSON.stringify(record)}\n`).join("");
      await writeFileAtomic(path, text, { mode: 0o600 });
    }
    return new OutboxLog(path);
  }

  get path(): string {
    return this.#path;
  }

  /** Appends `records` and syncs; rejects when the write fails. */
  append(...records: OutboxRecord[]): Promise<void> {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join("");
    const write = this.#writing.then(async () => {
      if (this.#closed) throw new Error("outbox closed");
      const handle = await this.#open();
      await handle.write(text);
      await handle.datasync();
    });
    this.#writing = write.catch(() => undefined);
    return write;
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#writing;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.then((opened) => opened.close()).catch(() => undefined);
  }

  #open(): Promise<FileHandle> {
    this.#handle ??= mkdir(dirname(this.#path), { recursive: true }).then(() =>
      open(this.#path, "a", 0o600),
    );
    this.#handle.catch(() => {
      this.#handle = undefined;
    });
    return this.#handle;
  }
}
