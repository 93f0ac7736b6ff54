import { readFileSync } from "node:fs";
import { writeFileAtomicSync } from "../storage/index.js";

/**
 * How many ids are reserved on disk at a time. A reservation is an atomic write (two
 * fsyncs) on the thread that publishes, so blocks are large: a session streaming 2,000
 * events a reply reserves once every 50 replies. The price is a jump in the ids after a
 * restart, of up to a block.
 */
export const idBlockSize = 100_000;

/**
 * Monotonic event ids that keep increasing across restarts. Ids are reserved on disk
 * in blocks, so the file is written once per {@link idBlockSize} ids; after a restart
 * numbering resumes above the last reservation (skipping unused ids, never repeating one).
 */
export class EventSequence {
  #current: number;
  #reserved: number;
  readonly #file: string | undefined;

  private constructor(start: number, file: string | undefined) {
    this.#current = start;
    this.#reserved = start;
    this.#file = file;
  }

  /** A sequence persisted in `file` (created on first use). */
  static open(file: string): EventSequence {
    let start = 0;
    try {
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { reserved?: unknown };
      if (typeof parsed.reserved === "number" && Number.isSafeInteger(parsed.reserved)) {
        start = parsed.reserved;
      }
    } catch {
      start = 0;
    }
    return new EventSequence(start, file);
  }

  /** A sequence that lives only in memory. */
  static inMemory(start = 0): EventSequence {
    return new EventSequence(start, undefined);
  }

  /** The last id handed out (0 before the first). */
  get current(): number {
    return this.#current;
  }

  /** Moves on to `id` when the sequence is behind it (ids found in a log outrank the file). */
  skipTo(id: number): void {
    if (id <= this.#current) return;
    this.#current = id;
    if (this.#current > this.#reserved) this.#reserve(this.#current + idBlockSize);
  }

  next(): number {
    this.#current += 1;
    if (this.#current > this.#reserved) this.#reserve(this.#current + idBlockSize);
    return this.#current;
  }

  /**
   * Reserves ids up to `upTo` on disk. A failed write (a full disk) does not stop the
   * ids: they go on from memory, and the next block tries the file again. A restart
   * then resumes above the last reservation that was written, and the hub above the
   * newest id in its log, so only ids no log kept could come again.
   */
  #reserve(upTo: number): void {
    this.#reserved = upTo;
    if (!this.#file) return;
    try {
      writeFileAtomicSync(this.#file, JSON.stringify({ reserved: upTo }), { mode: 0o600 });
    } catch {
      // The event log on the same disk fails too, and its hub reports that.
    }
  }
}
