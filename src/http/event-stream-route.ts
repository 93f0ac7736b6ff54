import type { Context } from "hono";
import type { EventHub } from "../sse/event-hub.js";
import { createSseResponse, parseLastEventId } from "../sse/sse-response.js";
import type { StreamCounter } from "../sse/stream-counter.js";

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
}

/**
 * The one way a route answers with an event stream: resumes after `Last-Event-ID`
 * (the header, else `?lastEventId=`), counts the stream while it is open, ends it when
 * the client goes away, and applies the shared heartbeat and back-pressure settings.
 *
 * @example
 * app.openapi(eventsRoute, async (c) =>
 *   eventStreamResponse(c, { hub, label: id, channel: "sessions" }, counter, settings),
 * );
 */
export function eventStreamResponse<E extends { type: string }>(
  c: Context,
  source: EventStreamSource<E>,
  counter: StreamCounter,
  settings: EventStreamSettings = {},
): Response {
  const lastEventId =
    parseLastEventId(c.req.header("last-event-id")) ?? parseLastEventId(c.req.query("lastEventId"));
  return createSseResponse({
    hub: source.hub,
    label: source.label,
    lastEventId,
    signal: c.req.raw.signal,
    onClose: counter.open(source.channel),
    ...(settings.heartbeatMs === undefined ? {} : { heartbeatMs: settings.heartbeatMs }),
    ...(settings.maxQueuedFrames === undefined
      ? {}
      : { maxQueuedFrames: settings.maxQueuedFrames }),
  });
}
