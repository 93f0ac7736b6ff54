import { createLogger, type Logger } from "../logging/logger.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { assistantUsage } from "./assistant-usage.js";
import {
  countMessage,
  type LiveRun,
  LiveRuns,
  type ObservedSession,
  type SharedLiveRuns,
  type TrackedRun,
} from "./live-runs.js";
import { aggregateUsage, type UsageQuery, type UsageReport } from "./usage-aggregate.js";
import { UsageColumns } from "./usage-columns.js";
import type { MessageRecord, RunOutcome, UsageRecord } from "./usage-records.js";
import { fileUsageStore, memoryUsageStore, type UsageStore } from "./usage-store.js";
import { UsageTotals } from "./usage-totals.js";

/** Finds the task that owns a session, if any. */
export type TaskIdLookup = (projectId: string, sessionId: string) => string | undefined;

export interface UsageRecorderOptions {
  /** Clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /**
   * Names the task that owns a session, read when a run starts. Give it the task queue's
   * `taskIdForSession`. Default: no session belongs to a task.
   */
  taskIdFor?: TaskIdLookup;
  /** Default: errors on stderr. */
  logger?: Logger;
  /** The other nodes' runs in progress, on a cluster. Default: none, this process only. */
  sharedLiveRuns?: SharedLiveRuns | undefined;
}

const outcomeOf = (stopReason: string | undefined): RunOutcome =>
  stopReason === "aborted"
    ? "aborted"
    : stopReason === "error" || !stopReason
      ? "failed"
      : "succeeded";

/** The pi events a usage recorder acts on. */
const recordedTypes: ReadonlySet<string> = new Set([
  "agent_start",
  "message_end",
  "tool_execution_start",
  "tool_execution_end",
  "agent_end",
]);

/**
 * Records usage as sessions run: every assistant message (tokens, cost, stop reason,
 * error), every run (duration, outcome) and every tool execution (duration, error).
 * Records are kept in memory for aggregation and appended to a {@link UsageStore}: the
 * durable log in a directory (reloaded on the next start) or a cluster's shared table,
 * whose other writers' records join the aggregation as they arrive. Pass `observe` to
 * the runtime manager as its `onSessionEvent`; `createServices` wires it so.
 *
 * @example
 * const usage = await UsageRecorder.open(join(globalDir, "usage"), {
 *   taskIdFor: (projectId, sessionId) => tasks.taskIdForSession(projectId, sessionId),
 * });
 * const runtimes = new RuntimeManager({ registry, org, onSessionEvent: usage.observe });
 */
export class UsageRecorder {
  readonly totals = new UsageTotals();
  readonly #columns = new UsageColumns();
  readonly #runs = new LiveRuns();
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #store: UsageStore;
  readonly #taskIdFor: TaskIdLookup;
  readonly #shared: SharedLiveRuns | undefined;

  private constructor(options: UsageRecorderOptions, store: UsageStore) {
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? createLogger({ level: "error" });
    this.#taskIdFor = options.taskIdFor ?? (() => undefined);
    this.#store = store;
    this.#shared = options.sharedLiveRuns;
  }

  /** A recorder over the log in `dir` (created on first write), with its records reloaded. */
  static open(dir: string, options: UsageRecorderOptions = {}): Promise<UsageRecorder> {
    const logger = options.logger ?? createLogger({ level: "error" });
    return UsageRecorder.openStore(fileUsageStore(dir, logger), options);
  }

