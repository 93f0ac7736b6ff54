import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { AskUserSession } from "../ask-user/ask-user-session.js";
import { AskUserSessions } from "../ask-user/ask-user-sessions.js";
import type { EventClassifier } from "../contract/event-classifier.js";
import { AppError } from "../errors/index.js";
import {
  type AgentSession,
  type AgentSessionEvent,
  listPersistedSessions,
  type OpenSessionOptions,
  openAgentSession,
  type PersistedSessionInfo,
  type ProjectSessionContext,
} from "../pi/agent-sessions.js";
import { unusableModelProblem } from "../pi/model-guidance.js";
import type { LogErrorListener } from "../sse/hub-log.js";
import { type EventLogStore, fileEventLogs } from "../storage/index.js";
import { LiveSession, type LiveSessionOptions } from "./live-session.js";
import { SessionFiles } from "./session-files.js";
import { type SessionStateStores, sessionStateStoresFor } from "./session-state-backend.js";
import { type SessionSummary, sessionSummaries } from "./session-summaries.js";
import { keepUntilSaved } from "./unsaved-record.js";
import type { UnsavedSessionStore } from "./unsaved-sessions.js";

/**
 * Sees every pi event of every session a runtime holds, after the session's own stream.
 * Observers must not throw.
 */
export type SessionEventObserver = (
  projectId: string,
  session: LiveSession,
  event: AgentSessionEvent,
) => void;

export interface ProjectRuntimeOptions {
  /** Default: no observer. */
  onSessionEvent?: SessionEventObserver | undefined;
  /** Sees every event the sessions publish (unmodelled types are logged). Default: none. */
  classifyEvent?: EventClassifier | undefined;
  /** Byte bound of each session's in-memory replay ring (`SSE_REPLAY_MAX_BYTES`). Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Where each session's events are kept for replay across restarts. Default: segment files beside the transcripts, default retention. */
  eventLogs?: EventLogStore | undefined;
  /** Where a session's event log failures are told (see `EventHubOptions.onLogError`). Default: nowhere. */
  onEventLogError?: ((sessionId: string) => LogErrorListener) | undefined;
  /**
   * Called with the project id before a session starts a run or takes a prompt; throwing
   * refuses it (e.g. a spent budget). Default: none.
   */
  runGate?: ((projectId: string) => void) | undefined;
  /**
   * Where the sessions' `ask_user` state and unsaved-session records live. Default: files
   * in the transcript directory.
   */
  stores?: SessionStateStores | undefined;
}

const sessionIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * One project's agent runtime: its working directory, transcript directory and the
 * sessions currently held in memory. Persisted sessions are opened on first use.
 */
export class ProjectRuntime {
  readonly projectId: string;
  readonly context: ProjectSessionContext;
  /** The `ask_user` queue, autopilot, settings and counters of this project's sessions. */
  readonly askUser: AskUserSessions;
  readonly #live = new Map<string, LiveSession>();
  readonly #opening = new Map<string, Promise<LiveSession>>();
  readonly #onSessionEvent: SessionEventObserver | undefined;
  readonly #onEventLogError: ProjectRuntimeOptions["onEventLogError"];
  readonly #sessionOptions: LiveSessionOptions;
  readonly #unsaved: UnsavedSessionStore;
  readonly #files: SessionFiles;
  /** Record writes still in flight, so disposal can wait for them. */
  readonly #writes = new Set<Promise<void>>();
  #creating = 0;
  #disposed = false;

