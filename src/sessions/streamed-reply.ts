import type { AgentSessionEvent } from "../pi/agent-sessions.js";

/**
 * Which assistant reply a session's stream is in the middle of, so its detail can name
 * where that reply starts and hold only the messages the stream has told.
 *
 * pi adds a finished reply to its transcript before its extensions and then this server
 * see the reply's `message_end` (an extension's handler may take a while). Until that
 * event is published, {@link told} leaves the reply out, so a client reading the
 * transcript with the stream's `lastEventId` never gets the reply twice.
 */
export class StreamedReply {
  #startEventId: number | undefined;
  /** The message of the last `message_end` published: pi's own object in its transcript. */
  #lastEnded: unknown;

  /** The id of the streaming reply's `message_start`; undefined between replies. */
  get startEventId(): number | undefined {
    return this.#startEventId;
  }

  /** Follows one pi event, published under `id`. */
  published(event: AgentSessionEvent, id: number): void {
    if (event.type === "message_start" && event.message.role === "assistant") {
      this.#startEventId = id;
    } else if (event.type === "message_end") {
      this.#startEventId = undefined;
      this.#lastEnded = event.message;
    } else if (event.type === "agent_end") {
      this.#startEventId = undefined;
    }
  }

  /** `messages` (pi's transcript) without a reply whose `message_end` is not out yet. */
  told<M extends { role: string }>(messages: M[]): M[] {
    const last = messages.at(-1);
    const ahead =
      this.#startEventId !== undefined && last?.role === "assistant" && last !== this.#lastEnded;
    return ahead ? messages.slice(0, -1) : messages;
  }
}
