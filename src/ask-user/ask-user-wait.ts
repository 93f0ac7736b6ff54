import type { ServerEvent } from "../contract/server-events.js";
import type { ExtensionUIContext } from "../pi/agent-sessions.js";

/**
 * What the feature needs of a session's extension UI: the pending dialogs, and a UI
 * context that opens a new one (registered synchronously, so its id is listed at once).
 */
export interface DialogHost {
  list(): readonly { id: string }[];
  createContext(): Pick<ExtensionUIContext, "input">;
}

/** The parts of a live session the feature uses: its id, its stream and its UI bridge. */
export interface AskUserHost {
  readonly id: string;
  readonly hub: { publish(event: ServerEvent): number; readonly subscriberCount: number };
  readonly ui: DialogHost;
}

/** A question waiting for a person. */
export interface WaitingQuestion {
  requestId: string;
  toolCallId: string;
  question: string;
  createdAt: string;
  timeoutMs: number | null;
}

export type WaitOutcome =
  | { kind: "answered"; value: string }
  | { kind: "queued"; value: string }
  | { kind: "stopped" }
  | { kind: "timeout" }
  | { kind: "cancelled" };

export interface WaitOptions {
  /** Give up after this long; 0 waits until answered, stopped or aborted. */
  timeoutMs: number;
  /** The run's abort signal. */
  signal: AbortSignal | undefined;
  /**
   * The request is pending: `release.stop()` ends it with the `stopped` outcome,
   * `release.deliver(text)` with a `queued` answer.
   */
  onOpen(requestId: string, release: Release): void;
  onClose(requestId: string): void;
}

export interface Release {
  stop(): void;
  deliver(text: string): void;
}

const placeholder = 'Answer for the agent ("stop" ends the loop)';

/**
 * Asks whoever watches the session through the extension UI bridge, so the question is
 * an ordinary pending `input` request: streamed, listed, answered with `{ value }` or
 * `{ cancelled: true }`, and cancelled by an abort or by disposal. A blank answer counts
 * as cancelled.
 */
export async function waitForPerson(
  ui: DialogHost,
  question: string,
  options: WaitOptions,
): Promise<WaitOutcome> {
  if (options.signal?.aborted) return { kind: "cancelled" };
  const controller = new AbortController();
  let ending: Exclude<WaitOutcome, { kind: "answered" | "cancelled" }> | undefined;
  const end = (outcome: NonNullable<typeof ending>) => {
    ending ??= outcome;
    controller.abort();
  };
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const before = new Set(ui.list().map((request) => request.id));
  const answer = ui.createContext().input(question, placeholder, { signal: controller.signal });
  // The bridge registers the request synchronously, so the new id is known right away.
  const request = ui.list().find((candidate) => !before.has(candidate.id));
  const timer =
    options.timeoutMs > 0
      ? setTimeout(() => end({ kind: "timeout" }), options.timeoutMs)
      : undefined;
  if (request) {
    options.onOpen(request.id, {
      stop: () => end({ kind: "stopped" }),
      deliver: (text) => end({ kind: "queued", value: text }),
    });
  }
  let value: string | undefined;
  try {
    value = await answer;
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    if (request) options.onClose(request.id);
  }
  if (ending) return ending;
  if (value !== undefined && value.trim() !== "") return { kind: "answered", value };
  return { kind: "cancelled" };
}

/** The calls of one session waiting for a person, each with the release that ends its wait. */
export class WaitingQuestions {
  readonly #waiting = new Map<string, WaitingQuestion & { release: Release }>();

  /** The questions waiting now, oldest first. */
  list(): WaitingQuestion[] {
    return [...this.#waiting.values()].map(({ release: _release, ...question }) => question);
  }

  /** Gives `text` to the oldest waiting call as a `queued` answer; false when none waits. */
  deliver(text: string): boolean {
    const oldest = this.#waiting.values().next().value;
    if (!oldest) return false;
    this.#waiting.delete(oldest.requestId);
    oldest.release.deliver(text);
    return true;
  }

  /** Ends every wait with `stopped`; returns how many there were. */
  stopAll(): number {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const question of waiting) question.release.stop();
    return waiting.length;
  }

  /**
   * Asks whoever watches `host` (`waitForPerson`), listing the question and publishing
   * `ask_user_waiting` on the session's stream while it waits.
   */
  ask(
    host: AskUserHost,
    question: string,
    call: { toolCallId: string; signal: AbortSignal | undefined; timeoutMs: number },
  ): Promise<WaitOutcome> {
    return waitForPerson(host.ui, question, {
      timeoutMs: call.timeoutMs,
      signal: call.signal,
      onOpen: (requestId, release) => {
        const waiting = {
          requestId,
          toolCallId: call.toolCallId,
          question,
          createdAt: new Date().toISOString(),
          timeoutMs: call.timeoutMs > 0 ? call.timeoutMs : null,
        };
        this.#waiting.set(requestId, { ...waiting, release });
        host.hub.publish({ type: "ask_user_waiting", ...waiting });
      },
      onClose: (requestId) => this.#waiting.delete(requestId),
    });
  }
}
