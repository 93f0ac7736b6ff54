import {
  type ClusterNode,
  currentLease,
  leastLoadedSessionNode,
  nodeUrlOf,
  releaseLease,
  runsSessions,
  tryAcquireLease,
} from "../cluster/index.js";

/** Where a request for a project's runtime is served. */
export type OwnerRoute =
  | { serve: "here" }
  | { serve: "there"; nodeId: string; url: string }
  | { serve: "nowhere"; reason: string };

const prefix = "project:";
const resourceOf = (projectId: string) => `${prefix}${projectId}`;

/**
 * Which node runs each project's live sessions: the holder of lease `project:<id>`.
 * A project nobody holds is taken by this node, unless it is an `api` node, which points
 * at the live session-running node with the fewest projects instead. A lease this node
 * loses (not renewed in time) is reported to `onLost` at once, so the project's runtime
 * stops writing as its owner.
 */
export class ProjectOwners {
  readonly #cluster: ClusterNode;
  readonly #stopListening: () => void;

  constructor(cluster: ClusterNode, onLost: (projectId: string) => void) {
    this.#cluster = cluster;
    this.#stopListening = cluster.nodes.onLeasesLost((resources) => {
      for (const resource of resources) {
        if (resource.startsWith(prefix)) onLost(resource.slice(prefix.length));
      }
    });
  }

  /** The projects this node runs, sorted. */
  get owned(): string[] {
    return this.#cluster.nodes.held
      .filter((resource) => resource.startsWith(prefix))
      .map((resource) => resource.slice(prefix.length));
  }

  /** Decides where a request for `projectId`'s runtime is served, taking the lease if free. */
  async route(projectId: string): Promise<OwnerRoute> {
    const { database, nodeId, nodes, role, leaseTtlMs } = this.#cluster;
    const resource = resourceOf(projectId);
    if (nodes.holds(resource)) return { serve: "here" };
    for (let attempt = 0; attempt < 3; attempt++) {
      const lease = await currentLease(database, resource);
      if (lease?.nodeId === nodeId) {
        nodes.track(resource);
        return { serve: "here" };
      }
      if (lease) {
        const url = await nodeUrlOf(database, lease.nodeId);
        if (url) return { serve: "there", nodeId: lease.nodeId, url };
        return { serve: "nowhere", reason: `node ${lease.nodeId} runs it but announced no URL` };
      }
      if (!runsSessions(role)) {
        const target = await leastLoadedSessionNode(database, leaseTtlMs);
        if (target) return { serve: "there", nodeId: target.id, url: target.url };
        return { serve: "nowhere", reason: "no live node runs sessions" };
      }
      if (await tryAcquireLease(database, resource, nodeId, leaseTtlMs)) {
        nodes.track(resource);
        return { serve: "here" };
      }
    }
    return { serve: "nowhere", reason: "its lease is changing hands" };
  }

  /** Gives up `projectId` (after it was deleted here). */
  async release(projectId: string): Promise<void> {
    const resource = resourceOf(projectId);
    this.#cluster.nodes.untrack(resource);
    await releaseLease(this.#cluster.database, resource, this.#cluster.nodeId);
  }

  /** Stops reacting to lost leases. */
  close(): void {
    this.#stopListening();
  }
}
