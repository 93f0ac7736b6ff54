import type { Migration } from "../migrate.js";

/**
 * Event logs shared by every node (SSE replay): one head row per log holding its newest
 * id (never lowered, so ids are not reused after retention) and the bytes it keeps, and
 * the events themselves, sized as the file log would store them.
 */
export const eventLogsMigration: Migration = {
  version: 2,
  name: "event-logs",
  sql: `
    CREATE TABLE event_logs (
      key text PRIMARY KEY,
      last_id bigint NOT NULL,
      bytes bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE event_log_events (
      key text NOT NULL REFERENCES event_logs (key) ON DELETE CASCADE,
      id bigint NOT NULL,
      type text NOT NULL,
      data text NOT NULL,
      at bigint NOT NULL,
      bytes integer NOT NULL,
      PRIMARY KEY (key, id)
    );
  `,
};
