import type { AgentSessionEvent } from "../pi/agent-sessions.js";

/**
 * Everyone in the server that follows a session's pi events, in the order each event
 * reaches them. pi is subscribed once, by `LiveSession`; this list is the only order.
 * - `ask-user`: counts runs and tool calls; the events it publishes precede the pi
 *   event that caused them.
 * - `stream`: the session's hub: ids, replay, SSE readers and in-process hub observers
 *   (a task's run watch).
 * - `usage`: tokens and cost of each assistant message.
 * - `unsaved-record`: drops the unsaved-session record once pi has written the transcript.
 */
export const tapOrder = ["ask-user", "stream", "usage", "unsaved-record"] as const;

export type TapStage = (typeof tapOrder)[number];

/** Sees one pi event; must not throw. */
export type EventTap = (event: AgentSessionEvent) => void;

/** The taps of one session, called stage by stage in `tapOrder`. */
export class EventTaps {
  readonly #stages = new Map<TapStage, Set<EventTap>>(tapOrder.map((stage) => [stage, new Set()]));

  /** @returns the function that removes the tap. */
  add(stage: TapStage, tap: EventTap): () => void {
    const taps = this.#stages.get(stage) as Set<EventTap>;
    taps.add(tap);
    return () => {
      taps.delete(tap);
    };
  }

  dispatch(event: AgentSessionEvent): void {
    for (const taps of this.#stages.values()) for (const tap of taps) tap(event);
  }
}
