import type { Database } from "../storage/postgres/index.js";
import type { WorkspaceLayout } from "../workspace/layout.js";
import { PgProjectCatalog } from "./pg-project-catalog.js";
import { FileProjectCatalog, type ProjectCatalog } from "./project-catalog.js";

/**
 * The registry's catalog: the cluster's `projects` table when a database is given,
 * else `projects.json` in the workspace.
 */
export function projectCatalogFor(
  layout: WorkspaceLayout,
  database: Database | undefined,
): ProjectCatalog {
  return database ? new PgProjectCatalog(database) : new FileProjectCatalog(layout.projectsFile);
}
