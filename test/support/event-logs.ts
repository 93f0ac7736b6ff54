import type { LoggedEvent } from "../../src/storage/event-log.js";
import { encodedRecordBytes } from "../../src/storage/event-log-format.js";

/** An event whose record has the same size for every id of four digits. */
export function sizedEvent(id: number, text = "x".repeat(40)): LoggedEvent {
  return { id, type: "note", data: JSON.stringify({ type: "note", id, text }) };
}

/** Start of the test clocks: timestamps keep seven digits, so records keep one size. */
export const clockStart = 1_000_000;

/** Bytes on disk of any {@link sizedEvent} with a four-digit id, stamped on a test clock. */
export const recordBytes = encodedRecordBytes({ ...sizedEvent(1000), at: clockStart });

/** The ids of some events. */
export const ids = (events: readonly LoggedEvent[]): number[] => events.map((event) => event.id);

/** The integers from `from` to `to`, both included. */
export const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
