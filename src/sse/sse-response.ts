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
 * `maxQueuedFrames` behind is disconnected (it can resume with `Last-Event-ID`), so a
 * stalled client never grows server memory without bound.
 */
export function createSseResponse(options: SseStreamOptions): Response {
  const maxQueued = options.maxQueuedFrames ?? 1024;
  let cleanup: () => void = () => undefined;

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
          if ((controller.desiredSize ?? 0) <= -maxQueued) return false;
          controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
          return true;
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
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 0 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

/** Parses a `Last-Event-ID` value; anything but a non-negative integer is ignored. */
export function parseLastEventId(value: string | undefined | null): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
