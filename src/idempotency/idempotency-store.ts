import type { FileHandle } from "node:fs/promises";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "../logging/logger.js";
import { writeFileAtomic } from "../storage/index.js";

/** Default window a stored response is replayed for: 24 hours. */
export const defaultIdempotencyTtlMs = 24 * 3_600_000;

/** A response as it is stored and replayed: status, the headers that matter, the body. */
export interface StoredResponse {
  status: number;
  /** Lower-case header names, e.g. `content-type`, `location`. */
  headers: Record<string, string>;
  body: string;
}

/** What `claim` found for a key. */
export type Claim =
  /** The first request with this key finished: replay its response. */
  | { kind: "replay"; response: StoredResponse }
  /** The key was used with another request body. */
  | { kind: "reused" }
  /** The first request with this key is still being answered. */
  | { kind: "in-flight" }
  /**
   * The key is new (or expired, or its first attempt was not stored): this request owns it
   * until it calls `complete` (store the response) or `release` (forget the key).
   */
  | {
      kind: "claimed";
      complete(response: StoredResponse): Promise<void>;
      release(): void | Promise<void>;
    };

interface Entry {
  fingerprint: string;
  at: number;
  response: StoredResponse;
}

interface Row {
  v: 1;
  s: string;
  k: string;
  f: string;
  at: number;
  r: StoredResponse;
}

export interface IdempotencyStoreOptions {
  /** How long a stored response is replayed. Default 24 h. */
  ttlMs?: number | undefined;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  logger?: Logger | undefined;
  /**
   * The file is rewritten once it holds more than twice as many lines as live entries
   * plus this many. Default 1000.
   */
  compactSlack?: number | undefined;
}

/** How often expired entries are dropped from memory, at most. */
const sweepIntervalMs = 60_000;
const defaultCompactSlack = 1_000;

function isStoredResponse(value: unknown): value is StoredResponse {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.status === "number" &&
    typeof r.body === "string" &&
    typeof r.headers === "object" &&
    r.headers !== null &&
    Object.values(r.headers).every((h) => typeof h === "string")
  );
}

function decodeRow(line: string): Row | undefined {
  try {
    const row = JSON.parse(line) as Partial<Row>;
    if (
      row.v === 1 &&
      typeof row.s === "string" &&
      typeof row.k === "string" &&
      typeof row.f === "string" &&
      typeof row.at === "number" &&
      isStoredResponse(row.r)
    ) {
      return row as Row;
    }
  } catch {
    // an unreadable line is skipped
  }
  return undefined;
}

const mapKey = (scope: string, key: string) => `${scope}\n${key}`;

/**
 * The responses of requests sent with an `Idempotency-Key`, replayed to a retry for
 * `ttlMs`. Keys being answered are held in memory only; a finished response is appended
 * to a JSON-lines file and synced before `complete` resolves, so a response the client
 * saw survives a crash, while a request cut short by one leaves nothing behind (its
 * retry runs again). Opening the file trims a line torn by a crash, skips unreadable
 * lines and drops expired entries; the file is rewritten atomically when it holds
 * mostly dead lines.
 */
