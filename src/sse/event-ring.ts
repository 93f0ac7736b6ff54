/** One published event as kept in memory: its id, type and encoded SSE frame. */
export interface RingEntry {
  id: number;
  type: string;
  /** `id: <id>\ndata: <JSON>\n\n`, UTF-8 encoded. */
  frame: Uint8Array;
}

const decoder = new TextDecoder();

/** The JSON text inside an entry's frame. */
export function entryData(entry: RingEntry): string {
  const prefix = `id: ${entry.id}\ndata: `.length;
  return decoder.decode(entry.frame.subarray(prefix, entry.frame.byteLength - 2));
}

/**
 * The most recent events of a hub, bounded by count and by bytes of frames;
 * the oldest are dropped first.
 */
export class EventRing {
  readonly #slots: (RingEntry | undefined)[];
  readonly #maxBytes: number;
  #start = 0;
  #count = 0;
  #bytes = 0;

  constructor(capacity: number, maxBytes: number) {
    this.#slots = new Array(Math.max(1, capacity));
    this.#maxBytes = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get oldestId(): number | undefined {
    return this.#slots[this.#start]?.id;
  }

  push(entry: RingEntry): void {
    const capacity = this.#slots.length;
    if (this.#count === capacity) this.#dropOldest();
    this.#slots[(this.#start + this.#count) % capacity] = entry;
    this.#count += 1;
    this.#bytes += size(entry);
    while (this.#bytes > this.#maxBytes && this.#count > 0) this.#dropOldest();
  }

  /** Whether every event after `afterId` up to `lastId` (the newest published) is still here. */
  holdsAfter(afterId: number, lastId: number): boolean {
    if (afterId >= lastId) return true;
    const oldest = this.oldestId;
    return oldest !== undefined && afterId >= oldest - 1;
  }

  /** The entries after `afterId`, oldest first. */
  after(afterId: number): RingEntry[] {
    const out: RingEntry[] = [];
    for (let i = 0; i < this.#count; i++) {
      const entry = this.#at(i);
      if (entry.id > afterId) out.push(entry);
    }
    return out;
  }

  #at(index: number): RingEntry {
    return this.#slots[(this.#start + index) % this.#slots.length] as RingEntry;
  }

  #dropOldest(): void {
    const oldest = this.#slots[this.#start];
    this.#slots[this.#start] = undefined;
    this.#bytes -= oldest ? size(oldest) : 0;
    this.#start = (this.#start + 1) % this.#slots.length;
    this.#count -= 1;
  }
}

function size(entry: RingEntry): number {
  return entry.frame.byteLength;
}
