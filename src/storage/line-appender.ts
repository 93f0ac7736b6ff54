import { closeSync, write as fsWrite, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";

/** Writes `length` bytes of `bytes` from `offset` to `fd`; calls back with how many went. */
export type WriteCall = (
  fd: number,
  bytes: Buffer,
  offset: number,
  length: number,
  done: (error: Error | null, written: number) => void,
) => void;

const writeCall: WriteCall = (fd, bytes, offset, length, done) =>
  fsWrite(fd, bytes, offset, length, null, done);

interface Pending {
  name: string;
  text: string;
  settle: (error?: unknown) => void;
}

/**
 * Appends text to the files of one directory (a log of monthly files, say) through one
 * descriptor, kept open for as long as appends go to the same file. Appends are written
 * in the background, in order, one write at a time: those queued meanwhile for the same
 * file go out together in the next write. So a request or a streamed reply never waits
 * for the disk, and no append costs an open and a close.
 *
 * Like every log here, an append reaches the page cache, not the disk: it survives the
 * process being killed, not a power cut. A failed write closes the descriptor (the next
 * write opens the file again) and rejects the appends it carried; when it wrote part of
 * its text, the next write to that file starts on a new line, so the torn line stays the
 * only bad one.
 */
export class LineAppender {
  readonly #dir: string;
  readonly #mode: number;
  readonly #write: WriteCall;
  #open: { name: string; fd: number } | undefined;
  #dirMade = false;
  /** The file a failed write left without a final newline. */
  #torn: string | undefined;
  #queue: Pending[] = [];
  #idle: Promise<void> = Promise.resolve();
  #writing = false;
  #wake: () => void = () => undefined;

  /**
   * Files are created with `mode`; the directory (with its parents) on first append.
   * `write` is the system call writes go through (tests hand in one that fails).
   */
  constructor(dir: string, options: { mode?: number; write?: WriteCall } = {}) {
    this.#dir = dir;
    this.#mode = options.mode ?? 0o600;
    this.#write = options.write ?? writeCall;
  }

  /** Queues `text` for the file `name` in this directory; resolves once it is written whole. */
  append(name: string, text: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ name, text, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.#writing) this.#start();
    });
  }

  /** Resolves once every append queued so far is written (or failed). */
  flush(): Promise<void> {
    return this.#idle;
  }

  /** Writes what is queued, then closes the open file; a later append opens it again. */
  async close(): Promise<void> {
    // An append made while waiting starts another write: wait for that one too, so the
    // descriptor is never closed under a write.
    while (this.#writing) await this.#idle;
    this.#closeFd();
  }

  #start(): void {
    this.#writing = true;
    this.#idle = new Promise((resolve) => {
      this.#wake = resolve;
    });
    this.#next();
  }

  /** Writes the appends at the head of the queue that go to the same file, in one write. */
  #next(): void {
    const head = this.#queue[0];
    if (!head) {
      this.#writing = false;
      this.#wake();
      return;
    }
    let count = 1;
    while (this.#queue[count]?.name === head.name) count += 1;
    const batch = this.#queue.splice(0, count);
    const text = batch.map((pending) => pending.text).join("");
    const finish = (error?: unknown) => {
      for (const pending of batch) pending.settle(error);
      this.#next();
    };
    let fd: number;
    try {
      fd = this.#fdFor(head.name);
    } catch (error) {
      finish(error);
      return;
    }
    const torn = this.#torn === head.name;
    const bytes = Buffer.from(torn ? `\n${text}` : text, "utf8");
    let written = 0;
    const more = () =>
      this.#write(fd, bytes, written, bytes.length - written, (error, count) => {
        if (error) {
          if (written > 0) this.#torn = head.name;
          this.#closeFd();
          finish(error);
          return;
        }
        written += count;
        if (written < bytes.length) {
          more();
          return;
        }
        if (torn) this.#torn = undefined;
        finish();
      });
    more();
  }

  #fdFor(name: string): number {
    if (this.#open?.name === name) return this.#open.fd;
    this.#closeFd();
    if (!this.#dirMade) {
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
      this.#dirMade = true;
    }
    const fd = openSync(join(this.#dir, name), "a", this.#mode);
    this.#open = { name, fd };
    return fd;
  }

  #closeFd(): void {
    const open = this.#open;
    this.#open = undefined;
    if (open) closeSync(open.fd);
  }
}
