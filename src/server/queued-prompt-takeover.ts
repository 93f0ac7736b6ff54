import { type ClusterNode, dropExpiredLease, expiredLeases } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { RuntimeManager } from "../sessions/index.js";
import type { ProjectOwners } from "./project-owners.js";

export interface QueuedPromptTakeoverDeps {
  cluster: ClusterNode;
  owners: ProjectOwners;
  registry: ProjectRegistry;
  runtimes: RuntimeManager;
  logger: Logger;
  /** How often to look. Default: the heartbeat's cadence, a third of the lease time. */
  intervalMs?: number;
}

const prefix = "project:";

/**
 * Runs on the prompts a dead node left queued without waiting for a request: on each
 * look, every project whose lease expired unrenewed and which has queued prompts on the
 * shared volume is taken (the lease decides which one node does it) and its queues
 * resumed here; the expired lease of a project with nothing queued is deleted, so it is
 * not looked at again. Only nodes that run sessions look.
 */
export class QueuedPromptTakeover {
  readonly #deps: QueuedPromptTakeoverDeps;
  #timer: NodeJS.Timeout | undefined;
  #looking: Promise<void> | undefined;
  #stopped = false;

  constructor(deps: QueuedPromptTakeoverDeps) {
    this.#deps = deps;
  }

  /** Starts looking, every `intervalMs`. */
  start(): void {
    const every =
      this.#deps.intervalMs ?? Math.max(100, Math.floor(this.#deps.cluster.leaseTtlMs / 3));
    this.#timer = setInterval(() => void this.look(), every);
    this.#timer.unref();
  }

  /** One look (a call while one runs joins it); failures are logged, never thrown. */
  look(): Promise<void> {
    this.#looking ??= this.#look().finally(() => {
      this.#looking = undefined;
    });
    return this.#looking;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#looking;
  }

  async #look(): Promise<void> {
    const { cluster, logger } = this.#deps;
    let expired: string[];
    try {
      expired = await expiredLeases(cluster.database, prefix);
    } catch (error) {
      logger.warn("could not look for projects of stopped nodes", {
        message: (error as Error).message,
      });
      return;
    }
    for (const resource of expired) {
      if (this.#stopped) return;
      const projectId = resource.slice(prefix.length);
      try {
        const resumed = await this.#takeOver(projectId);
        if (resumed > 0)
          logger.info("resumed queued prompts of a stopped node", { projectId, resumed });
      } catch (error) {
        logger.warn("could not resume queued prompts", { projectId, error: String(error) });
      }
    }
  }

  /** Takes `projectId` when it has queued prompts and this node wins its lease; answers the sessions resumed. */
  async #takeOver(projectId: string): Promise<number> {
    const { cluster, registry, runtimes, owners } = this.#deps;
    const exists = registry.get(projectId) !== undefined || (await registry.refresh(projectId));
    if (!exists || !(await runtimes.hasQueuedPrompts(projectId))) {
      // Nothing waits there: the next request takes the project; later looks skip it.
      await dropExpiredLease(cluster.database, `${prefix}${projectId}`);
      return 0;
    }
    return owners.withRoute(projectId, async (route) => {
      if (route.serve !== "here" || this.#stopped) return 0;
      return (await runtimes.get(projectId).resumeQueuedPrompts()).length;
    });
  }
}
