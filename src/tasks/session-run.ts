import type { SessionStatus } from "../sessions/live-session.js";
import type { EventHub } from "../sse/event-hub.js";

export interface RunWatch {
  /** Resolves on the run's `agent_end`, or when the session's stream closes (disposal). */
  ended: Promise<"ended" | "closed">;
  stop(): void;
}

/**
 * Follows a session's events through its hub as an in-process observer (not a stream
 * subscriber): reports status changes and resolves when the run ends. Start watching
 * before prompting, so the end cannot be missed.
 */
export function watchRun(
  hub: EventHub,
  onSessionStatus: (status: SessionStatus) => void = () => undefined,
): RunWatch {
  let settle: (how: "ended" | "closed") => void = () => undefined;
  const ended = new Promise<"ended" | "closed">((resolve) => {
    settle = resolve;
  });
  const unsubscribe = hub.observe({
    event(event) {
      if (event.type === "agent_end") settle("ended");
      else if (event.type === "session_status") onSessionStatus(event.status);
    },
    close: () => settle("closed"),
  });
  return { ended, stop: unsubscribe };
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
    return {
      text,
      stopReason: typeof message.stopReason === "string" ? message.stopReason : null,
      errorMessage: typeof message.errorMessage === "string" ? message.errorMessage : null,
    };
  }
  return { text: "", stopReason: null, errorMessage: null };
}
