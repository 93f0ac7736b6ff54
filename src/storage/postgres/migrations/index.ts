import type { Migration } from "../migrate.js";
import { clusterMigration } from "./0001-cluster.js";
import { eventLogsMigration } from "./0002-event-logs.js";

/** Every schema migration of the server, in version order. */
export const allMigrations: readonly Migration[] = [clusterMigration, eventLogsMigration];
