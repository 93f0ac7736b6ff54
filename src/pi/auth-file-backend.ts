import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { AuthStorageBackend } from "@mariozechner/pi-coding-agent";
import { writeFileAtomicSync } from "../storage/atomic-write.js";

type LockResult<T> = { result: T; next?: string };
type Entries = Record<string, unknown>;

function parse(text: string | undefined): Entries {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Entries) : {};
}

/**
 * `auth.json` storage for pi's `AuthStorage`, written atomically with mode 0600 so a
 * crash never leaves a torn credential file. The server is the file's only writer, so
 * locking is in-process: synchronous updates cannot interleave, and an asynchronous
 * update (an OAuth token refresh awaiting the network) is merged provider by provider
 * into whatever was written while it waited, instead of overwriting it.
 */
export class AtomicAuthFileBackend implements AuthStorageBackend {
  readonly #path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  withLock<T>(fn: (current: string | undefined) => LockResult<T>): T {
    const { result, next } = fn(this.#read());
    if (next !== undefined) this.#write(next);
    return result;
  }

  withLockAsync<T>(fn: (current: string | undefined) => Promise<LockResult<T>>): Promise<T> {
    const run = async () => {
      const before = this.#read();
      const { result, next } = await fn(before);
      if (next !== undefined) this.#write(mergeChanges(before, next, this.#read()));
      return result;
    };
    const running = this.#queue.then(run, run);
    this.#queue = running.catch(() => undefined);
    return running;
  }

  #read(): string | undefined {
    try {
      return readFileSync(this.#path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  #write(content: string): void {
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    writeFileAtomicSync(this.#path, content, { mode: 0o600 });
  }
}

/** Applies the providers `next` changed relative to `before` onto `latest`. */
function mergeChanges(before: string | undefined, next: string, latest: string | undefined) {
  if (latest === before) return next;
  const base = parse(before);
  const wanted = parse(next);
  const merged = parse(latest);
  for (const key of new Set([...Object.keys(base), ...Object.keys(wanted)])) {
    if (JSON.stringify(base[key]) === JSON.stringify(wanted[key])) continue;
    if (key in wanted) merged[key] = wanted[key];
    else delete merged[key];
  }
  return JSON.stringify(merged, null, 2);
}
