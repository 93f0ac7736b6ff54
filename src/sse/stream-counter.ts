/** Open SSE streams a server holds by default, over every channel together. */
export const defaultMaxStreams = 10_000;

/**
 * Counts open SSE streams per channel (`sessions`, …) and bounds their total. Each open
 * stream holds a socket, a subscription and a heartbeat timer, so a count that returns
 * to zero shows that disconnects release everything, and the bound keeps a flood of
 * streams from exhausting the process's file descriptors and memory.
 */
export class StreamCounter {
  readonly #open = new Map<string, number>();
  readonly #max: number;
  #total = 0;

  /** `max`: the most streams open at once, over every channel. Default {@link defaultMaxStreams}. */
  constructor(max = defaultMaxStreams) {
    this.#max = max;
  }

  /** The most streams open at once, over every channel. */
  get max(): number {
    return this.#max;
  }

  /**
   * Records a stream opening on `channel`.
   *
   * @returns the function that records its close, or undefined (nothing recorded) when
   *   {@link max} streams are open already.
   */
  open(channel: string): (() => void) | undefined {
    if (this.#total >= this.#max) return undefined;
    this.#total += 1;
    this.#open.set(channel, (this.#open.get(channel) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.#total -= 1;
      this.#open.set(channel, (this.#open.get(channel) ?? 1) - 1);
    };
  }

  /** Open streams per channel. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#open);
  }
}
