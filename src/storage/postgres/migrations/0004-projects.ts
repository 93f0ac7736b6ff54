import type { Migration } from "../migrate.js";

/**
 * The project registry shared by every node. A deleted project keeps its row with
 * `deleting` set until its files are gone, so a node that dies part-way through a
 * deletion leaves it for the next start to finish.
 */
export const projectsMigration: Migration = {
  version: 4,
  name: "projects",
  sql: `
    CREATE TABLE projects (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL,
      seq bigserial NOT NULL,
      deleting boolean NOT NULL DEFAULT false
    );
    CREATE INDEX projects_order ON projects (seq) WHERE NOT deleting;
  `,
};
