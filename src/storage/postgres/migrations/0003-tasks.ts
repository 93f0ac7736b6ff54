import type { Migration } from "../migrate.js";

/**
 * The task queue shared by every node: one row per task, the record as JSONB and the
 * columns the queue sorts, filters and deduplicates on beside it. `claimed_by` names the
 * node running the task (its claim is the `task:<id>` lease); `cancel_requested` asks
 * that node to stop it.
 */
export const tasksMigration: Migration = {
  version: 3,
  name: "tasks",
  sql: `
    CREATE TABLE tasks (
      id text PRIMARY KEY,
      project_id text NOT NULL,
      source text,
      external_id text,
      status text NOT NULL,
      priority integer NOT NULL,
      created_at timestamptz NOT NULL,
      session_id text,
      claimed_by text,
      cancel_requested boolean NOT NULL DEFAULT false,
      record jsonb NOT NULL
    );
    CREATE UNIQUE INDEX tasks_external ON tasks (project_id, (coalesce(source, '')), external_id)
      WHERE external_id IS NOT NULL;
    CREATE INDEX tasks_queue ON tasks (priority DESC, created_at, id) WHERE status = 'approved';
    CREATE INDEX tasks_running ON tasks (claimed_by) WHERE status = 'running';
    CREATE INDEX tasks_newest ON tasks (created_at DESC, id DESC);
    CREATE INDEX tasks_project_newest ON tasks (project_id, created_at DESC, id DESC);
    CREATE INDEX tasks_session ON tasks (project_id, session_id) WHERE session_id IS NOT NULL;
  `,
};
