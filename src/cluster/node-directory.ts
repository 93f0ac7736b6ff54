import type { Queryable } from "../storage/postgres/index.js";

/** A live node that runs sessions, and where to reach it. */
export interface ReachableNode {
  id: string;
  url: string;
}

/** Where node `nodeId` said it is reached (`announce`), if it did. */
export async function nodeUrlOf(db: Queryable, nodeId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ url: string | null }>("SELECT url FROM nodes WHERE id = $1", [
    nodeId,
  ]);
  return rows[0]?.url ?? undefined;
}

/**
 * The live, reachable node that runs sessions (`all` or `worker`) and holds the fewest
 * project leases: where an `api` node sends work for a project nobody runs.
 */
export async function leastLoadedSessionNode(
  db: Queryable,
  leaseTtlMs: number,
): Promise<ReachableNode | undefined> {
  const { rows } = await db.query<{ id: string; url: string }>(
    `SELECT n.id, n.url FROM nodes n
       LEFT JOIN leases l ON l.node_id = n.id AND l.expires_at >= now()
         AND starts_with(l.resource, 'project:')
      WHERE n.role <> 'api' AND n.url IS NOT NULL AND n.stopped_at IS NULL
        AND n.heartbeat_at >= now() - $1 * interval '1 millisecond'
      GROUP BY n.id, n.url
      ORDER BY count(l.resource), n.id
      LIMIT 1`,
    [leaseTtlMs],
  );
  return rows[0];
}
