import type { Migration } from "../migrate.js";
import { clusterMigration } from "./0001-cluster.js";
import { usageMigration } from "./0006-usage.js";

/** Every schema migration of the server, in version order. */
export const allMigrations: readonly Migration[] = [clusterMigration, usageMigration];