  constructor(
    projectId: string,
    context: ProjectSessionContext,
    options: ProjectRuntimeOptions = {},
  ) {
    this.projectId = projectId;
    this.context = context;
    this.#onSessionEvent = options.onSessionEvent;
    this.#onEventLogError = options.onEventLogError;
    const stores = options.stores ?? sessionStateStoresFor(undefined);
    this.askUser = new AskUserSessions(stores.askUser.forProject(projectId, context.sessionsDir));
    this.#sessionOptions = {
      classify: options.classifyEvent,
      replayMaxBytes: options.replayMaxBytes,
      ...(options.runGate ? { runGate: () => options.runGate?.(projectId) } : {}),
    };
    this.#unsaved = stores.unsaved.forProject(projectId, context.sessionsDir);
    this.#files = new SessionFiles(context.sessionsDir, options.eventLogs ?? fileEventLogs());
  }

  get liveSessions(): LiveSession[] {
    return [...this.#live.values()];
  }

  /** Whether nothing is running or watched, so the runtime may be evicted. */
  get idle(): boolean {
    if (this.#creating > 0 || this.#opening.size > 0) return false;
    return this.liveSessions.every(
      (session) =>
        session.status === "idle" && session.hub.subscriberCount === 0 && !session.hasQueuedPrompts,
    );
  }

  /**
   * Opens a new session. A request that names no model gets pi's default (its settings,
   * else the org default, else the first model with credentials).
   *
   * @throws {AppError} `MODEL_NOT_FOUND` for a named model the registry does not know;
   *   `NO_MODEL_AVAILABLE` when none is named and no model has credentials, or
   *   `MODEL_NO_CREDENTIALS` when the default has none (both say how to add one).
   */
  async createSession(
    options: Omit<OpenSessionOptions, "sessionFile"> & { name?: string | undefined },
  ): Promise<LiveSession> {
    this.#assertOpen();
    if (
      options.provider &&
      options.modelId &&
      !this.context.org.modelRegistry.find(options.provider, options.modelId)
    ) {
      throw new AppError("MODEL_NOT_FOUND", `No model ${options.provider}/${options.modelId}`);
    }
    this.#creating += 1;
    try {
      await mkdir(this.context.sessionsDir, { recursive: true });
      const askUser = await this.askUser.prepare();
      const agent = await openAgentSession(this.context, { ...options, askUser: askUser.hooks });
      const noModel = options.provider
        ? undefined
        : unusableModelProblem(this.context.org, agent.model, "default");
      if (noModel) {
        agent.dispose();
        throw noModel;
      }
      const live = await this.#attach(agent.sessionId, agent, askUser);
      if (options.name) live.rename(options.name);
      await this.#keepUntilSaved(live, options.cwd);
      this.#live.set(live.id, live);
      return live;
    } finally {
      this.#creating -= 1;
    }
  }

  /**
   * The live session with `id`, opening its transcript if it is not in memory.
   *
   * @throws {AppError} `SESSION_NOT_FOUND`
   */
  async getSession(id: string): Promise<LiveSession> {
    this.#assertOpen();
    const live = this.#live.get(id);
    if (live) return live;
    if (!sessionIdPattern.test(id)) throw notFound(id);
    let opening = this.#opening.get(id);
    if (!opening) {
      opening = this.#open(id).finally(() => this.#opening.delete(id));
      this.#opening.set(id, opening);
    }
    return opening;
  }

  /** The session with `id` if it is live in this process (never opens one). */
  liveSession(id: string): LiveSession | undefined {
    return this.#live.get(id);
  }

  /**
   * The key of the event log of session `id`, for a node that follows it without
   * running it: the session must be persisted, unsaved-recorded or have logged events.
   *
   * @throws {AppError} `SESSION_NOT_FOUND`
   */
  async sessionLogKey(id: string): Promise<string> {
    if (!sessionIdPattern.test(id)) throw notFound(id);
    const key = this.#files.logKey(id);
    if (this.#live.has(id) || (await this.#files.lastEventId(id)) > 0) return key;
    const persisted = await this.#persisted();
    if (persisted.some((info) => info.id === id) || (await this.#unsaved.get(id))) return key;
    throw notFound(id);
  }

  /** Persisted, unsaved and live sessions, newest first. */
  async listSessions(): Promise<SessionSummary[]> {
    const persisted = await this.#persisted();
    const unsaved = await this.#unsaved.list();
    const ids = [...persisted.map((info) => info.id), ...unsaved.map((record) => record.id)];
    const lastIds = new Map(
      await Promise.all(ids.map(async (id) => [id, await this.#files.lastEventId(id)] as const)),
    );
    return sessionSummaries(persisted, unsaved, this.#live, (id) => lastIds.get(id) ?? 0);
  }

  /** Disposes the session (aborting its run) and removes its transcript. */
  async deleteSession(id: string): Promise<void> {
    const live = this.#live.get(id);
    const info = live
      ? undefined
      : (await this.#persisted()).find((candidate) => candidate.id === id);
    if (!live && !info && !(await this.#unsaved.get(id))) throw notFound(id);
    if (live) {
      this.#live.delete(id);
      await live.dispose();
    }
    await Promise.all(this.#writes);
    await this.#unsaved.remove(id);
    const file = live?.sessionFile ?? info?.path;
    if (file) await rm(file, { force: true });
    if (live) await live.destroyQueue();
    await this.#files.remove(id);
    await this.askUser.delete(id);
  }

  /**
   * Disposes every live session, then the rest. A session that fails to close (its event
   * log unwritable) stops nothing else; the first such failure is thrown at the end.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const sessions = this.liveSessions;
    this.#live.clear();
    const closed = await Promise.allSettled(sessions.map((session) => session.dispose()));
    await Promise.all(this.#writes);
    await this.askUser.close();
    const failed = closed.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }

  async #open(id: string): Promise<LiveSession> {
    const info = (await this.#persisted()).find((candidate) => candidate.id === id);
    const unsaved = info ? undefined : await this.#unsaved.get(id);
    if (!info && !unsaved) throw notFound(id);
    const askUser = await this.askUser.prepare(id);
    const agent = await openAgentSession(this.context, {
      askUser: askUser.hooks,
      ...(info
        ? { sessionFile: info.path }
        : {
            sessionId: id,
            provider: unsaved?.provider ?? undefined,
            modelId: unsaved?.modelId ?? undefined,
            thinkingLevel: unsaved?.thinkingLevel,
            // A task's worktree may be gone by now; the project directory stands in.
            cwd: unsaved?.cwd && existsSync(unsaved.cwd) ? unsaved.cwd : undefined,
          }),
    });
    const live = await this.#attach(id, agent, askUser);
    if (unsaved) {
      if (unsaved.name) live.rename(unsaved.name);
      await this.#keepUntilSaved(live, unsaved.cwd);
    } else {
      await this.#unsaved.remove(id);
    }
    this.#live.set(id, live);
    live.resumeQueue();
    return live;
  }

  /**
   * Opens every session whose prompt queue holds prompts (after a restart), so the
   * queue runs on without waiting for a request.
   *
   * @returns the ids of the sessions opened.
   */
  async resumeQueuedPrompts(): Promise<string[]> {
    const ids = await this.#files.sessionsWithQueuedPrompts();
    for (const id of ids) await this.getSession(id);
    return ids;
  }

  #keepUntilSaved(live: LiveSession, cwd: string | undefined): Promise<void> {
    return keepUntilSaved(live, cwd, this.#unsaved, (write) => {
      this.#writes.add(write);
      void write.finally(() => this.#writes.delete(write));
    });
  }

  /**
   * Wraps pi's session `agent` (session `id`) with its id sequence, event log and queue,
   * and connects its `ask_user` state and this runtime's observer.
   */
  async #attach(id: string, agent: AgentSession, askUser: AskUserSession): Promise<LiveSession> {
    const sequence = this.#files.sequence(id);
    const files = await this.#files.open(id);
    const live = await LiveSession.attach(agent, this.context.org, sequence, {
      ...this.#sessionOptions,
      ...files,
      onLogError: this.#onEventLogError?.(id),
    });
    live.tap("ask-user", askUser.hooks.observe);
    const observer = this.#onSessionEvent;
    if (observer) live.tap("usage", (event) => observer(this.projectId, live, event));
    askUser.attach(live);
    return live;
  }

  #persisted(): Promise<PersistedSessionInfo[]> {
    return listPersistedSessions(this.context);
  }

  #assertOpen(): void {
    if (this.#disposed)
      throw new AppError("SERVICE_UNAVAILABLE", "The project runtime is shutting down");
  }
}

function notFound(id: string): AppError {
  return new AppError("SESSION_NOT_FOUND", `No session with id "${id}" in this project`);
}
