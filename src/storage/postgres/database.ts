import pg from "pg";
import { type Migration, runMigrations } from "./migrate.js";
import { allMigrations } from "./migrations/index.js";

/** A query runner: the database, its pool, or one client inside a transaction. */
export interface Queryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>>;
}

/** Where the database reports lost connections (the server's logger fits). */
export interface DatabaseLogger {
  warn(message: string, meta?: Record<string, string | number | boolean>): void;
}

const silent: DatabaseLogger = { warn: () => undefined };

export interface DatabaseOptions {
  /** Default: silent. */
  logger?: DatabaseLogger;
  /** Connections held at most. Default 10. */
  maxConnections?: number;
  /** Schema migrations to bring the database to. Default: every migration of this server. */
  migrations?: readonly Migration[];
  /** Names this process in `pg_stat_activity`. Default `pi-agent-server`. */
  applicationName?: string;
}

/** What `/v1/healthz` reports of the database. */
export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/**
 * One PostgreSQL database shared by every server process of a cluster: a connection pool,
 * transactions, and `LISTEN`/`NOTIFY` over one dedicated connection that reconnects by
 * itself. Opening it runs the schema migrations (serialised across processes).
 *
 * @example
 * const db = await openDatabase("postgres://agent@db/agent", { logger });
 * const stop = db.listen("events", (payload) => wake(payload));
 * await db.notify("events", "s1:42");
 */
export class Database {
  readonly pool: pg.Pool;
  readonly #url: string;
  readonly #logger: DatabaseLogger;
  readonly #applicationName: string;
  readonly #listeners = new Map<string, Set<(payload: string) => void>>();
  #listener: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(url: string, options: DatabaseOptions) {
    this.#url = url;
    this.#logger = options.logger ?? silent;
    this.#applicationName = options.applicationName ?? "pi-agent-server";
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      application_name: this.#applicationName,
    });
    // An idle client that loses its connection emits here; the pool replaces it.
    this.pool.on("error", (error) =>
      this.#logger.warn("database connection lost", { message: error.message }),
    );
  }

  /** Connects, runs the migrations and returns the database. */
  static async open(url: string, options: DatabaseOptions = {}): Promise<Database> {
    const database = new Database(url, options);
    try {
      await runMigrations(database.pool, options.migrations ?? allMigrations);
    } catch (error) {
      await database.pool.end();
      throw error;
    }
    return database;
  }

  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<Row>> {
    return this.pool.query<Row>(text, values);
  }

  /**
   * Checks a client out of the pool for a while (a transaction, an advisory lock held
   * across awaits). A connection lost meanwhile is reported on the client, between two
   * queries too, and again after the query it failed (a reset socket after the server's
   * farewell): it is heard here, never left unhandled, and the client is dropped on release.
   */
  async checkOut(): Promise<CheckedOutClient> {
    const client = await this.pool.connect();
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost ??= error;
    };
    client.on("error", onError);
    return {
      client,
      lost: () => lost,
      release(broken) {
        lost ??= broken;
        client.off("error", onError);
        if (!lost) {
          client.release();
          return;
        }
        // Keeps hearing the dead connection's last errors while the pool drops it.
        client.on("error", () => undefined);
        client.release(lost);
      },
    };
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const checkedOut = await this.checkOut();
    const { client } = checkedOut;
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    } finally {
      checkedOut.release(broken);
    }
  }

  /** Sends `payload` (at most 7,999 bytes) to every listener of `channel`, on every process. */
  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query("SELECT pg_notify($1, $2)", [channel, payload]);
  }

  /**
   * Calls `onPayload` for each notification on `channel` until the returned function is
   * called. Resolves once the channel is listened to, so a notify sent after it arrives.
   * Notifications sent while the connection is down are lost: listeners must re-read
   * state after `onReconnect` (see {@link onReconnect}).
   */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => void> {
    let set = this.#listeners.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
    }
    set.add(onPayload);
    await this.#connectListener();
    if (first) await this.#onListener(`LISTEN ${quoteIdentifier(channel)}`);
    return () => {
      const current = this.#listeners.get(channel);
      current?.delete(onPayload);
      if (current && current.size === 0) {
        this.#listeners.delete(channel);
        this.#onListener(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
      }
    };
  }

  readonly #reconnectHandlers = new Set<() => void>();

  /** Calls `handler` each time the listening connection is back after a loss. */
  onReconnect(handler: () => void): () => void {
    this.#reconnectHandlers.add(handler);
    return () => this.#reconnectHandlers.delete(handler);
  }

  /** A round trip to the database, timed. */
  async health(): Promise<DatabaseHealth> {
    const started = performance.now();
    try {
      await this.pool.query("SELECT 1");
      return { ok: true, latencyMs: round(performance.now() - started) };
    } catch (error) {
      return {
        ok: false,
        latencyMs: round(performance.now() - started),
        error: (error as Error).message,
      };
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  #listenerQueue: Promise<unknown> = Promise.resolve();

  /** Runs `sql` on the listening connection after the statements sent before it (one at a time). */
  #onListener(sql: string): Promise<void> {
    const run = async () => {
      await this.#listener?.query(sql);
    };
    const next = this.#listenerQueue.then(run, run);
    this.#listenerQueue = next.catch(() => undefined);
    return next;
  }

  #connectListener(): Promise<void> {
    if (this.#listener) return Promise.resolve();
    this.#connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.#url,
        application_name: `${this.#applicationName} listener`,
      });
      client.on("notification", (message) => {
        for (const handler of this.#listeners.get(message.channel) ?? []) {
          handler(message.payload ?? "");
        }
      });
      client.on("error", (error) => this.#lost(client, error));
      client.on("end", () => this.#lost(client, new Error("connection ended")));
      await client.connect();
      this.#listener = client;
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#listener !== client || this.#closed) return;
    this.#listener = undefined;
    this.#logger.warn("database listener lost; reconnecting", { message: error.message });
    const retry = (delayMs: number) => {
      this.#reconnectTimer = setTimeout(async () => {
        if (this.#closed) return;
        try {
          await this.#connectListener();
          for (const channel of this.#listeners.keys()) {
            await this.#onListener(`LISTEN ${quoteIdentifier(channel)}`);
          }
          for (const handler of this.#reconnectHandlers) handler();
        } catch {
          retry(Math.min(delayMs * 2, 5000));
        }
      }, delayMs);
      this.#reconnectTimer.unref();
    };
    retry(100);
  }
}

/** A client checked out of the pool by {@link Database.checkOut}. */
export interface CheckedOutClient {
  client: pg.PoolClient;
  /** The error that ended the client's connection, if one did. */
  lost(): Error | undefined;
  /** Returns the client to the pool, or drops it when its connection was lost or `broken` is given. */
  release(broken?: Error): void;
}

/** Opens the shared database at `url`; see {@link Database}. */
export function openDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  return Database.open(url, options);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
