import type { Migration } from "../migrate.js";

/**
 * Access and control state shared by every node: API tokens, the audit log, idempotency
 * keys, budget settings and the period warnings already sent, webhook subscriptions and
 * their outbox of deliveries.
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
      settings jsonb NOT NULL,
      version bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE budget_warnings (
      key text PRIMARY KEY,
      period_start bigint NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE webhook_subscriptions (
      id text PRIMARY KEY,
      position bigint GENERATED ALWAYS AS IDENTITY,
      url text NOT NULL,
      events jsonb NOT NULL,
      description text,
      secret text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE SEQUENCE webhook_delivery_order;
    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      listed bigint GENERATED ALWAYS AS IDENTITY,
      subscription_id text NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
      type text NOT NULL,
      body text NOT NULL,
      created_at bigint NOT NULL,
      position bigint NOT NULL DEFAULT nextval('webhook_delivery_order'),
      state text NOT NULL DEFAULT 'pending',
      queued_at bigint NOT NULL,
      next_attempt_at bigint NOT NULL,
      failures integer NOT NULL DEFAULT 0,
      history jsonb NOT NULL DEFAULT '[]',
      claim_id text,
      claim_expires_at timestamptz
    );
    CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, position)
      WHERE state = 'pending';
    CREATE INDEX webhook_deliveries_listing ON webhook_deliveries (subscription_id, listed);
  `,
};
