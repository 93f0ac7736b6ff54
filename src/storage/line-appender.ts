import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Writes `length` bytes of `bytes` from `offset` to `fd`; returns how many went. */
export type WriteCall = (fd: number, bytes: Buffer, offset: number, length: number) => number;

const writeCall: WriteCall = (fd, bytes, offset, length) => writeSync(fd, bytes, offset, length);

/**
 * Appends text to the files of one directory (a log of monthly files, say) through one
 * descriptor, kept open for as long as appends go to the same file, so no append costs
 * an open and a close.
 *
 * An append is written at once, on the calling thread: one small write to the page
 * cache, like the event log's per batch. Handing it to the thread pool instead costs
 * more than the write itself (two thread wake-ups and a callback, on a machine whose
 * cores are busy streaming), and whoever waits on it, a request's answer say, waits
 * for the event loop to come round.
 *
 * Like every log here, an append reaches the page cache, not the disk: it survives the
 * process being killed, not a power cut. A failed write closes the descriptor (the next
 * write opens the file again) and throws; when it wrote part of its text, the next write
 * to that file starts on a new line, so the torn line stays the only bad one.
 */
export class LineAppender {
  readonly #dir: string;
  readonly #mode: number;
  readonly #write: WriteCall;
  #open: { name: string; fd: number } | undefined;
  #dirMade = false;
  /** The file a failed write left without a final newline. */
  #torn: string | undefined;

  /**
   * Files are created with `mode`; the directory (with its parents) on first append.
   * `write` is the system call writes go through (tests hand in one that fails).
   */
  constructor(dir: string, options: { mode?: number; write?: WriteCall } = {}) {
    this.#dir = dir;
    this.#mode = options.mode ?? 0o600;
    this.#write = options.write ?? writeCall;
  }

  /** Appends `text` to the file `name` in this directory, whole; throws when it could not. */
  append(name: string, text: string): void {
    const fd = this.#fdFor(name);
    const torn = this.#torn === name;
    const bytes = Buffer.from(torn ? `\n${text}` : text, "utf8");
    let written = 0;
    try {
      while (written < bytes.length) {
        written += this.#write(fd, bytes, written, bytes.length - written);
      }
    } catch (error) {
      if (written > 0) this.#torn = name;
      this.close();
      throw error;
    }
    if (torn) this.#torn = undefined;
  }

  /** Closes the open file; a later append opens it again. */
  close(): void {
    const open = this.#open;
    this.#open = undefined;
    if (open) closeSync(open.fd);
  }

  #fdFor(name: string): number {
    if (this.#open?.name === name) return this.#open.fd;
    this.close();
    if (!this.#dirMade) {
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
      this.#dirMade = true;
    }
    const fd = openSync(join(this.#dir, name), "a", this.#mode);
    this.#open = { name, fd };
    return fd;
  }
}
