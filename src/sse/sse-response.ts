import { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ReplayGapEvent } from "../contract/server-events.js";
import { type EventHub, type StreamView, sseFrame } from "./event-hub.js";

export interface SseStreamOptions {
  hub: EventHub<{ type: string }>;
  /** Shown in the initial comment line (`: connected to <label>`). */
  label: string;
  lastEventId?: number | undefined;
  /** How the stream shows events. Default `compact`. */
  view?: StreamView | undefined;
  /** Interval of `: heartbeat` comments. Default 15 s. */
  heartbeatMs?: number;
  /** Frames a subscriber may have queued before it is cut off. Default 1024. */
  maxQueuedFrames?: number;
  /** Aborts the stream (client gone, server shutting down). */
  signal?: AbortSignal;
  /** Called once when the stream ends, whatever the reason. */
  onClose?: () => void;
  /**
   * The Node response the stream is served on, when it is: once the response's headers
   * are out (after every middleware had its say) and the body stream has drained,
   * frames are written straight to its socket instead of through the web stream.
   */
  outgoing?: ServerResponse | undefined;
}

const encoder = new TextEncoder();

/** Notice sent instead of a replay when the requested events are no longer buffered. */
export function replayGapEvent(
  lastEventId: number,
  oldestAvailable: number | undefined,
): ReplayGapEvent {
  return {
    type: "replay_gap",
    lastEventId,
    oldestAvailableId: oldestAvailable ?? null,
    message: "Events after lastEventId are no longer buffered; reload the session history.",
  };
}

/**
 * A `text/event-stream` response subscribed to `hub`: an initial comment, the replay
 * after `lastEventId`, then live frames and heartbeats. A reader that falls more than
 * `maxQueuedFrames` chunks behind is disconnected (it can resume with `Last-Event-ID`),
 * so a stalled client never grows server memory without bound.
 */
export function createSseResponse(options: SseStreamOptions): Response {
  const maxQueued = options.maxQueuedFrames ?? 1024;
  let cleanup: () => void = () => undefined;
  let direct: DirectWriter | undefined;
  let goDirect: () => void = () => undefined;

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true;
        let heartbeat: ReturnType<typeof setInterval> | undefined;
        let unsubscribe: () => void = () => undefined;
        const finish = () => {
          if (!open) return;
          open = false;
          if (heartbeat) clearInterval(heartbeat);
          unsubscribe();
          options.signal?.removeEventListener("abort", finish);
          try {
            controller.close();
          } catch {
            // Already closed by the consumer.
          }
          options.onClose?.();
        };
        cleanup = finish;
        const push = (chunk: string | Uint8Array): boolean => {
          if (!open) return false;
          const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
          if (direct) return direct.write(bytes);
          if ((controller.desiredSize ?? 0) <= -maxQueued) return false;
          controller.enqueue(bytes);
          return true;
        };
        goDirect = () => {
          const target = directSocket(options.outgoing);
          if (open && target) direct = directWriter(target.response, target.socket, maxQueued);
        };
        push(`retry: 2000\n: connected to ${options.label}\n\n`);
        const lastEventId = options.lastEventId;
        unsubscribe = options.hub.subscribe(
          { send: push, close: () => queueMicrotask(finish) },
          {
            lastEventId,
            view: options.view,
            onGap: (oldest) => {
              const notice = replayGapEvent(lastEventId ?? 0, oldest);
              // No id: one id names one event, and Last-Event-ID must keep naming a real one.
              push(sseFrame(undefined, JSON.stringify(notice)));
            },
          },
        );
        heartbeat = setInterval(() => {
          if (!push(": heartbeat\n\n")) finish();
        }, options.heartbeatMs ?? 15_000);
        heartbeat.unref?.();
        if (options.signal?.aborted) finish();
        else options.signal?.addEventListener("abort", finish, { once: true });
      },
      // The body's reader asks for more only once it wrote what it had: from then on
      // nothing is in flight, and frames may go straight to the response.
      pull() {
        if (!direct) goDirect();
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 0 },
  );

  return new Response(body, { status: 200, headers: sseHeaders });
}

const sseHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/**
 * The answer to `HEAD` on a stream: its headers, no body, and nothing subscribed (a
 * stream's body would never be read, so it would hold a subscriber until cut off).
 */
export function sseHeadResponse(): Response {
  return new Response(null, { status: 200, headers: sseHeaders });
}

interface DirectWriter {
  /** Writes `bytes`; false when the response is gone or `maxQueued` chunks wait behind a full socket. */
  write(bytes: Uint8Array): boolean;
}

const crlf = Buffer.from("\r\n", "latin1");

/**
 * The socket an HTTP/1 response's body may be written to directly, once its headers are
 * set. It is asked only when the body's reader wants more (`pull`), and Node's adapter
 * writes the headers together with the chunks it read before: so the headers and all
 * that went before are on the socket by then. Undefined without a socket (a response
 * waiting behind a pipelined one) and for anything else (an HTTP/2 response, say).
 */
function directSocket(
  outgoing: ServerResponse | undefined,
): { response: ServerResponse; socket: Socket } | undefined {
  if (!(outgoing instanceof ServerResponse) || !outgoing.headersSent) return undefined;
  const socket = outgoing.socket;
  return socket?.writable ? { response: outgoing, socket } : undefined;
}

/**
 * Writes chunks straight to the socket of a Node response (see {@link directSocket}),
 * counting those that wait for it to drain. They go in the framing the response's
 * headers announced (chunked transfer coding, unless the client speaks HTTP/1.0), each
 * in one write: the response's own `write` would cork the socket and send on the next
 * tick, a cost paid per subscriber. The response still ends the stream (`end()` writes
 * the last chunk).
 */
function directWriter(outgoing: ServerResponse, socket: Socket, maxQueued: number): DirectWriter {
  const chunked = outgoing.chunkedEncoding;
  let waiting = 0;
  return {
    write(bytes) {
      if (outgoing.destroyed || outgoing.writableEnded || socket.destroyed) return false;
      // No drain listener: the socket outlives the response on a kept-alive connection.
      if (!socket.writableNeedDrain) waiting = 0;
      else if (++waiting > maxQueued) return false;
      if (!chunked) {
        socket.write(bytes);
        return true;
      }
      socket.cork();
      socket.write(`${bytes.byteLength.toString(16)}\r\n`, "latin1");
      socket.write(bytes);
      socket.write(crlf);
      socket.uncork();
      return true;
    },
  };
}

/** Parses a `Last-Event-ID` value; anything but a non-negative integer is ignored. */
export function parseLastEventId(value: string | undefined | null): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
