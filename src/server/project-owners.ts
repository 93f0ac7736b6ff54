import {
  type ClusterNode,
  currentLease,
  expireLease,
  leastLoadedSessionNode,
  nodeUrlOf,
  releaseLease,
  releaseLeaseUnless,
  runsSessions,
  tryAcquireLease,
} from "../cluster/index.js";
import type { Queryable } from "../storage/postgres/index.js";

/** Where a request for a project's runtime is served. */
export type OwnerRoute =
  | { serve: "here" }
  | { serve: "there"; nodeId: string; url: string }
  | { serve: "nowhere"; reason: string };

/** What `ProjectOwners` asks of the node's runtimes and tasks. */
export interface ProjectOwnersHooks {
  /** The project's lease was lost: its runtime must stop writing as the owner at once. */
  onLost(projectId: string): void;
  /** Disposes the project's runtime if it is idle; answers whether none is left here. */
  freeLocally(projectId: string): Promise<boolean>;
  /** Whether a task of the project runs on this node (asked with its lease row locked). */
  runsTasks(client: Queryable, projectId: string): Promise<boolean>;
}

const prefix = "project:";
const resourceOf = (projectId: string) => `${prefix}${projectId}`;

/**
 * Which node runs each project's live sessions: the holder of lease `project:<id>`.
 * A project nobody holds is taken by this node, unless it is an `api` node, which points
 * at the live session-running node with the fewest projects instead. A lease this node
 * loses (not renewed in time) is reported to `onLost` at once, so the project's runtime
 * stops writing as its owner. A project this node stops using (its runtime evicted, its
 * last task here ended) is given up by `releaseIfUnused`, so another node takes it at once.
 */
export class ProjectOwners {
  readonly #cluster: ClusterNode;
  readonly #hooks: ProjectOwnersHooks;
  readonly #stopListening: () => void;
  /** Requests routed (or being routed) here per project; a project in use is never released. */
  readonly #inUse = new Map<string, number>();
  /** Releases under way; routing waits for them, so it never serves a project being let go. */
  readonly #releasing = new Map<string, Promise<boolean>>();

  constructor(cluster: ClusterNode, hooks: ProjectOwnersHooks) {
    this.#cluster = cluster;
    this.#hooks = hooks;
    this.#stopListening = cluster.nodes.onLeasesLost((resources) => {
      for (const resource of resources) {
        if (resource.startsWith(prefix)) hooks.onLost(resource.slice(prefix.length));
      }
    });
  }

  /** The projects this node runs, sorted. */
  get owned(): string[] {
    return this.#cluster.nodes.held
      .filter((resource) => resource.startsWith(prefix))
      .map((resource) => resource.slice(prefix.length));
  }

  /**
   * Routes a request for `projectId`'s runtime and runs `work` with the answer; while it
   * runs, the project is in use and `releaseIfUnused` leaves it alone.
   */
  async withRoute<T>(projectId: string, work: (route: OwnerRoute) => Promise<T>): Promise<T> {
    this.#inUse.set(projectId, (this.#inUse.get(projectId) ?? 0) + 1);
    try {
      return await work(await this.route(projectId));
    } finally {
      const left = (this.#inUse.get(projectId) ?? 1) - 1;
      if (left > 0) this.#inUse.set(projectId, left);
      else this.#inUse.delete(projectId);
    }
  }

  /** Decides where a request for `projectId`'s runtime is served, taking the lease if free. */
  async route(projectId: string): Promise<OwnerRoute> {
    await this.#releasing.get(projectId)?.catch(() => false);
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

  /**
   * Gives `projectId` up when nothing uses it here: no request routed to it in flight,
   * its runtime idle (then disposed) or gone, and none of its tasks running here.
   * Answers whether this node holds it no longer.
   */
  releaseIfUnused(projectId: string): Promise<boolean> {
    const pending = this.#releasing.get(projectId);
    if (pending) return pending;
    if (this.#inUse.has(projectId)) return Promise.resolve(false);
    const release = this.#release(projectId).finally(() => this.#releasing.delete(projectId));
    this.#releasing.set(projectId, release);
    return release;
  }

  async #release(projectId: string): Promise<boolean> {
    if (!(await this.#hooks.freeLocally(projectId))) return false;
    const { database, nodeId, nodes } = this.#cluster;
    const resource = resourceOf(projectId);
    const wasHeld = nodes.held.includes(resource);
    nodes.untrack(resource);
    try {
      const released = await releaseLeaseUnless(database, resource, nodeId, (client) =>
        this.#hooks.runsTasks(client, projectId),
      );
      // Not released: the row is this node's and a task of the project runs here.
      if (!released) nodes.track(resource);
      return released;
    } catch (error) {
      if (wasHeld) nodes.track(resource);
      throw error;
    }
  }

  /**
   * At a clean stop, once the runtimes are disposed: lets the lease of each project that
   * `hasWork` (queued prompts) expire at once instead of deleting it, so a surviving node
   * notices it as it would a dead node's and takes the work on.
   */
  async handOver(hasWork: (projectId: string) => Promise<boolean>): Promise<void> {
    const { database, nodeId, nodes } = this.#cluster;
    for (const projectId of this.owned) {
      if (!(await hasWork(projectId))) continue;
      nodes.untrack(resourceOf(projectId));
      await expireLease(database, resourceOf(projectId), nodeId);
    }
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
