import type { Migration } from "../migrate.js";

/**
 * Access and control state shared by every node: API tokens, the audit log, idempotency
 * keys, budget settings and the period warnings already sent.
 */
export const controlMigration: Migration = {
  version: 5,
  name: "control",
  sql: `
    CREATE TABLE api_tokens (
      id text PRIMARY KEY,
      position bigint GENERATED ALWAYS AS IDENTITY,
      hash text NOT NULL UNIQUE,
      name text NOT NULL,
      role text NOT NULL,
      projects jsonb,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      expires_at timestamptz,
      last_used_at timestamptz
    );
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      time timestamptz NOT NULL,
      token_id text,
      token_name text NOT NULL,
      role text,
      method text NOT NULL,
      route text NOT NULL,
      target jsonb NOT NULL,
      status integer NOT NULL,
      client text
    );
    CREATE INDEX audit_log_time ON audit_log (time);
    CREATE INDEX audit_log_token ON audit_log (token_id, id);
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      fingerprint text NOT NULL,
      claim_id text NOT NULL,
      node_id text NOT NULL,
      completed_at bigint,
      response jsonb,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_keys_completed ON idempotency_keys (completed_at);
    CREATE TABLE budget_settings (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      settings jsonb NOT NULL
    );
    CREATE TABLE budget_warnings (
      key text PRIMARY KEY,
      period_start bigint NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
