import type { CompactMessageUpdateEvent } from "../contract/compact-events.js";

type Fields = Record<string, unknown>;

/** One event of a run: the delta it carries and, when pi's snapshot had run ahead, the event and the span of pi's text it must append instead. */
interface Step {
  delta: string;
  ahead?: { event: CompactMessageUpdateEvent; from: number; to: number };
}

/**
 * Deltas of one streamed field (a block's `text` or `thinking`) whose events went out
 * before pi's text was read. When pi's provider parses chunks faster than its agent loop
 * hands them on, every event's snapshot already holds the text of later deltas, so an
 * exact event must carry what the snapshot appended (`patch.append`) rather than its
 * own delta. Reading that at once would copy pi's whole growing string on every event
 * (a string built by appending is flattened when read); a run notes the lengths
 * instead and reads pi's text once, on {@link settle}, for all its events.
 *
 * This relies on pi only appending to a streamed field between two of its events, as
 * every provider does while a block streams; the compactor settles the run before any
 * event that is not such a delta.
 */
export class AppendRun {
  /** pi's block, whose field is read on settle. */
  readonly source: Fields;
  readonly field: string;
  /** The length of pi's field after the run's last event. */
  length: number;
  /** The compactor's copy of the block, brought up to date on settle. */
  readonly #copy: Fields;
  readonly #steps: Step[] = [];

  constructor(source: Fields, copy: Fields, field: string, length: number) {
    this.source = source;
    this.#copy = copy;
    this.field = field;
    this.length = length;
  }

  /** An event whose delta is exactly what pi appended. */
  plain(delta: string): void {
    this.#steps.push({ delta });
    this.length += delta.length;
  }

  /** An event after which pi's field is `to` long: `event` gets the text pi appended on settle (no patch when it is the delta). */
  ahead(event: CompactMessageUpdateEvent, delta: string, to: number): void {
    this.#steps.push({ delta, ahead: { event, from: this.length, to } });
    this.length = to;
  }

  /** Reads pi's field once, completes the run's events and appends what they carry to the copy. */
  settle(): void {
    const value = this.source[this.field];
    const text = typeof value === "string" ? value : "";
    let appended = "";
    for (const { delta, ahead } of this.#steps) {
      if (!ahead) {
        appended += delta;
        continue;
      }
      const piece = text.slice(ahead.from, ahead.to);
      if (piece !== delta) ahead.event.patch = { append: { [this.field]: piece } };
      appended += piece;
    }
    const before = this.#copy[this.field];
    this.#copy[this.field] = (typeof before === "string" ? before : "") + appended;
  }
}
