/** Where a stream is and how it is going. */
export type StreamState = "connecting" | "open" | "reconnecting";

export interface LiveStreamOptions<E> {
  /**
   * The stream's URL (a path on this origin), fetched anew for every (re)open: with a
   * token it is a fresh ticket URL, since a ticket expires and `EventSource` cannot send
   * headers.
   */
  url(): Promise<string>;
  /** Resume after this event id instead of from now. */
  after?: number | undefined;
  /** Each event once, in order: ids never repeat or go backwards across reconnects. */
  onEvent(event: E, id: number | undefined): void;
  onState?(state: StreamState): void;
}

export interface LiveStream {
  close(): void;
}

/**
 * Reads an SSE stream with the browser's `EventSource`, resuming from the last event id
 * whenever the connection drops: the browser retries by itself with `Last-Event-ID`; when
 * it gives up (the server was down, or the ticket expired) a fresh URL is fetched and
 * the stream reopened at `?lastEventId=`. Events at or below the last id seen are
 * dropped, so a replay never shows an event twice.
 */
export function openLiveStream<E>(options: LiveStreamOptions<E>): LiveStream {
  let lastId = options.after;
  let source: EventSource | undefined;
  let closed = false;
  let retryDelay = 250;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const reopen = () => {
    if (closed) return;
    options.onState?.("reconnecting");
    timer = setTimeout(() => void open(), retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5_000);
  };

  const open = async () => {
    let url: URL;
    try {
      url = new URL(await options.url(), location.origin);
    } catch {
      reopen();
      return;
    }
    if (closed) return;
    if (lastId !== undefined) url.searchParams.set("lastEventId", String(lastId));
    const events = new EventSource(url);
    source = events;
    events.onopen = () => {
      retryDelay = 250;
      options.onState?.("open");
    };
    events.onmessage = (message) => {
      const id = message.lastEventId === "" ? undefined : Number(message.lastEventId);
      // `replay_gap` and other id-less events carry the previous id along; keep them.
      const fresh = message.lastEventId === "" || lastId === undefined || (id ?? 0) > lastId;
      if (!fresh) return;
      const event = JSON.parse(message.data) as E & { type?: string };
      if (id !== undefined && event.type !== "replay_gap") lastId = id;
      options.onEvent(event, id);
    };
    events.onerror = () => {
      if (source !== events) return;
      if (events.readyState === EventSource.CLOSED) {
        events.close();
        reopen();
      } else {
        options.onState?.("reconnecting");
      }
    };
  };

  options.onState?.("connecting");
  void open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}