export class IdempotencyStore {
  readonly ttlMs: number;
  readonly #file: string | undefined;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  readonly #compactSlack: number;
  readonly #entries = new Map<string, Entry & { scope: string; key: string }>();
  readonly #inFlight = new Map<string, string>();
  #lines = 0;
  #lastSweep = 0;
  #handle: FileHandle | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string | undefined, options: IdempotencyStoreOptions) {
    this.#file = file;
    this.ttlMs = options.ttlMs ?? defaultIdempotencyTtlMs;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
    this.#compactSlack = options.compactSlack ?? defaultCompactSlack;
  }

  /** A store kept in memory only, forgotten on restart. */
  static inMemory(options: IdempotencyStoreOptions = {}): IdempotencyStore {
    return new IdempotencyStore(undefined, options);
  }

  /** Opens (or creates) the store kept in `file`. */
  static async open(
    file: string,
    options: IdempotencyStoreOptions = {},
  ): Promise<IdempotencyStore> {
    const store = new IdempotencyStore(file, options);
    await store.#load(file);
    return store;
  }

  /** Live (unexpired) stored responses. */
  get size(): number {
    this.#sweep(true);
    return this.#entries.size;
  }

  /**
   * Looks `key` up in `scope` for a request whose body has `fingerprint`, and claims it
   * when nobody holds it.
   */
  claim(scope: string, key: string, fingerprint: string): Claim {
    this.#sweep(false);
    const id = mapKey(scope, key);
    const entry = this.#entries.get(id);
    if (entry && !this.#expired(entry)) {
      return entry.fingerprint === fingerprint
        ? { kind: "replay", response: entry.response }
        : { kind: "reused" };
    }
    const holder = this.#inFlight.get(id);
    if (holder !== undefined)
      return holder === fingerprint ? { kind: "in-flight" } : { kind: "reused" };
    this.#inFlight.set(id, fingerprint);
    let done = false;
    return {
      kind: "claimed",
      complete: async (response) => {
        if (done) return;
        done = true;
        const stored = { scope, key, fingerprint, at: this.#now(), response };
        this.#entries.set(id, stored);
        this.#inFlight.delete(id);
        await this.#append(stored);
      },
      release: () => {
        if (done) return;
        done = true;
        this.#inFlight.delete(id);
      },
    };
  }

  /** Resolves once every finished response so far is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }

  /** Flushes and closes the file; the store must not be used afterwards. */
  async close(): Promise<void> {
    await this.#writing;
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #expired(entry: Entry): boolean {
    return entry.at + this.ttlMs <= this.#now();
  }

  #sweep(force: boolean): void {
    const now = this.#now();
    if (!force && now - this.#lastSweep < sweepIntervalMs) return;
    this.#lastSweep = now;
    for (const [id, entry] of this.#entries) {
      if (this.#expired(entry)) this.#entries.delete(id);
    }
  }

  async #load(file: string): Promise<void> {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (bytes === undefined) return;
    const end = bytes.lastIndexOf(0x0a) + 1;
    let dead = end < bytes.length ? 1 : 0;
    for (const line of bytes.subarray(0, end).toString("utf8").split("\n")) {
      if (line.length === 0) continue;
      const row = decodeRow(line);
      if (!row) {
        dead += 1;
        continue;
      }
      const entry = { scope: row.s, key: row.k, fingerprint: row.f, at: row.at, response: row.r };
      const id = mapKey(row.s, row.k);
      if (this.#expired(entry)) dead += 1;
      else {
        if (this.#entries.has(id)) dead += 1;
        this.#entries.set(id, entry);
      }
    }
    this.#lines = this.#entries.size + dead;
    if (dead > 0) {
      if (dead > this.#entries.size) {
        this.#logger?.info("idempotency store compacted", {
          dropped: dead,
          kept: this.#entries.size,
        });
      }
      await this.#rewrite(file);
    }
  }

  #encode(entry: Entry & { scope: string; key: string }): string {
    const row: Row = {
      v: 1,
      s: entry.scope,
      k: entry.key,
      f: entry.fingerprint,
      at: entry.at,
      r: entry.response,
    };
    return `${JSON.stringify(row)}\n`;
  }

  /** Replaces the file with the live entries only (a crash leaves the old or the new file). */
  async #rewrite(file: string): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
    this.#sweep(true);
    const live = [...this.#entries.values()];
    if (live.length === 0) await rm(file, { force: true });
    else
      await writeFileAtomic(file, live.map((entry) => this.#encode(entry)).join(""), {
        mode: 0o600,
      });
    this.#lines = live.length;
  }

  #append(entry: Entry & { scope: string; key: string }): Promise<void> {
    const file = this.#file;
    if (file === undefined) return Promise.resolve();
    const line = this.#encode(entry);
    const write = async () => {
      try {
        if (!this.#handle) {
          await mkdir(dirname(file), { recursive: true });
          this.#handle = await open(file, "a", 0o600);
        }
        await this.#handle.appendFile(line);
        await this.#handle.datasync();
        this.#lines += 1;
        if (this.#lines > 2 * this.#entries.size + this.#compactSlack) await this.#rewrite(file);
      } catch (error) {
        await this.#handle?.close().catch(() => undefined);
        this.#handle = undefined;
        // The response is still replayed from memory until the process ends.
        this.#logger?.error("idempotency store append failed", {
          message: (error as Error).message,
        });
      }
    };
    this.#writing = this.#writing.then(write);
    return this.#writing;
  }
}
