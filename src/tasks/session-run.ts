import type { CompactWireEvent } from "../contract/compact-events.js";
import type { SessionStatus } from "../contract/session-status.js";
import type { EventHub } from "../sse/event-hub.js";

export interface RunWatch {
  /**
   * Resolves once the run is over: its last `agent_end` with no automatic retry pending,
   * a retry that gave up or was cancelled, or the session's stream closing (disposal).
   */
  ended: Promise<"ended" | "closed">;
  /** Why the run failed, from events: pi drops a retried error from the transcript. */
  failure(): string | null;
  /**
   * Whether pi is still recovering from a failed model call on its own: waiting to retry
   * it, or compacting after a context overflow before it continues.
   */
  readonly retrying: boolean;
  stop(): void;
}

/**
 * Follows a session's events through its hub as an in-process observer (not a stream
 * subscriber): reports status changes and resolves when the run ends. Start watching
 * before prompting, so the end cannot be missed.
 *
 * pi retries a retryable model error on its own: it emits `agent_end`, then (in the same
 * synchronous step) `auto_retry_start`, removes the error from the transcript and calls
 * the model again after a delay. A context overflow instead starts a compaction in that
 * step (`compaction_start`, reason `overflow`) and continues the run after it. So an
 * `agent_end` after an error ends the run only if no recovery started by the next
 * macrotask; a retry that gives up (`auto_retry_end` without success) or a compaction
 * that will not continue (`compaction_end` without `willRetry`) ends it too.
 */
export function watchRun(
  hub: EventHub<CompactWireEvent>,
  onSessionStatus: (status: SessionStatus) => void = () => undefined,
): RunWatch {
  let settle: (how: "ended" | "closed") => void = () => undefined;
  const ended = new Promise<"ended" | "closed">((resolve) => {
    settle = resolve;
  });
  let lastAssistant: { stopReason: string | null; errorMessage: string | null } | undefined;
  let retryFailure: string | null = null;
  let retrying = false;
  const unsubscribe = hub.observe({
    event(event) {
      switch (event.type) {
        case "message_end":
          if (event.message.role === "assistant") {
            lastAssistant = messageOutcome(event.message as MessageLike);
            if (lastAssistant.stopReason !== "error") retryFailure = null;
          }
          break;
        case "auto_retry_start":
          retrying = true;
          break;
        case "auto_retry_end":
          retrying = false;
          if (!event.success) {
            retryFailure = event.finalError ?? "The model call failed";
            settle("ended");
          }
          break;
        case "compaction_start":
          if (event.reason === "overflow") retrying = true;
          break;
        case "compaction_end":
          if (event.reason !== "overflow") break;
          retrying = false;
          if (!event.willRetry) {
            if (event.errorMessage) retryFailure = event.errorMessage;
            settle("ended");
          }
          break;
        case "agent_end":
          if (lastAssistant?.stopReason !== "error") settle("ended");
          else setImmediate(() => retrying || settle("ended"));
          break;
        case "session_status":
          onSessionStatus(event.status);
          break;
      }
    },
    close: () => settle("closed"),
  });
  return {
    ended,
    failure: () =>
      retryFailure ??
      (lastAssistant?.stopReason === "error"
        ? (lastAssistant.errorMessage ?? "The model call failed")
        : null),
    get retrying() {
      return retrying;
    },
    stop: unsubscribe,
  };
}

interface MessageLike {
  role?: unknown;
  content?: unknown;
  stopReason?: unknown;
  errorMessage?: unknown;
}

/** The last assistant message's text, stop reason and error, from a transcript. */
export function finalAssistantReply(messages: readonly unknown[]): {
  text: string;
  stopReason: string | null;
  errorMessage: string | null;
} {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as MessageLike;
    if (message?.role !== "assistant") continue;
    const blocks = Array.isArray(message.content) ? message.content : [];
    const text = blocks
      .filter(
        (block): block is { type: "text"; text: string } =>
          typeof block === "object" &&
          block !== null &&
          (block as { type?: unknown }).type === "text" &&
          typeof (block as { text?: unknown }).text === "string",
      )
      .map((block) => block.text)
      .join("");
    return { text, ...messageOutcome(message) };
  }
  return { text: "", stopReason: null, errorMessage: null };
}

function messageOutcome(message: MessageLike): {
  stopReason: string | null;
  errorMessage: string | null;
} {
  return {
    stopReason: typeof message.stopReason === "string" ? message.stopReason : null,
    errorMessage: typeof message.errorMessage === "string" ? message.errorMessage : null,
  };
}
