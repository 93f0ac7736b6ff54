import { FullViewExpander } from "../client/full-view.js";
import type { CompactWireEvent } from "../contract/compact-events.js";
import type { EventClassifier } from "../contract/event-classifier.js";
import type { CompactWireEvent as GeneratedCompactEvent } from "../contract/wire-event.generated.js";
import { EventHub, type FullView } from "../sse/event-hub.js";
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
}

/** A session's hub: compact events, logged, with pi's full view on request. */
export function createSessionHub(options: SessionHubOptions): EventHub<CompactWireEvent> {
  return new EventHub<CompactWireEvent>({
    sequence: options.sequence,
    log: options.log,
    fullView: sessionFullView,
    classify: options.classify,
    settle: options.settle,
    ...(options.replayMaxBytes === undefined ? {} : { maxBytes: options.replayMaxBytes }),
  });
}
