import type { CompactWireEvent } from "pi-agent-server-client";
import type { ChatItem, CompactionItem, RetryItem } from "./chat-items.js";

type EventOf<T extends CompactWireEvent["type"]> = Extract<CompactWireEvent, { type: T }>;

/** What a `compaction_end` leaves in the chat: done, failed or aborted, with its summary or error. */
export function compactionEndedItem(event: EventOf<"compaction_end">, key: string): CompactionItem {
  return {
    kind: "compaction",
    key,
    reason: event.reason,
    state: event.aborted ? "aborted" : event.errorMessage || !event.result ? "failed" : "done",
    ...(event.result
      ? { summary: event.result.summary, tokensBefore: event.result.tokensBefore }
      : {}),
    ...(event.errorMessage ? { error: event.errorMessage } : {}),
    willRetry: event.willRetry,
  };
}

/** What an `auto_retry_start` shows: the attempt about to be made and why. */
export function retryStartedItem(event: EventOf<"auto_retry_start">, key: string): RetryItem {
  return {
    kind: "retry",
    key,
    attempt: event.attempt,
    maxAttempts: event.maxAttempts,
    delayMs: event.delayMs,
    errorMessage: event.errorMessage,
  };
}

/**
 * What an `auto_retry_end` leaves: the open retry item with its outcome, or, when its
 * start was never seen (the page opened mid-retry), an item made from the end alone.
 */
export function retryEndedItem(
  open: ChatItem | undefined,
  event: EventOf<"auto_retry_end">,
  key: () => string,
): RetryItem {
  const outcome = {
    success: event.success,
    attempt: event.attempt,
    ...(event.finalError ? { finalError: event.finalError } : {}),
  };
  if (open?.kind === "retry") return { ...open, outcome };
  return {
    kind: "retry",
    key: key(),
    attempt: event.attempt,
    maxAttempts: event.attempt,
    delayMs: 0,
    errorMessage: event.finalError ?? "",
    outcome,
  };
}
