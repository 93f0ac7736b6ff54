/** A published event waiting to be serialised, or behind one that waits. */
export interface HeldEvent<E> {
  id: number;
  event: E;
  /** The event's JSON text, when it was serialised as published. */
  data: string | undefined;
  /** The full view's JSON text, when `full` subscribers were there as it was published. */
  fullData: string | undefined;
}

/**
 * The events a hub holds back while a `late` one (which its publisher may still
 * complete) waits, in id order: the late event and every event published after it, so
 * none overtakes it. {@link release} completes the late events and hands every held
 * one on, in order.
 */
export class HeldEvents<E> {
  readonly #complete: (() => void) | undefined;
  #held: HeldEvent<E>[] = [];
  #releasing = false;

  /** `complete` completes the late events held so far (the hub's `settle` option). */
  constructor(complete: (() => void) | undefined) {
    this.#complete = complete;
  }

  /** Whether an event published now must be held (behind a late one, or while releasing). */
  get holding(): boolean {
    return this.#held.length > 0 || this.#releasing;
  }

  hold(event: HeldEvent<E>): void {
    this.#held.push(event);
  }

  /**
   * Completes the late events, then hands every held one to `commit` in order, events
   * held meanwhile included. Does nothing when called from within `commit`.
   */
  release(commit: (held: HeldEvent<E>) => void): void {
    if (this.#releasing) return;
    this.#releasing = true;
    try {
      while (this.#held.length > 0) {
        this.#complete?.();
        const held = this.#held;
        this.#held = [];
        for (const event of held) commit(event);
      }
    } finally {
      this.#releasing = false;
    }
  }
}
