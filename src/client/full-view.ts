import type {
  AgentMessage,
  CompactWireEvent,
  WireEvent,
} from "../contract/wire-event.generated.js";
import { MessageAccumulator } from "./message-accumulator.js";

/**
 * Turns compact-view events back into pi's own (the full view): each `message_update`
 * gets its `partial` and `message` snapshots, each `*_end` delta its `content`, and
 * `turn_end` its `message`. Feed it every event from the start of a turn (or of the
 * stream) in order.
 *
 * The snapshots in a returned event are the expander's working state: serialise or
 * copy the event before the next call if you keep it.
 */
export class FullViewExpander {
  readonly #accumulator = new MessageAccumulator();
  #lastEnded: AgentMessage | undefined;

  /** Whether `event` needs state this expander has not seen (its message or turn began earlier). */
  lacksContext(event: CompactWireEvent): boolean {
    if (event.type === "message_update") return !this.#accumulator.message && !("message" in event);
    if (event.type === "turn_end") return !event.message && !this.#lastEnded;
    return false;
  }

  expand(event: CompactWireEvent): WireEvent {
    switch (event.type) {
      case "message_start":
        this.#accumulator.push(event);
        return event;
      case "message_end":
        this.#accumulator.push(event);
        this.#lastEnded = event.message;
        return event;
      case "turn_start":
        this.#lastEnded = undefined;
        return event;
      case "turn_end": {
        const message = event.message ?? this.#lastEnded;
        if (!message) throw new Error("turn_end without a message and no message_end before it");
        return { type: "turn_end", message, toolResults: event.toolResults };
      }
      case "message_update": {
        if ("message" in event) return event as unknown as WireEvent;
        const partial = this.#accumulator.push(event);
        if (!partial) throw new Error("message_update outside a message");
        const delta = event.assistantMessageEvent;
        const block = partial.content[delta.contentIndex] as Record<string, unknown> | undefined;
        const full =
          delta.type === "text_end"
            ? { type: delta.type, contentIndex: delta.contentIndex, content: block?.text, partial }
            : delta.type === "thinking_end"
              ? {
                  type: delta.type,
                  contentIndex: delta.contentIndex,
                  content: block?.thinking,
                  partial,
                }
              : delta.type === "toolcall_end"
                ? {
                    type: delta.type,
                    contentIndex: delta.contentIndex,
                    toolCall: delta.toolCall ?? structuredClone(block),
                    partial,
                  }
                : { ...delta, partial };
        return {
          type: "message_update",
          assistantMessageEvent: full,
          message: partial,
        } as WireEvent;
      }
      default:
        return event as WireEvent;
    }
  }
}
