import type { Database, Queryable } from "../storage/postgres/index.js";

/** A lease held: who holds it, with which fencing token, until when. */
export interface Lease {
  resource: string;
  nodeId: string;
  /** Grows every time the lease changes hands; a write carrying an older token is stale. */
  fencingToken: number;
  expiresAt: Date;
}

interface LeaseRow {
  resource: string;
  node_id: string;
  fencing_token: string;
  expires_at: Date;
}

const toLease = (row: LeaseRow): Lease => ({
  resource: row.resource,
  nodeId: row.node_id,
  fencingToken: Number(row.fencing_token),
  expiresAt: row.expires_at,
});

/**
 * Takes `resource` for `nodeId` for `ttlMs` when it is free, expired or already this
 * node's (then only extended, keeping its fencing token). Returns the lease held after
 * the call, or undefined when another node holds it. Safe inside a caller's transaction.
 */
export async function tryAcquireLease(
  db: Queryable,
  resource: string,
  nodeId: string,
  ttlMs: number,
): Promise<Lease | undefined> {
  const { rows } = await db.query<LeaseRow>(
    `INSERT INTO leases (resource, node_id, fencing_token, expires_at)
       VALUES ($1, $2, nextval('fencing_tokens'), now() + $3 * interval '1 millisecond')
     ON CONFLICT (resource) DO UPDATE SET
       node_id = EXCLUDED.node_id,
       fencing_token = CASE WHEN leases.node_id = EXCLUDED.node_id
         THEN leases.fencing_token ELSE EXCLUDED.fencing_token END,
       expires_at = EXCLUDED.expires_at
     WHERE leases.node_id = EXCLUDED.node_id OR leases.expires_at < now()
     RETURNING resource, node_id, fencing_token, expires_at`,
    [resource, nodeId, ttlMs],
  );
  return rows[0] ? toLease(rows[0]) : undefined;
}

/** The live (unexpired) lease on `resource`, if any. */
export async function currentLease(db: Queryable, resource: string): Promise<Lease | undefined> {
  const { rows } = await db.query<LeaseRow>(
    `SELECT resource, node_id, fencing_token, expires_at FROM leases
      WHERE resource = $1 AND expires_at >= now()`,
    [resource],
  );
  return rows[0] ? toLease(rows[0]) : undefined;
}

/**
 * Extends every lease `nodeId` still holds by `ttlMs`; returns the resources renewed.
 * A lease missing from the answer was lost (expired and taken by another node).
 */
export async function renewLeases(db: Queryable, nodeId: string, ttlMs: number): Promise<string[]> {
  const { rows } = await db.query<{ resource: string }>(
    `UPDATE leases SET expires_at = now() + $2 * interval '1 millisecond'
      WHERE node_id = $1 AND expires_at >= now()
      RETURNING resource`,
    [nodeId, ttlMs],
  );
  return rows.map((row) => row.resource);
}

/** Gives `resource` up, if `nodeId` holds it. */
export async function releaseLease(db: Queryable, resource: string, nodeId: string): Promise<void> {
  await db.query("DELETE FROM leases WHERE resource = $1 AND node_id = $2", [resource, nodeId]);
}

/**
 * Gives `resource` up if `nodeId` holds it, unless `busy` answers true. `busy` is asked
 * inside the transaction once the lease row is locked, so work that takes the lease in
 * its own transaction (a task claim) either committed before and is seen, or waits and
 * takes a new lease after. Returns whether the node holds `resource` no longer.
 */
export function releaseLeaseUnless(
  database: Database,
  resource: string,
  nodeId: string,
  busy: (client: Queryable) => Promise<boolean>,
): Promise<boolean> {
  return database.transaction(async (client) => {
    const { rowCount } = await client.query(
      "SELECT 1 FROM leases WHERE resource = $1 AND node_id = $2 FOR UPDATE",
      [resource, nodeId],
    );
    if (rowCount === 0) return true;
    if (await busy(client)) return false;
    await releaseLease(client, resource, nodeId);
    return true;
  });
}

/**
 * Gives up every live lease of `nodeId` (a clean shutdown). Expired ones stay: the node
 * may have let one run out on purpose (`expireLease`) for the others to notice.
 */
export async function releaseAllLeases(db: Queryable, nodeId: string): Promise<void> {
  await db.query("DELETE FROM leases WHERE node_id = $1 AND expires_at >= now()", [nodeId]);
}

/**
 * Ends `nodeId`'s lease on `resource` now but keeps its row, expired, as a dead node's
 * would be: free to take, and seen by nodes that look for expired leases.
 */
export async function expireLease(db: Queryable, resource: string, nodeId: string): Promise<void> {
  await db.query(
    `UPDATE leases SET expires_at = now() - interval '1 millisecond'
      WHERE resource = $1 AND node_id = $2`,
    [resource, nodeId],
  );
}

/** Resources starting with `prefix` whose lease expired unrenewed (their node stopped). */
export async function expiredLeases(db: Queryable, prefix: string): Promise<string[]> {
  const { rows } = await db.query<{ resource: string }>(
    `SELECT resource FROM leases WHERE expires_at < now() AND starts_with(resource, $1)
      ORDER BY resource`,
    [prefix],
  );
  return rows.map((row) => row.resource);
}

/**
 * Deletes the lease on `resource` if it expired (nobody renews an expired lease, and a
 * node that takes it makes it live first), so it is not looked at again.
 */
export async function dropExpiredLease(db: Queryable, resource: string): Promise<void> {
  await db.query("DELETE FROM leases WHERE resource = $1 AND expires_at < now()", [resource]);
}
