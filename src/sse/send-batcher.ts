/**
 * Events sent as soon as their publisher is done (a microtask) rather than at the end of
 * the event loop's turn: the end of a run, which clients wait on.
 */
const urgentTypes: ReadonlySet<string> = new Set(["agent_end"]);

/**
 * The longest an event waits for the end of its event-loop turn. pi working through a
 * backlog of streamed chunks runs for a while without yielding; its burst is sent in
 * parts this far apart rather than all at its end.
 */
const maxBatchMs = 2;

/**
 * When a hub sends what it has queued: together at the end of the event loop's turn (so a
 * streamed reply costs one write per turn rather than one per event), or after
 * {@link maxBatchMs} when the turn runs long; an urgent event as soon as the code
 * publishing it is done.
 */
export class SendBatcher {
  readonly #send: () => void;
  #scheduled = false;
  #startedAt = 0;
  #soonQueued = false;

  /** `send` sends everything queued; it is called through {@link sendNow}. */
  constructor(send: () => void) {
    this.#send = send;
  }

  /** Schedules the send of a just-queued event of `type`. */
  queued(type: string): void {
    if (urgentTypes.has(type)) this.#sendSoon();
    else this.later();
  }

  /** Sends at the end of this turn of the event loop, or now when the batch is {@link maxBatchMs} old. */
  later(): void {
    if (this.#scheduled) {
      if (performance.now() - this.#startedAt >= maxBatchMs) this.sendNow();
      return;
    }
    this.#scheduled = true;
    this.#startedAt = performance.now();
    setImmediate(() => {
      if (this.#scheduled) this.sendNow();
    });
  }

  /** Sends what is queued now (a scheduled send then finds nothing new to do). */
  sendNow(): void {
    this.#scheduled = false;
    this.#send();
  }

  /** Sends once the code running now is done (events published together go as one chunk). */
  #sendSoon(): void {
    if (this.#soonQueued) return;
    this.#soonQueued = true;
    queueMicrotask(() => {
      this.#soonQueued = false;
      this.sendNow();
    });
  }
}
