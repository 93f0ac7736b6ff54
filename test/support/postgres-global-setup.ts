import type { TestProject } from "vitest/node";
import { type PostgresCluster, startPostgresCluster } from "../../scripts/lib/postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the run's throwaway PostgreSQL cluster. */
    postgresAdminUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

/** Starts one throwaway PostgreSQL cluster for the whole e2e run; each test file makes its own databases. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster();
  project.provide("postgresAdminUrl", cluster.adminUrl);
}

export function teardown(): void {
  cluster?.stop();
}
