import { FullViewExpander } from "../client/full-view.js";
import type { CompactWireEvent } from "../contract/compact-events.js";
import type { EventClassifier } from "../contract/event-classifier.js";
import type { CompactWireEvent as GeneratedCompactEvent } from "../contract/wire-event.generated.js";
import { EventHub, type FullView } from "../sse/event-hub.js";
import type { LogErrorListener } from "../sse/hub-log.js";
import type { EventSequence } from "../sse/sequence.js";
import type { EventLog } from "../storage/index.js";

/**
 * The full view of a session stream: pi's own events, rebuilt from the compact ones
 * (a replay starts at the turn's `turn_start`, so every snapshot has its context).
 */
export const sessionFullView: FullView<CompactWireEvent> = {
  primeTypes: new Set(["turn_start"]),
  expander() {
    const expander = new FullViewExpander();
    return {
      expand: (event) => expander.expand(event as GeneratedCompactEvent),
      lacksContext: (event) => expander.lacksContext(event as GeneratedCompactEvent),
    };
  },
};

export interface SessionHubOptions {
  sequence: EventSequence;
  /** Where the session's events are kept across restarts. Default: memory only. */
  log?: EventLog | undefined;
  classify?: EventClassifier | undefined;
  /** Byte bound of the in-memory replay ring. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Completes the events published late (the compactor's `settle`). */
  settle?: (() => void) | undefined;
  /** Told when the log fails (see `EventHubOptions.onLogError`). Default: none. */
  onLogError?: LogErrorListener | undefined;
}

/**
 * A compact event's JSON text, exactly as `JSON.stringify` writes it: a plain delta
 * (nearly every event of a streamed reply) is written from a template, several times
 * faster than walking the object.
 */
export function compactEventJson(event: CompactWireEvent): string {
  if (event.type === "message_update" && event.patch === undefined && !("message" in event)) {
    const delta = event.assistantMessageEvent;
    if (
      delta.type === "text_delta" ||
      delta.type === "thinking_delta" ||
      delta.type === "toolcall_delta"
    ) {
      return `{"type":"message_update","assistantMessageEvent":{"type":"${delta.type}","contentIndex":${delta.contentIndex},"delta":${JSON.stringify(delta.delta)}}}`;
    }
  }
  return JSON.stringify(event);
}

/** A session's hub: compact events, logged, with pi's full view on request. */
export function createSessionHub(options: SessionHubOptions): EventHub<CompactWireEvent> {
  return new EventHub<CompactWireEvent>({
    sequence: options.sequence,
    log: options.log,
    fullView: sessionFullView,
    classify: options.classify,
    settle: options.settle,
    onLogError: options.onLogError,
    serialize: compactEventJson,
    ...(options.replayMaxBytes === undefined ? {} : { maxBytes: options.replayMaxBytes }),
  });
}
