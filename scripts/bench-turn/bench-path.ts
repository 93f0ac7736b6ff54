/** One way of running a turn against the mock LLM. */
export interface BenchPath {
  readonly name: string;
  /** The process the path runs pi in, when it is not this one (its CPU time is read per turn). */
  readonly pid?: number | undefined;
  /** Starts a fresh session, so context growth stays bounded by one round. */
  newSession(): Promise<void>;
  /** Sends `text` and waits for `agent_end`; `wireBytes` is undefined in process. */
  turn(text: string): Promise<TurnSample>;
  close(): Promise<void>;
}

export interface TurnSample {
  /** `performance.now()` when the prompt was sent. */
  startedAt: number;
  ms: number;
  wireBytes: number | undefined;
}

/**
 * A turn split where the mock LLM sees it: from the prompt to the LLM request's arrival
 * (`toLlmMs`), and from the reply's last byte written to `agent_end` received
 * (`afterReplyMs`). The rest is the mock streaming the reply.
 */
export interface PhasedSample extends TurnSample {
  toLlmMs: number;
  afterReplyMs: number;
  /**
   * CPU time the path's process used during the turn: the child's (in clock ticks, so
   * only a mean over many turns is exact), or this process's for the in-process SDK (the
   * mock's serving of the reply included). Undefined where it cannot be read.
   */
  cpuMs: number | undefined;
}

/** Where a path keeps pi's state: the agent dir (with `models.json`), project and sessions. */
export interface PathDirs {
  agentDir: string;
  cwd: string;
  sessionsDir: string;
}

export const mockModel = { provider: "bench-mock", modelId: "bench-mock" } as const;
