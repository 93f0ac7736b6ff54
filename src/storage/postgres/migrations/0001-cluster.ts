import type { Migration } from "../migrate.js";

/** The processes of a cluster and the leases they hold (project ownership, task claims). */
export const clusterMigration: Migration = {
  version: 1,
  name: "cluster",
  sql: `
    CREATE TABLE nodes (
      id text PRIMARY KEY,
      role text NOT NULL,
      url text,
      started_at timestamptz NOT NULL,
      heartbeat_at timestamptz NOT NULL,
      stopped_at timestamptz
    );
    CREATE TABLE leases (
      resource text PRIMARY KEY,
      node_id text NOT NULL,
      fencing_token bigint NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX leases_node ON leases (node_id);
    CREATE SEQUENCE fencing_tokens;
  `,
};
