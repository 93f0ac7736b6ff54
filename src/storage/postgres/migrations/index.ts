import type { Migration } from "../migrate.js";
import { clusterMigration } from "./0001-cluster.js";
import { controlMigration } from "./0005-control.js";

/** Every schema migration of the server, in version order. */
export const allMigrations: readonly Migration[] = [clusterMigration, controlMigration];
