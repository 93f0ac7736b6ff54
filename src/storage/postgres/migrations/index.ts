import type { Migration } from "../migrate.js";
import { clusterMigration } from "./0001-cluster.js";
import { eventLogsMigration } from "./0002-event-logs.js";
import { tasksMigration } from "./0003-tasks.js";
import { projectsMigration } from "./0004-projects.js";
import { controlMigration } from "./0005-control.js";
import { usageMigration } from "./0006-usage.js";

/** Every schema migration of the server, in version order. */
export const allMigrations: readonly Migration[] = [
  clusterMigration,
  eventLogsMigration,
  tasksMigration,
  projectsMigration,
  controlMigration,
  usageMigration,
];