  /** A recorder over `store`, with every record it holds loaded. */
  static async openStore(
    store: UsageStore,
    options: UsageRecorderOptions = {},
  ): Promise<UsageRecorder> {
    const recorder = new UsageRecorder(options, store);
    await store.open((record) => recorder.#keep(record));
    recorder.#shared?.start(() => recorder.liveRuns());
    return recorder;
  }

  /** A recorder that keeps records in memory only. */
  static inMemory(options: UsageRecorderOptions = {}): UsageRecorder {
    const recorder = new UsageRecorder(options, memoryUsageStore());
    recorder.#shared?.start(() => recorder.liveRuns());
    return recorder;
  }

  /** Number of records held. */
  get size(): number {
    return this.#columns.size;
  }

  /** Adds a finished record (also the path every observed event takes). */
  add(record: UsageRecord): void {
    this.#keep(record);
    this.#store.append(record);
  }

  /**
   * Aggregates the records matching `query` among those held: every record of a single
   * server; on a cluster, other nodes' records as of their last notification (call
   * {@link sync} first to include everything they stored).
   */
  query(query: UsageQuery): UsageReport {
    return aggregateUsage(this.#columns, query);
  }

  /** Resolves once the records other writers of the store stored so far are held. */
  sync(): Promise<void> {
    return this.#store.sync();
  }

  /** Runs in progress on this process across every project, oldest first. */
  liveRuns(): LiveRun[] {
    return this.#runs.list();
  }

  /** Runs in progress on this process and, on a cluster, on every other live node; oldest first. */
  async liveRunsEverywhere(): Promise<LiveRun[]> {
    const others = (await this.#shared?.others()) ?? [];
    return [...this.liveRuns(), ...others].sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * The session event listener. Never throws: a telemetry bug must not break a run.
   * An arrow property, so it can be passed around unbound.
   */
  readonly observe = (projectId: string, session: ObservedSession, event: AgentSessionEvent) => {
    try {
      this.#observe(projectId, session, event);
    } catch (error) {
      this.#logger.error("usage recorder failed on an event", {
        event: event.type,
        message: (error as Error).message,
      });
    }
  };

  /** Resolves once every record so far is stored. */
  flush(): Promise<void> {
    return this.#store.flush();
  }

  /** Stores every record so far, then stops following other writers and publishing runs. */
  async close(): Promise<void> {
    await this.#shared?.stop();
    await this.#store.close();
  }

  #observe(projectId: string, session: ObservedSession, event: AgentSessionEvent): void {
    // Most events (a reply's deltas) concern no record: the clock is read only for those that do.
    if (!recordedTypes.has(event.type)) return;
    const now = this.#now();
    switch (event.type) {
      case "agent_start":
        this.#runs.start(projectId, session, this.#taskIdFor(projectId, session.id) ?? null, now);
        return;
      case "message_end": {
        const message = event.message;
        if (message.role !== "assistant") return;
        const tracked = this.#runs.get(projectId, session.id);
        const record: MessageRecord = {
          kind: "message",
          ...this.#origin(projectId, session.id, now, tracked),
          ...assistantUsage(message),
        };
        if (tracked) countMessage(tracked, record);
        this.add(record);
        return;
      }
      case "tool_execution_start": {
        const tracked = this.#runs.get(projectId, session.id);
        if (!tracked) return;
        tracked.toolCalls += 1;
        tracked.toolStarts.set(event.toolCallId, now);
        return;
      }
      case "tool_execution_end": {
        const tracked = this.#runs.get(projectId, session.id);
        const startedAt = tracked?.toolStarts.get(event.toolCallId) ?? now;
        tracked?.toolStarts.delete(event.toolCallId);
        this.add({
          kind: "tool",
          ...this.#origin(projectId, session.id, now, tracked),
          provider: tracked?.provider ?? null,
          model: tracked?.model ?? null,
          tool: event.toolName,
          durationMs: now - startedAt,
          isError: event.isError,
        });
        return;
      }
      case "agent_end": {
        const tracked = this.#runs.end(projectId, session.id);
        if (!tracked) return;
        const last = event.messages.findLast((message) => message.role === "assistant");
        this.add({
          kind: "run",
          ...this.#origin(projectId, session.id, now, tracked),
          provider: tracked.provider,
          model: tracked.model,
          durationMs: now - tracked.startedAt,
          outcome: outcomeOf(last?.role === "assistant" ? last.stopReason : undefined),
        });
        return;
      }
    }
  }

  #origin(projectId: string, sessionId: string, at: number, tracked: TrackedRun | undefined) {
    const taskId = tracked ? tracked.taskId : (this.#taskIdFor(projectId, sessionId) ?? null);
    return { at, projectId, sessionId, taskId };
  }

  #keep(record: UsageRecord): void {
    this.#columns.add(record);
    this.totals.add(record);
  }
}
