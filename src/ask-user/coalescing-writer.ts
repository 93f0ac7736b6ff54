/**
 * Runs `write` after changes, one write at a time: changes made while a write is in
 * flight are folded into a single follow-up write of the latest state.
 */
export class CoalescingWriter {
  readonly #write: () => Promise<void>;
  #running: Promise<void> | undefined;
  #dirty = false;
  #error: unknown;
  #closed = false;

  constructor(write: () => Promise<void>) {
    this.#write = write;
  }

  /** Notes a change; a write follows unless closed. */
  schedule(): void {
    if (this.#closed) return;
    this.#dirty = true;
    if (this.#running) return;
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves once every change so far is written; rejects once if a write failed. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      throw error;
    }
  }

  /** Writes what is pending (ignoring failures), then ignores further changes. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.#closed = true;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#dirty && !this.#closed) {
        this.#dirty = false;
        await this.#write();
      }
    } catch (error) {
      this.#error = error;
    }
  }
}
