/** One published event as kept in memory: its id, type and JSON text. */
export interface RingEntry {
  id: number;
  type: string;
  data: string;
}

/** UTF-8 bytes of an entry's SSE frame, `id: <id>\ndata: <JSON>\n\n`. */
export function frameBytes(entry: RingEntry): number {
  return Buffer.byteLength(entry.data) + String(entry.id).length + 13;
}

/**
 * The most recent events of a hub, bounded by count and by the bytes of their frames;
 * the oldest are dropped first.
 */
export class EventRing {
  readonly #slots: (RingEntry | undefined)[];
  /** Frame bytes of each slot's entry. */
  readonly #sizes: number[];
  readonly #maxBytes: number;
  #start = 0;
  #count = 0;
  #bytes = 0;

  constructor(capacity: number, maxBytes: number) {
    this.#slots = new Array(Math.max(1, capacity));
    this.#sizes = new Array(this.#slots.length).fill(0);
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
    const slot = (this.#start + this.#count) % capacity;
    this.#slots[slot] = entry;
    this.#sizes[slot] = frameBytes(entry);
    this.#count += 1;
    this.#bytes += this.#sizes[slot] as number;
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
    this.#slots[this.#start] = undefined;
    this.#bytes -= this.#sizes[this.#start] as number;
    this.#sizes[this.#start] = 0;
    this.#start = (this.#start + 1) % this.#slots.length;
    this.#count -= 1;
  }
}
