/** One stored event, as a page of `GET …/events` (`Accept: application/json`) lists it. */
export interface StoredEvent {
  id: number;
  event?: { type: string; message?: unknown } | undefined;
}

/** Reads the stored events with ids in `(after, after + limit]`, oldest first. */
export type EventPageReader = (
  after: number,
  limit: number,
) => Promise<{ events: readonly StoredEvent[]; gap: boolean }>;

export interface ResumeOptions {
  /** Events read per page (the route allows up to 1000). */
  pageSize?: number;
  /** How far back to look before giving up, in pages. */
  maxPages?: number;
}

/**
 * The id of the `message_start` of the assistant reply that was being streamed when the
 * session's history was read at `lastEventId`, or undefined when none was.
 *
 * The history (`messages` of the session detail) holds finished messages only, so a page
 * opened mid-reply resumes the stream just before that `message_start` to rebuild the
 * reply from its first delta. Reads the stored events backwards from `lastEventId` until
 * the newest `message_start` or `message_end`.
 */
export async function openReplyStart(
  read: EventPageReader,
  lastEventId: number,
  options: ResumeOptions = {},
): Promise<number | undefined> {
  const pageSize = options.pageSize ?? 500;
  const maxPages = options.maxPages ?? 20;
  let upTo = lastEventId;
  for (let pages = 0; pages < maxPages && upTo > 0; pages++) {
    const after = Math.max(0, upTo - pageSize);
    const page = await read(after, upTo - after);
    const inWindow = page.events.filter((entry) => entry.id > after && entry.id <= upTo);
    for (let index = inWindow.length - 1; index >= 0; index--) {
      const entry = inWindow[index];
      if (entry?.event?.type === "message_end") return undefined;
      if (entry?.event?.type === "message_start") {
        const message = entry.event.message as { role?: unknown } | undefined;
        return message?.role === "assistant" ? entry.id : undefined;
      }
    }
    // Older events are no longer kept: the start is lost, the reply shows at its end.
    if (page.gap) return undefined;
    upTo = after;
  }
  return undefined;
}
