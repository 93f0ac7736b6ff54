import type { Logger } from "../logging/logger.js";
import { modelledEventTypes } from "./wire-event-schema.js";

/** Inspects one outgoing event; never throws and never changes the event. */
export type EventClassifier = (event: { type?: unknown }) => void;

export interface EventClassifierOptions {
  /** Types treated as modelled. Default: the generated contract's `eventTypes`. */
  known?: ReadonlySet<string>;
  /** Distinct unknown types remembered (and logged); later ones are not logged. Default 100. */
  maxReported?: number;
}

/**
 * Classifies outgoing events against the contract. An event whose `type` the schema
 * does not model is still forwarded by the caller; this logs one warning per such type
 * (not per event), so a pi upgrade that adds events shows up in the log without
 * flooding it or breaking any stream.
 */
export function createEventClassifier(
  logger: Logger,
  options: EventClassifierOptions = {},
): EventClassifier {
  const known = options.known ?? modelledEventTypes;
  const maxReported = options.maxReported ?? 100;
  const reported = new Set<string>();
  return (event) => {
    const type = typeof event.type === "string" ? event.type : "";
    if (known.has(type) || reported.has(type) || reported.size >= maxReported) return;
    reported.add(type);
    logger.warn("forwarding an event type the contract does not model", {
      eventType: type === "" ? "(missing)" : type.slice(0, 100),
      hint: "run npm run gen:event-schema",
    });
  };
}
