import { randomUUID } from "node:crypto";
import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { decodeRecord, encodeRecord, type UsageRecord } from "./usage-records.js";
import type { UsageStore } from "./usage-store.js";

/** Announces new rows of `usage_records`; the payload is empty, readers ask for what is new. */
const channel = "usage_records";
const readPageRows = 5000;

interface Pending {
  seq: number;
  record: UsageRecord;
}

export interface PgUsageStoreOptions {
  database: Database;
  logger: Logger;
  /** Wait before retrying a batch the database refused. Default 1 s, doubling to 30 s. */
  retryMs?: number;
}

/**
 * Usage records in the `usage_records` table, appended by every node of a cluster.
 * Records queued in one tick go in as one batch (retried until stored, idempotently by
 * `(writer, seq)`), so a clean stop loses nothing while a crash loses at most the batch
 * not yet committed. Each batch commits under one transaction-scoped advisory lock and
 * sends a notification: ids thus become visible in ascending order, and every node reads
 * the rows past the last id it saw, handing over those of other writers.
 */
export class PgUsageStore implements UsageStore {
  readonly #db: Database;
  readonly #logger: Logger;
  readonly #retryMs: number;
  readonly #writer = randomUUID();
  #seq = 0;
  #pending: Pending[] = [];
  #scheduled = false;
  #writing: Promise<void> = Promise.resolve();
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #lastId = 0;
  #reading: Promise<void> | undefined;
  #readAgain: Promise<void> | undefined;
  #onRecord: (record: UsageRecord) => void = () => undefined;
  #stopFollowing: (() => void)[] = [];

  constructor(options: PgUsageStoreOptions) {
    this.#db = options.database;
    this.#logger = options.logger;
    this.#retryMs = options.retryMs ?? 1000;
  }

  async open(onRecord: (record: UsageRecord) => void): Promise<void> {
    this.#onRecord = onRecord;
    const follow = () => void this.sync().catch((error) => this.#warn("read", error));
    this.#stopFollowing.push(await this.#db.listen(channel, follow));
    this.#stopFollowing.push(this.#db.onReconnect(follow));
    await this.sync();
  }

  append(record: UsageRecord): void {
    this.#seq += 1;
    this.#pending.push({ seq: this.#seq, record });
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.flush();
    });
  }

  flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  sync(): Promise<void> {
    if (this.#reading) {
      this.#readAgain ??= this.#reading
        .catch(() => undefined)
        .then(() => {
          this.#readAgain = undefined;
          return this.sync();
        });
      return this.#readAgain;
    }
    this.#reading = this.#readNew().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async close(): Promise<void> {
    clearTimeout(this.#retryTimer);
    await this.flush();
    clearTimeout(this.#retryTimer);
    if (this.#pending.length > 0) {
      this.#logger.error("usage records lost: the database refused them until the stop", {
        records: this.#pending.length,
      });
      this.#pending = [];
    }
    for (const stop of this.#stopFollowing.splice(0)) stop();
    await this.#reading?.catch(() => undefined);
  }

  async #write(batch: Pending[]): Promise<void> {
    try {
      await this.#db.transaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [channel]);
        await client.query(
          `INSERT INTO usage_records (writer, seq, at_ms, project_id, line)
           SELECT $1, * FROM unnest($2::bigint[], $3::float8[], $4::text[], $5::text[])
           ON CONFLICT (writer, seq) DO NOTHING`,
          [
            this.#writer,
            batch.map((item) => item.seq),
            batch.map((item) => item.record.at),
            batch.map((item) => item.record.projectId),
            batch.map((item) => encodeRecord(item.record)),
          ],
        );
        await client.query("SELECT pg_notify($1, '')", [channel]);
      });
      this.#failures = 0;
    } catch (error) {
      this.#pending = [...batch, ...this.#pending];
      this.#failures += 1;
      this.#warn("store", error, batch.length);
      clearTimeout(this.#retryTimer);
      const delay = Math.min(this.#retryMs * 2 ** (this.#failures - 1), 30_000);
      this.#retryTimer = setTimeout(() => void this.flush(), delay);
      this.#retryTimer.unref();
    }
  }

  async #readNew(): Promise<void> {
    let skipped = 0;
    for (;;) {
      const { rows } = await this.#db.query<{ id: string; writer: string; line: string }>(
        "SELECT id, writer, line FROM usage_records WHERE id > $1 ORDER BY id LIMIT $2",
        [this.#lastId, readPageRows],
      );
      for (const row of rows) {
        this.#lastId = Number(row.id);
        if (row.writer === this.#writer) continue;
        const record = decodeRecord(row.line);
        if (record) this.#onRecord(record);
        else skipped += 1;
      }
      if (rows.length < readPageRows) break;
    }
    if (skipped > 0) this.#logger.warn("usage records: skipped unreadable rows", { skipped });
  }

  #warn(action: "store" | "read", error: unknown, records?: number): void {
    this.#logger.warn(`usage records: ${action} failed`, {
      message: (error as Error).message,
      ...(records === undefined ? {} : { records }),
    });
  }
}
