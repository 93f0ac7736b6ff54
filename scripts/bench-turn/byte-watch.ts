import { performance } from "node:perf_hooks";

/**
 * Counts the bytes of a stream and reports when `marker` goes past, without decoding or
 * parsing, so the client costs each measured path as little as possible.
 */
export class ByteWatch {
  bytes = 0;
  readonly #marker: Buffer;
  readonly #failure: Buffer | undefined;
  #tail: Buffer = Buffer.alloc(0);
  #waiter: { resolve(at: number): void; reject(error: Error): void } | undefined;

  /** `failure`, when it goes past while waiting, fails the wait instead. */
  constructor(marker: string, failure?: string) {
    this.#marker = Buffer.from(marker);
    this.#failure = failure === undefined ? undefined : Buffer.from(failure);
  }

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    const waiter = this.#waiter;
    if (waiter && this.#failure && chunk.includes(this.#failure)) {
      this.#waiter = undefined;
      waiter.reject(new Error(`refused: ${chunk.toString().slice(0, 500)}`));
    } else if (waiter && this.#seen(chunk)) {
      this.#waiter = undefined;
      waiter.resolve(performance.now());
    }
    this.#tail = Buffer.from(chunk.subarray(-(this.#marker.length - 1)));
  }

  /** Resets the byte count; resolves with `performance.now()` when the marker next passes. */
  next(what: string, timeoutMs = 60_000): Promise<number> {
    this.bytes = 0;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} in ${timeoutMs} ms`)), timeoutMs);
      this.#waiter = {
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  #seen(chunk: Buffer): boolean {
    const edge = Buffer.concat([this.#tail, chunk.subarray(0, this.#marker.length - 1)]);
    return edge.includes(this.#marker) || chunk.includes(this.#marker);
  }
}
