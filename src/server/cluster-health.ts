import type { ClusterNode } from "../cluster/index.js";
import type { ClusterHealth } from "../health/health-app.js";
import type { ProjectOwners } from "./project-owners.js";

/** What `/v1/healthz` reports of this node of a cluster. */
export function clusterHealth(
  cluster: ClusterNode,
  owners: ProjectOwners,
): () => Promise<ClusterHealth> {
  return async () => {
    const projects = owners.owned;
    return {
      nodeId: cluster.nodeId,
      role: cluster.role,
      leases: projects.length,
      projects,
      heartbeat: cluster.nodes.healthy,
      database: await cluster.database.health(),
    };
  };
}
