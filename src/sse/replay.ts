import type { LoggedEvent } from "../storage/index.js";

/** Turns events of a stream into their full view; fed every event from a prime on. */
export interface ViewExpander<E> {
  expand(event: E): unknown;
  /** Whether `event` needs earlier events this expander has not seen. */
  lacksContext(event: E): boolean;
}

/** How a hub shows its events to `full` streams. */
export interface FullView<E> {
  expander(): ViewExpander<E>;
  /** Event types an expander can start from, needing nothing before them (e.g. `turn_start`). */
  primeTypes: ReadonlySet<string>;
}

/** One SSE frame; a frame without `id` leaves the client's last event id as it was. */
export function sseFrame(id: number | undefined, data: string): string {
  return id === undefined ? `data: ${data}\n\n` : `id: ${id}\ndata: ${data}\n\n`;
}

const encoder = new TextEncoder();
/** Replayed frames are sent in chunks of about this size. */
const chunkBytes = 64 * 1024;

type Read = (
  afterId: number,
  limit: number,
) => Promise<{ events: LoggedEvent[]; oldestId: number | undefined }>;

export interface ReplayRequest<E> {
  read: Read;
  /** Ids of prime events the hub saw published, oldest first. */
  primes: readonly number[];
  /** Finds the newest prime event at or below an id without reading the log. Default: a scan. */
  findPrime?: ((atOrBelow: number) => Promise<number | undefined>) | undefined;
  /** Expands events for a `full` view; undefined for `compact`. */
  fullView: FullView<E> | undefined;
  lastEventId: number;
  /** The newest id to replay; later ones arrive live. */
  upTo: number;
  /** Takes one replayed event's JSON; returns false to stop the replay. */
  emit(id: number, data: string): boolean;
}

/** How a replay ended: all sent, stopped by `emit`, or cut short by events no longer kept. */
export type ReplayEnd =
  | { end: "done" }
  | { end: "stopped" }
  | { end: "gap"; oldest: number | undefined };

const pageSize = 1000;

/** The id after which a full view's replay must start reading, to have its context. */
async function primedStart<E>(request: ReplayRequest<E>, types: ReadonlySet<string>) {
  const { primes, lastEventId } = request;
  if (primes.length > 0 && (primes[0] as number) <= lastEventId) {
    let prime = primes[0] as number;
    for (const id of primes) if (id <= lastEventId) prime = id;
    return prime - 1;
  }
  if (request.findPrime) {
    const prime = await request.findPrime(lastEventId);
    return prime === undefined ? lastEventId : prime - 1;
  }
  let found: number | undefined;
  let after = 0;
  for (;;) {
    const page = await request.read(after, pageSize);
    if (page.events.length === 0) break;
    for (const event of page.events) {
      if (event.id > lastEventId) return found === undefined ? lastEventId : found - 1;
      if (types.has(event.type)) found = event.id;
      after = event.id;
    }
  }
  return found === undefined ? lastEventId : found - 1;
}

/**
 * Hands `emit` the events after `lastEventId` up to `upTo`, read page by page; a
 * `full` replay starts reading at the last prime before them, so its expander has the
 * context. Stops at the first event no longer kept.
 */
export async function replayEvents<E>(request: ReplayRequest<E>): Promise<ReplayEnd> {
  const { lastEventId, upTo, fullView } = request;
  const expander = fullView?.expander();
  let after = fullView ? await primedStart(request, fullView.primeTypes) : lastEventId;
  while (after < upTo) {
    const page = await request.read(after, pageSize);
    if (page.oldestId !== undefined && page.oldestId > lastEventId + 1 && after < lastEventId + 1) {
      return { end: "gap", oldest: page.oldestId };
    }
    if (page.events.length === 0) break;
    for (const stored of page.events) {
      if (stored.id > upTo) return { end: "done" };
      after = stored.id;
      let data = stored.data;
      if (expander) {
        const event = JSON.parse(stored.data) as E;
        if (expander.lacksContext(event)) {
          if (stored.id <= lastEventId) continue;
          return { end: "gap", oldest: stored.id };
        }
        const expanded = expander.expand(event);
        if (stored.id <= lastEventId) continue;
        data = JSON.stringify(expanded);
      } else if (stored.id <= lastEventId) continue;
      if (!request.emit(stored.id, data)) return { end: "stopped" };
    }
  }
  return { end: "done" };
}

/** A page of events as a view shows them, for clients that read without a stream. */
export interface EventPage {
  events: { id: number; data: string }[];
  /** The newest id when the page was read. */
  lastId: number;
  /** Events after the requested id are no longer kept: the page starts at the oldest kept. */
  gap: boolean;
  /** Whether the page holds every event up to `lastId`. */
  complete: boolean;
}

/** At most `limit` events after `afterId` (up to `request.upTo`), skipping over a gap to the oldest kept. */
export async function replayPage<E>(
  request: Omit<ReplayRequest<E>, "lastEventId" | "emit">,
  afterId: number,
  limit: number,
): Promise<EventPage> {
  const lastId = request.upTo;
  const events: { id: number; data: string }[] = [];
  const paged = {
    ...request,
    emit: (id: number, data: string) => events.push({ id, data }) < limit,
  };
  const first = await replayEvents({ ...paged, lastEventId: afterId });
  if (first.end !== "gap") return { events, lastId, gap: false, complete: first.end === "done" };
  const from = (first.oldest ?? lastId + 1) - 1;
  const rest = await replayEvents({ ...paged, lastEventId: Math.max(from, afterId) });
  return { events, lastId, gap: true, complete: rest.end === "done" };
}

/** Collects replayed frames into chunks of about {@link chunkBytes}, so a long replay is a few writes. */
export class FrameChunker {
  #text = "";
  readonly #send: (chunk: Uint8Array) => boolean;
  #refused = false;

  constructor(send: (chunk: Uint8Array) => boolean) {
    this.#send = send;
  }

  /** Whether a chunk was refused (the subscriber is overloaded). */
  get refused(): boolean {
    return this.#refused;
  }

  /** Adds the frame of event `id`; false once a chunk was refused. */
  add(id: number, data: string): boolean {
    this.#text += sseFrame(id, data);
    return this.#text.length < chunkBytes || this.flush();
  }

  /** Sends what was collected; false once a chunk was refused. */
  flush(): boolean {
    if (this.#text === "" || this.#refused) return !this.#refused;
    const chunk = encoder.encode(this.#text);
    this.#text = "";
    this.#refused = !this.#send(chunk);
    return !this.#refused;
  }
}
