import type { LiveSession } from "../sessions/index.js";
import type { CostBreakdown, MessageRecord, TokenCounts } from "./usage-records.js";

/** What the recorder reads of a session while it runs. `LiveSession` satisfies it. */
export type ObservedSession = Pick<LiveSession, "id" | "status" | "isStreaming" | "settings"> & {
  readonly ui: { readonly pendingCount: number };
};

/** A run in progress, with what it has used so far. */
export interface LiveRun {
  projectId: string;
  sessionId: string;
  taskId: string | null;
  status: LiveSession["status"];
  provider: string | null;
  modelId: string | null;
  /** Epoch ms of `agent_start`. */
  startedAt: number;
  messages: number;
  toolCalls: number;
  tokens: TokenCounts;
  cost: CostBreakdown;
  pendingUiRequests: number;
}

/** Runs in progress on the other nodes of a cluster, and this node's, published for them. */
export interface SharedLiveRuns {
  /** Starts publishing what `local()` returns, refreshed periodically. */
  start(local: () => LiveRun[]): void;
  /** The runs other live nodes published last. */
  others(): Promise<LiveRun[]>;
  /** Stops publishing and withdraws this node's runs. */
  stop(): Promise<void>;
}

/** What is counted of one run between its `agent_start` and `agent_end`. */
export interface TrackedRun {
  session: ObservedSession;
  projectId: string;
  taskId: string | null;
  startedAt: number;
  provider: string | null;
  model: string | null;
  messages: number;
  toolCalls: number;
  tokens: TokenCounts;
  cost: CostBreakdown;
  /** Epoch ms each running tool call started, by tool call id. */
  toolStarts: Map<string, number>;
}

const zero = () => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 });

/** The runs in progress across every project, one per session. */
export class LiveRuns {
  readonly #runs = new Map<string, TrackedRun>();

  /** Starts (or restarts) counting the run of `session`. */
  start(projectId: string, session: ObservedSession, taskId: string | null, at: number): void {
    this.#runs.set(key(projectId, session.id), {
      session,
      projectId,
      taskId,
      startedAt: at,
      provider: null,
      model: null,
      messages: 0,
      toolCalls: 0,
      tokens: zero(),
      cost: zero(),
      toolStarts: new Map(),
    });
  }

  get(projectId: string, sessionId: string): TrackedRun | undefined {
    return this.#runs.get(key(projectId, sessionId));
  }

  /** Stops counting the run of a session; returns what was counted. */
  end(projectId: string, sessionId: string): TrackedRun | undefined {
    const run = this.#runs.get(key(projectId, sessionId));
    this.#runs.delete(key(projectId, sessionId));
    return run;
  }

  /** Runs in progress, oldest first; forgets sessions that went away mid-run. */
  list(): LiveRun[] {
    const runs: LiveRun[] = [];
    for (const [runKey, tracked] of this.#runs) {
      const { session } = tracked;
      if (session.status === "idle" && !session.isStreaming) {
        // The session went away without reporting agent_end (disposed mid-run).
        this.#runs.delete(runKey);
        continue;
      }
      const settings = session.settings();
      runs.push({
        projectId: tracked.projectId,
        sessionId: session.id,
        taskId: tracked.taskId,
        status: session.status,
        provider: settings.provider ?? tracked.provider,
        modelId: settings.modelId ?? tracked.model,
        startedAt: tracked.startedAt,
        messages: tracked.messages,
        toolCalls: tracked.toolCalls,
        tokens: { ...tracked.tokens },
        cost: { ...tracked.cost },
        pendingUiRequests: session.ui.pendingCount,
      });
    }
    return runs.sort((a, b) => a.startedAt - b.startedAt);
  }
}

/** Adds an assistant message's model, tokens and cost to its run. */
export function countMessage(run: TrackedRun, record: MessageRecord): void {
  run.provider = record.provider;
  run.model = record.model;
  run.messages += 1;
  for (const part of ["input", "output", "cacheRead", "cacheWrite", "total"] as const) {
    run.tokens[part] += record.tokens[part];
    run.cost[part] += record.cost[part];
  }
}

const key = (projectId: string, sessionId: string) => `${projectId}/${sessionId}`;
