import type { ServerResponse } from "node:http";
import type { Context } from "hono";
import { AppError } from "../errors/index.js";
import type { EventHub, StreamView } from "../sse/event-hub.js";
import { createSseResponse, parseLastEventId, sseHeadResponse } from "../sse/sse-response.js";
import type { StreamCounter } from "../sse/stream-counter.js";
import { defaultEventPageSize, maxEventPageSize } from "./event-stream-schemas.js";
import { problemFor, problemResponse } from "./problem.js";

/** Seconds a client refused for the stream limit is told to wait (`Retry-After`). */
const streamRetryAfterSeconds = 5;

/** SSE tuning shared by every event stream route. */
export interface EventStreamSettings {
  /** Interval of `: heartbeat` comments. Default 15 s. */
  heartbeatMs?: number | undefined;
  /** Frames a reader may have queued before it is cut off. Default 1024. */
  maxQueuedFrames?: number | undefined;
}

/** Where an event stream route reads from and how it is counted. */
export interface EventStreamSource<E extends { type: string }> {
  hub: EventHub<E>;
  /** Shown in the stream's first comment (`: connected to <label>`). */
  label: string;
  /** Channel the open stream is counted on in `/v1/healthz`, e.g. `sessions`. */
  channel: string;
  /** Called once the response no longer reads the hub (a follower's lease). Default: none. */
  release?: (() => void) | undefined;
  /** The API token the stream counts against (its per-token bound). Default: none, only the total bounds it. */
  tokenId?: string | undefined;
}

/**
 * The one way a route answers with its events. As a stream (the default, `Accept:
 * text/event-stream`): resumes after `Last-Event-ID` (the header, else `?lastEventId=`),
 * counts the stream while it is open, ends it when the client goes away, and applies
 * the shared heartbeat and back-pressure settings. With `Accept: application/json`
 * (and not `text/event-stream`): one page of the events after `?after=`. `HEAD` gets
 * the stream's headers and subscribes to nothing. A stream beyond the counter's bounds
 * (in total, or for `source.tokenId`) is refused with 503 `STREAM_LIMIT_REACHED` and
 * `Retry-After`; pages are not bounded.
 *
 * @example
 * app.openapi(eventsRoute, async (c) =>
 *   eventStreamResponse(c, { hub, label: id, channel: "sessions" }, counter, settings),
 * );
 */
export async function eventStreamResponse<E extends { type: string }>(
  c: Context,
  source: EventStreamSource<E>,
  counter: StreamCounter,
  settings: EventStreamSettings = {},
): Promise<Response> {
  const view = c.req.query("view") === "full" ? "full" : ("compact" satisfies StreamView);
  const json = wantsJson(c.req.header("accept"));
  if (c.req.method === "HEAD" && !json) {
    source.release?.();
    return sseHeadResponse();
  }
  if (json) {
    try {
      return await eventPage(c, source.hub, view);
    } finally {
      source.release?.();
    }
  }
  const lastEventId =
    parseLastEventId(c.req.header("last-event-id")) ?? parseLastEventId(c.req.query("lastEventId"));
  const slot = counter.open(source.channel, source.tokenId);
  if (slot.refused) {
    source.release?.();
    const held =
      slot.refused === "server"
        ? `This server holds ${counter.max} event streams already (SSE_MAX_STREAMS)`
        : `This API token holds ${counter.maxPerToken} event streams already (SSE_MAX_STREAMS_PER_TOKEN)`;
    return problemResponse(
      problemFor(
        "STREAM_LIMIT_REACHED",
        `${held}; close one or retry later, or read pages with Accept: application/json`,
      ),
      { "retry-after": String(streamRetryAfterSeconds) },
    );
  }
  return createSseResponse({
    hub: source.hub,
    label: source.label,
    lastEventId,
    view,
    signal: c.req.raw.signal,
    outgoing: (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing,
    onClose: () => {
      slot.close();
      source.release?.();
    },
    ...(settings.heartbeatMs === undefined ? {} : { heartbeatMs: settings.heartbeatMs }),
    ...(settings.maxQueuedFrames === undefined
      ? {}
      : { maxQueuedFrames: settings.maxQueuedFrames }),
  });
}

function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return /application\/json/i.test(accept) && !/text\/event-stream/i.test(accept);
}

async function eventPage<E extends { type: string }>(
  c: Context,
  hub: EventHub<E>,
  view: StreamView,
): Promise<Response> {
  const after = Number(c.req.query("after") ?? 0);
  const limit = Number(c.req.query("limit") ?? defaultEventPageSize);
  if (limit > maxEventPageSize) {
    throw new AppError("VALIDATION_FAILED", `query.limit: must be at most ${maxEventPageSize}`, {
      fields: [{ path: "query.limit", message: `must be at most ${maxEventPageSize}` }],
    });
  }
  const page = await hub.page(after, limit, view);
  const next = page.complete ? Math.max(after, page.lastId) : (page.events.at(-1)?.id ?? after);
  const events = page.events.map((event) => `{"id":${event.id},"event":${event.data}}`);
  const body = `{"events":[${events.join(",")}],"next":${next},"lastEventId":${page.lastId},"hasMore":${next < page.lastId},"gap":${page.gap}}`;
  return c.body(body, 200, { "content-type": "application/json; charset=utf-8" });
}
