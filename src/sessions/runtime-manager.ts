import { createEventClassifier, type EventClassifier } from "../contract/event-classifier.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import { defaultResourceOptions, type ResourceOptions } from "../pi/agent-sessions.js";
import type { OrgServices } from "../pi/org-services.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import { AgentSandbox, defaultSandboxPolicy, type SandboxStatus } from "../sandbox/index.js";
import { logErrorsTo } from "../sse/hub-log.js";
import type { EventLogStore } from "../storage/index.js";
import { ProjectRuntime, type SessionEventObserver } from "./project-runtime.js";
import { PromptQueueStore } from "./prompt-queue.js";
import { type SessionStateStores, sessionStateStoresFor } from "./session-state-backend.js";

export interface RuntimeManagerOptions {
  registry: ProjectRegistry;
  org: OrgServices;
  /** Extra pi resources and discovery switches. Default: none extra, discovery on. */
  resources?: ResourceOptions;
  /**
   * A runtime that is idle (nothing running, watched or awaiting an answer) and unused for
   * this long is disposed; the next request rebuilds it. Default 0: never evicted.
   */
  idleEvictMs?: number;
  /** Called with each project whose runtime was evicted for idleness. Default: none. */
  onEvicted?: ((projectId: string) => void) | undefined;
  /** Sees every pi event of every session, e.g. a usage recorder. Default: none. */
  onSessionEvent?: SessionEventObserver | undefined;
  /** Called with the project id before a session starts a run; throwing refuses it. Default: none. */
  runGate?: ((projectId: string) => void) | undefined;
  /** Receives one warning per event type the contract does not model. Default: silent. */
  logger?: Logger;
  /** Byte bound of each session's in-memory replay ring. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Where sessions' events are kept across restarts. Default: segment files, default retention. */
  eventLogs?: EventLogStore | undefined;
  /**
   * Confines every agent tool to its working directory. Default: bubblewrap with network
   * and only `PATH` passed, the workspace hidden (`defaultSandboxPolicy`).
   */
  sandbox?: AgentSandbox;
  /**
   * Where sessions' `ask_user` state and unsaved-session records live
   * (`sessionStateStoresFor(cluster)`). Default: files beside each project's transcripts.
   */
  stores?: SessionStateStores | undefined;
}

/** What the runtimes hold right now, for health and metrics. */
export interface RuntimeStats {
  runtimes: number;
  liveSessions: number;
  /** SSE subscribers across every live session. */
  subscribers: number;
  /** Bytes of SSE frames held for replay across every live session. */
  replayBytes: number;
}

/**
 * Builds one runtime per project on first use and disposes it when the project is
 * deleted. A project that was never created gets no runtime.
 */
export class RuntimeManager {
  readonly #registry: ProjectRegistry;
  readonly #org: OrgServices;
  readonly #resources: ResourceOptions;
  readonly #runtimes = new Map<string, ProjectRuntime>();
  readonly #lastUsed = new Map<string, number>();
  readonly #idleEvictMs: number;
  readonly #onEvicted: ((projectId: string) => void) | undefined;
  readonly #onSessionEvent: SessionEventObserver | undefined;
  readonly #runGate: ((projectId: string) => void) | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #stopped = false;
  readonly #classify: EventClassifier;
  readonly #logger: Logger;
  readonly #replayMaxBytes: number | undefined;
  readonly #eventLogs: EventLogStore | undefined;
  readonly #sandbox: AgentSandbox;
  readonly #stores: SessionStateStores;

