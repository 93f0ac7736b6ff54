import type { NodeRole } from "../config/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { releaseAllLeases, renewLeases } from "./leases.js";

/** A node as the cluster sees it. */
export interface NodeInfo {
  id: string;
  role: NodeRole;
  url: string | null;
  startedAt: string;
  heartbeatAt: string;
  /** Whether its heartbeat is within the lease time. */
  alive: boolean;
}

export interface NodeRegistryOptions {
  database: Database;
  nodeId: string;
  role: NodeRole;
  /** Where the other nodes reach this one; may be announced later (`announce`). */
  nodeUrl?: string | undefined;
  leaseTtlMs: number;
  logger?: Logger;
  /** Called with the resources whose leases this node lost (not renewed in time). */
  onLeasesLost?: (resources: string[]) => void;
}

/**
 * This node's row in `nodes` and its heartbeat: every third of the lease time it marks
 * itself alive and renews every lease it holds, so a node that stops (crash, partition,
 * stalled event loop) loses its leases to the survivors after at most one lease time.
 */
export class NodeRegistry {
  readonly #options: NodeRegistryOptions;
  readonly #logger: Logger;
  readonly #held = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #beat: Promise<void> = Promise.resolve();
  #lastBeatOk = false;
  /** When leases were last renewed (ms since epoch); after one lease time without, they are gone. */
  #renewedAt = 0;
  #beating = false;
  readonly #lostListeners = new Set<(resources: string[]) => void>();

  constructor(options: NodeRegistryOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Registers the node and starts the heartbeat. */
  async start(): Promise<void> {
    const { database, nodeId, role, nodeUrl } = this.#options;
    await database.query(
      `INSERT INTO nodes (id, role, url, started_at, heartbeat_at)
         VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (id) DO UPDATE SET role = $2, url = $3, started_at = now(),
         heartbeat_at = now(), stopped_at = NULL`,
      [nodeId, role, nodeUrl ?? null],
    );
    this.#lastBeatOk = true;
    this.#renewedAt = Date.now();
    const interval = Math.max(100, Math.floor(this.#options.leaseTtlMs / 3));
    this.#timer = setInterval(() => {
      // A heartbeat stuck on an unreachable database must not keep leases believed held.
      const stale = Date.now() - this.#renewedAt >= this.#options.leaseTtlMs;
      if (stale && this.#beating) this.#lose([...this.#held]);
      this.#beat = this.#beat.then(() => this.heartbeat());
    }, interval);
    this.#timer.unref();
  }

  /** Records the URL the other nodes reach this one at, once it listens. */
  async announce(url: string): Promise<void> {
    await this.#options.database.query("UPDATE nodes SET url = $2 WHERE id = $1", [
      this.#options.nodeId,
      url,
    ]);
  }

  /** Whether the last heartbeat reached the database. */
  get healthy(): boolean {
    return this.#lastBeatOk;
  }

  /** Records that this node now holds `resource`, so a lost renewal is reported. */
  track(resource: string): void {
    this.#held.add(resource);
  }

  untrack(resource: string): void {
    this.#held.delete(resource);
  }

  /**
   * Whether this node holds `resource` as far as it knows: tracked, and renewed within
   * the lease time (a node cut off from the database stops believing it owns anything).
   */
  holds(resource: string): boolean {
    return this.#held.has(resource) && Date.now() - this.#renewedAt < this.#options.leaseTtlMs;
  }

  /** The resources this node tracks as held, sorted. */
  get held(): string[] {
    return [...this.#held].sort();
  }

  /**
   * Calls `listener` with the resources whose leases this node lost, like the
   * `onLeasesLost` option; returns the function that stops it.
   */
  onLeasesLost(listener: (resources: string[]) => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }

  /**
   * One heartbeat: mark alive, renew leases, report the ones lost. When the database
   * cannot be reached for a whole lease time, every lease is reported lost: other nodes
   * may hold them by now.
   */
  async heartbeat(): Promise<void> {
    const { database, nodeId, leaseTtlMs } = this.#options;
    const startedAt = Date.now();
    this.#beating = true;
    try {
      await database.query("UPDATE nodes SET heartbeat_at = now() WHERE id = $1", [nodeId]);
      const renewed = new Set(await renewLeases(database, nodeId, leaseTtlMs));
      this.#renewedAt = startedAt;
      this.#lastBeatOk = true;
      this.#lose([...this.#held].filter((resource) => !renewed.has(resource)));
    } catch (error) {
      this.#lastBeatOk = false;
      this.#logger.warn("heartbeat failed", { message: (error as Error).message });
      if (Date.now() - this.#renewedAt >= leaseTtlMs) this.#lose([...this.#held]);
    } finally {
      this.#beating = false;
    }
  }

  #lose(lost: string[]): void {
    if (lost.length === 0) return;
    for (const resource of lost) this.#held.delete(resource);
    this.#logger.warn("leases lost", { resources: lost.join(", ") });
    this.#options.onLeasesLost?.(lost);
    for (const listener of this.#lostListeners) listener(lost);
  }

  /** Every registered node, newest heartbeat first. */
  async nodes(): Promise<NodeInfo[]> {
    const { rows } = await this.#options.database.query<{
      id: string;
      role: NodeRole;
      url: string | null;
      started_at: Date;
      heartbeat_at: Date;
      alive: boolean;
    }>(
      `SELECT id, role, url, started_at, heartbeat_at,
              stopped_at IS NULL AND heartbeat_at >= now() - $1 * interval '1 millisecond' AS alive
         FROM nodes ORDER BY heartbeat_at DESC`,
      [this.#options.leaseTtlMs],
    );
    return rows.map((row) => ({
      id: row.id,
      role: row.role,
      url: row.url,
      startedAt: row.started_at.toISOString(),
      heartbeatAt: row.heartbeat_at.toISOString(),
      alive: row.alive,
    }));
  }

  /**
   * Stops the heartbeat and nothing else: the node goes silent, as a crashed or stalled
   * one does, and its leases expire after one lease time. For failover tests.
   */
  async silence(): Promise<void> {
    clearInterval(this.#timer);
    await this.#beat;
  }

  /** Stops the heartbeat, gives up every lease and marks the node stopped. */
  async stop(): Promise<void> {
    await this.silence();
    const { database, nodeId } = this.#options;
    await releaseAllLeases(database, nodeId).catch(() => undefined);
    await database
      .query("UPDATE nodes SET stopped_at = now() WHERE id = $1", [nodeId])
      .catch(() => undefined);
  }
}
