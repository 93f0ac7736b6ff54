import type { Migration } from "../migrate.js";

/**
 * Usage records appended by every node, each node's runs in progress, `ask_user` state
 * and project defaults, and records of sessions pi has not written yet.
 *
 * A usage row keeps the record as the usage log's compact line, so both backends read it
 * with one decoder; `(writer, seq)` makes a retried batch insert idempotent.
 */
export const usageMigration: Migration = {
  version: 6,
  name: "usage",
  sql: `
    CREATE TABLE usage_records (
      id bigserial PRIMARY KEY,
      writer text NOT NULL,
      seq bigint NOT NULL,
      at_ms double precision NOT NULL,
      project_id text NOT NULL,
      line text NOT NULL,
      UNIQUE (writer, seq)
    );
    CREATE INDEX usage_records_at ON usage_records (at_ms);
    CREATE TABLE live_runs (
      node_id text NOT NULL,
      project_id text NOT NULL,
      session_id text NOT NULL,
      run jsonb NOT NULL,
      PRIMARY KEY (node_id, project_id, session_id)
    );
    CREATE TABLE ask_user_states (
      project_id text NOT NULL,
      session_id text NOT NULL,
      state jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, session_id)
    );
    CREATE TABLE ask_user_defaults (
      project_id text PRIMARY KEY,
      defaults jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE unsaved_sessions (
      project_id text NOT NULL,
      session_id text NOT NULL,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, session_id)
    );
  `,
};