  constructor(options: RuntimeManagerOptions) {
    this.#onSessionEvent = options.onSessionEvent;
    this.#runGate = options.runGate;
    this.#registry = options.registry;
    this.#org = options.org;
    this.#resources = options.resources ?? defaultResourceOptions;
    this.#idleEvictMs = options.idleEvictMs ?? 0;
    this.#onEvicted = options.onEvicted;
    this.#logger = options.logger ?? silentLogger;
    this.#classify = createEventClassifier(this.#logger);
    this.#replayMaxBytes = options.replayMaxBytes;
    this.#eventLogs = options.eventLogs;
    this.#sandbox =
      options.sandbox ??
      new AgentSandbox({
        policy: { ...defaultSandboxPolicy, hiddenPaths: [options.registry.layout.root] },
      });
    this.#stores = options.stores ?? sessionStateStoresFor(undefined);
    options.registry.onDelete(async (id) => {
      await this.dispose(id);
      await this.#stores.askUser.removeProject(id);
      await this.#stores.unsaved.removeProject(id);
    });
    if (this.#idleEvictMs > 0) {
      const every = Math.max(50, Math.min(this.#idleEvictMs, 60_000));
      this.#sweeper = setInterval(() => void this.evictIdle(), every);
      this.#sweeper.unref();
    }
  }

  get org(): OrgServices {
    return this.#org;
  }

  /** How agent tools are confined, as `/v1/healthz` reports it. */
  get sandbox(): SandboxStatus {
    return this.#sandbox.status;
  }

  /** Number of runtimes in memory. */
  get size(): number {
    return this.#runtimes.size;
  }

  /** @throws {AppError} `PROJECT_NOT_FOUND` for a project that is not registered. */
  get(projectId: string): ProjectRuntime {
    const project = this.#registry.require(projectId);
    let runtime = this.#runtimes.get(projectId);
    if (!runtime) {
      runtime = new ProjectRuntime(
        projectId,
        {
          org: this.#org,
          cwd: project.projectDir,
          sessionsDir: this.#registry.layout.sessionsDir(projectId),
          resources: this.#resources,
          sandbox: this.#sandbox,
        },
        {
          onSessionEvent: this.#onSessionEvent,
          classifyEvent: this.#classify,
          replayMaxBytes: this.#replayMaxBytes,
          eventLogs: this.#eventLogs,
          onEventLogError: (sessionId) => logErrorsTo(this.#logger, { projectId, sessionId }),
          runGate: this.#runGate,
          stores: this.#stores,
        },
      );
      this.#runtimes.set(projectId, runtime);
    }
    this.#lastUsed.set(projectId, Date.now());
    return runtime;
  }

  /**
   * Disposes runtimes that are idle and have not been used for `idleEvictMs`. Their
   * sessions stay on disk and reopen on the next request.
   *
   * @returns the evicted project ids.
   */
  async evictIdle(now = Date.now()): Promise<string[]> {
    const evicted: string[] = [];
    for (const [projectId, runtime] of this.#runtimes) {
      const lastUsed = this.#lastUsed.get(projectId) ?? 0;
      if (runtime.idle && now - lastUsed >= this.#idleEvictMs) evicted.push(projectId);
    }
    await Promise.all(evicted.map((projectId) => this.dispose(projectId)));
    for (const projectId of evicted) this.#onEvicted?.(projectId);
    return evicted;
  }

  /**
   * Disposes `projectId`'s runtime if it is idle (nothing running, watched or queued).
   * Returns whether the project has no runtime here now.
   */
  async disposeIfIdle(projectId: string): Promise<boolean> {
    const runtime = this.#runtimes.get(projectId);
    if (!runtime) return true;
    if (!runtime.idle) return false;
    await this.dispose(projectId);
    return true;
  }

  /** Live sessions, SSE subscribers and replay bytes across every runtime. */
  stats(): RuntimeStats {
    let liveSessions = 0;
    let subscribers = 0;
    let replayBytes = 0;
    for (const runtime of this.#runtimes.values()) {
      for (const session of runtime.liveSessions) {
        liveSessions += 1;
        subscribers += session.hub.subscriberCount;
        replayBytes += session.hub.replayBytes;
      }
    }
    return { runtimes: this.#runtimes.size, liveSessions, subscribers, replayBytes };
  }

  /**
   * Disposes the runtime of `projectId`, if any. Never rejects: a runtime that cannot
   * close cleanly (its event log's store unreachable, say) is logged and let go, since
   * callers dispose on the way out (a stop, a lost lease, a deleted project).
   */
  async dispose(projectId: string): Promise<void> {
    const runtime = this.#runtimes.get(projectId);
    if (!runtime) return;
    this.#runtimes.delete(projectId);
    this.#lastUsed.delete(projectId);
    try {
      await runtime.dispose();
    } catch (error) {
      this.#logger.warn("a project runtime did not close cleanly", {
        projectId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * Opens every session, in every project, whose prompt queue holds prompts, so queues
   * left by a stop or crash run on by themselves. Sessions that fail to open are
   * reported to `onError` and skipped. In a cluster, `runsHere` decides which projects
   * this node may run (it takes their lease); the others are left to their owners.
   *
   * @returns how many sessions were opened.
   */
  async resumeQueuedPrompts(
    onError: (projectId: string, error: unknown) => void = () => undefined,
    runsHere: (projectId: string) => Promise<boolean> = async () => true,
  ): Promise<number> {
    let resumed = 0;
    for (const project of this.#registry.list().items) {
      if (this.#stopped) break;
      try {
        if (!(await this.hasQueuedPrompts(project.id))) continue;
        if (this.#stopped) break;
        if (!(await runsHere(project.id))) continue;
        resumed += (await this.get(project.id).resumeQueuedPrompts()).length;
      } catch (error) {
        onError(project.id, error);
      }
    }
    return resumed;
  }

  /** Whether a session of `projectId` has prompts in its durable queue (on disk). */
  async hasQueuedPrompts(projectId: string): Promise<boolean> {
    const store = new PromptQueueStore(this.#registry.layout.sessionsDir(projectId));
    return (await store.sessionsWithQueuedPrompts()).length > 0;
  }

  async disposeAll(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#sweeper);
    await Promise.all([...this.#runtimes.keys()].map((id) => this.dispose(id)));
  }
}
