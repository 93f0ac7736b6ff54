/** Open SSE streams a server holds by default, over every channel together. */
export const defaultMaxStreams = 10_000;
/** Open SSE streams one API token may hold by default. */
export const defaultMaxStreamsPerToken = 1_000;

/** What {@link StreamCounter.open} answers: the stream's slot, or which bound refused it. */
export type StreamSlot =
  | {
      refused?: undefined;
      /** Records the stream's close (once; later calls do nothing). */
      close(): void;
    }
  | { refused: "server" | "token" };

/**
 * Counts open SSE streams per channel (`sessions`, …) and bounds them: in total, and per
 * API token. Each open stream holds a socket, a subscription and a heartbeat timer, so a
 * count that returns to zero shows that disconnects release everything; the total bound
 * keeps a flood of streams from exhausting the process's file descriptors and memory,
 * and the per-token bound keeps one token from taking every slot.
 */
export class StreamCounter {
  readonly #open = new Map<string, number>();
  readonly #perToken = new Map<string, number>();
  readonly #max: number;
  readonly #maxPerToken: number;
  #total = 0;

  /** Defaults: {@link defaultMaxStreams} in total, {@link defaultMaxStreamsPerToken} per token. */
  constructor(limits: { max?: number | undefined; maxPerToken?: number | undefined } = {}) {
    this.#max = limits.max ?? defaultMaxStreams;
    this.#maxPerToken = limits.maxPerToken ?? defaultMaxStreamsPerToken;
  }

  /** The most streams open at once, over every channel. */
  get max(): number {
    return this.#max;
  }

  /** The most streams one API token holds open at once. */
  get maxPerToken(): number {
    return this.#maxPerToken;
  }

  /**
   * Records a stream opening on `channel` for the API token `tokenId` (none for the
   * bootstrap token or an open server, which only the total bounds). Nothing is recorded
   * when a bound is reached.
   */
  open(channel: string, tokenId?: string): StreamSlot {
    if (this.#total >= this.#max) return { refused: "server" };
    const held = tokenId === undefined ? 0 : (this.#perToken.get(tokenId) ?? 0);
    if (tokenId !== undefined && held >= this.#maxPerToken) return { refused: "token" };
    this.#total += 1;
    this.#open.set(channel, (this.#open.get(channel) ?? 0) + 1);
    if (tokenId !== undefined) this.#perToken.set(tokenId, held + 1);
    let closed = false;
    return {
      close: () => {
        if (closed) return;
        closed = true;
        this.#total -= 1;
        this.#open.set(channel, (this.#open.get(channel) ?? 1) - 1);
        if (tokenId === undefined) return;
        const left = (this.#perToken.get(tokenId) ?? 1) - 1;
        if (left > 0) this.#perToken.set(tokenId, left);
        else this.#perToken.delete(tokenId);
      },
    };
  }

  /** Open streams per channel. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#open);
  }
}
