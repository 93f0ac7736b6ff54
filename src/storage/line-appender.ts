import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * Appends text to the files of one directory (a log of monthly files, say) through one
 * open descriptor, kept for as long as appends go to the same file: each append is one
 * synchronous write to the page cache, with no open or close and no trip through the
 * thread pool. Appending to another file name closes the current one first.
 *
 * Like every log here, an append reaches the page cache, not the disk: it survives the
 * process being killed, not a power cut. A failed write closes the descriptor (the next
 * append opens the file again) and throws; when it wrote part of its text, the next
 * append to that file starts on a new line, so the torn line stays the only bad one.
 */
export class LineAppender {
  readonly #dir: string;
  readonly #mode: number;
  readonly #write: typeof writeSync;
  #open: { name: string; fd: number } | undefined;
  #dirMade = false;
  /** The file a failed append left without a final newline. */
  #torn: string | undefined;

  /**
   * Files are created with `mode`; the directory (with its parents) on first append.
   * `write` is the system call appends go through (tests hand in one that fails).
   */
  constructor(dir: string, options: { mode?: number; write?: typeof writeSync } = {}) {
    this.#dir = dir;
    this.#mode = options.mode ?? 0o600;
    this.#write = options.write ?? writeSync;
  }

  /** Appends `text` to the file `name` in this directory, whole, before returning. */
  append(name: string, text: string): void {
    const fd = this.#fdFor(name);
    const bytes = Buffer.from(this.#torn === name ? `\n${text}` : text, "utf8");
    let written = 0;
    try {
      while (written < bytes.length) {
        written += this.#write(fd, bytes, written, bytes.length - written);
      }
      if (this.#torn === name) this.#torn = undefined;
    } catch (error) {
      if (written > 0) this.#torn = name;
      this.close();
      throw error;
    }
  }

  /** Closes the open file, if any; a later append opens it again. */
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
