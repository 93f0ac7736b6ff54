import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import type { LiveRun, SharedLiveRuns } from "./live-runs.js";

export interface PgLiveRunsOptions {
  database: Database;
  nodeId: string;
  /** A node silent this long is dead: its runs are no longer listed. */
  leaseTtlMs: number;
  logger: Logger;
  /** How often this node's runs are published. Default 1 s. */
  publishEveryMs?: number;
}

/**
 * Each node's runs in progress in the `live_runs` table, replaced as a whole every
 * `publishEveryMs` (only while there is something to say), so `/v1/agents/live` on any
 * node lists every node's runs, at most one period old. The runs of a node that stopped
 * heartbeating for a lease time are left out, so a crash does not leave ghosts.
 */
export class PgLiveRuns implements SharedLiveRuns {
  readonly #db: Database;
  readonly #nodeId: string;
  readonly #leaseTtlMs: number;
  readonly #logger: Logger;
  readonly #publishEveryMs: number;
  #timer: NodeJS.Timeout | undefined;
  #publishing: Promise<void> = Promise.resolve();
  /** True at first, so the first publication clears rows left by an earlier life of this node. */
  #publishedAny = true;

  constructor(options: PgLiveRunsOptions) {
    this.#db = options.database;
    this.#nodeId = options.nodeId;
    this.#leaseTtlMs = options.leaseTtlMs;
    this.#logger = options.logger;
    this.#publishEveryMs = options.publishEveryMs ?? 1000;
  }

  start(local: () => LiveRun[]): void {
    const tick = () => {
      this.#publishing = this.#publish(local()).catch((error: unknown) =>
        this.#logger.warn("live runs: publish failed", { message: (error as Error).message }),
      );
    };
    this.#timer = setInterval(tick, this.#publishEveryMs);
    this.#timer.unref();
  }

  async others(): Promise<LiveRun[]> {
    const { rows } = await this.#db.query<{ run: LiveRun }>(
      `SELECT r.run FROM live_runs r JOIN nodes n ON n.id = r.node_id
       WHERE r.node_id <> $1 AND n.stopped_at IS NULL
         AND n.heartbeat_at > now() - $2 * interval '1 millisecond'`,
      [this.#nodeId, this.#leaseTtlMs],
    );
    return rows.map((row) => row.run);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#publishing;
    await this.#publish([]).catch(() => undefined);
  }

  async #publish(runs: LiveRun[]): Promise<void> {
    if (runs.length === 0 && !this.#publishedAny) return;
    await this.#db.transaction(async (client) => {
      await client.query("DELETE FROM live_runs WHERE node_id = $1", [this.#nodeId]);
      if (runs.length === 0) return;
      await client.query(
        `INSERT INTO live_runs (node_id, project_id, session_id, run)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[])`,
        [
          this.#nodeId,
          runs.map((run) => run.projectId),
          runs.map((run) => run.sessionId),
          runs.map((run) => JSON.stringify(run)),
        ],
      );
    });
    this.#publishedAny = runs.length > 0;
  }
}
