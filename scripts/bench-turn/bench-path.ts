/** One way of running a turn against the mock LLM. */
export interface BenchPath {
  readonly name: string;
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
}

/** Where a path keeps pi's state: the agent dir (with `models.json`), project and sessions. */
export interface PathDirs {
  agentDir: string;
  cwd: string;
  sessionsDir: string;
}

export const mockModel = { provider: "bench-mock", modelId: "bench-mock" } as const;
