/**
 * Counts open SSE streams per channel (`sessions`, …). Each open stream holds a
 * subscription and a heartbeat timer, so a count that returns to zero shows that
 * disconnects release everything.
 */
export class StreamCounter {
  readonly #open = new Map<string, number>();

  /** Records a stream opening on `channel`; returns the function that records its close. */
  open(channel: string): () => void {
    this.#open.set(channel, (this.#open.get(channel) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.#open.set(channel, (this.#open.get(channel) ?? 1) - 1);
    };
  }

  /** Open streams per channel. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#open);
  }
}
