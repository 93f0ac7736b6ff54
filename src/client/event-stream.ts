import { createParser } from "eventsource-parser";
import type { CompactWireEvent, TaskStreamEvent } from "../contract/wire-event.generated.js";

/** One event of the stream with its SSE id (the per-session sequence number). */
export interface StreamedEvent<E> {
  id: number | undefined;
  event: E;
}

type HeaderSource =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** How to reach and keep reading an event stream. */
export interface EventStreamOptions {
  /** Server origin as given to openapi-fetch, e.g. `http://127.0.0.1:4001`. */
  baseUrl: string;
  /** Where the routers are mounted. Default `/v1`. */
  apiPrefix?: string;
  /**
   * Sent on every (re)connection, e.g. `{ authorization: "Bearer …" }`; a function is
   * called before each connection so a token can be refreshed. Default: none.
   */
  headers?: HeaderSource;
  /** A stream ticket (`sessions.createStreamTicket` / `tasks.createStreamTicket`) to send instead of an `Authorization` header. */
  ticket?: string;
  /** Resume after this event id (events up to it are not sent again). Default: live only. */
  lastEventId?: number;
  /** Ends the iteration (without an error) when aborted. */
  signal?: AbortSignal;
  /**
   * First reconnection delay, unless the server sent `retry:`; a refusal's `Retry-After`
   * (e.g. 503 `STREAM_LIMIT_REACHED`) is waited out in full. Default 1000 ms.
   */
  initialDelayMs?: number;
  /** Cap of the exponential backoff. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Consecutive failed connections before giving up (the last error is thrown). Default: never. */
  maxRetries?: number;
  /** Called before each reconnection wait. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

export interface SessionEventStreamOptions extends EventStreamOptions {
  projectId: string;
  sessionId: string;
  /**
   * `compact` (default): `message_update` carries the delta (`CompactWireEvent`; rebuild
   * the message with `MessageAccumulator`); `full`: pi's own events (`WireEvent`).
   */
  view?: "compact" | "full";
}

/** The stream was refused for good (e.g. 401, 404): reconnecting cannot help. */
export class EventStreamError extends Error {
  readonly status: number;
  /** The problem document the server sent, when it sent one. */
  readonly problem: unknown;

  constructor(status: number, problem: unknown) {
    const detail = (problem as { detail?: unknown } | undefined)?.detail;
    super(`event stream refused with ${status}${typeof detail === "string" ? `: ${detail}` : ""}`);
    this.name = "EventStreamError";
    this.status = status;
    this.problem = problem;
  }
}

const permanentStatuses = new Set([400, 401, 403, 404, 405, 410, 422]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

async function readProblem(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

const isEvent = (value: unknown): value is { type: string } =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { type?: unknown }).type === "string";

/**
 * Reads a session's SSE stream as an async iterable of typed events, with `fetch` and
 * `ReadableStream` only, so it runs in Node ≥ 20 and in browsers (and, unlike native
 * `EventSource`, can send an `Authorization` header). Lines that are not JSON events
 * (the `connected` comment, heartbeats) are skipped. When the connection drops or the
 * server ends the stream, it reconnects with `Last-Event-ID` after an exponential
 * backoff, so no event is lost or repeated while the server still buffers it (otherwise
 * a `replay_gap` event arrives: reload the history). A 4xx answer such as 401 or 404
 * ends the iteration with an `EventStreamError`. Breaking out of the loop or aborting
 * `signal` closes the connection.
 *
 * `E` defaults to the package's `CompactWireEvent` (pass `WireEvent` with `view: "full"`);
 * a client generated from `openapi.json` passes its own components.
 *
 * @example
 * const acc = new MessageAccumulator();
 * for await (const { event } of streamSessionEvents({ baseUrl, projectId, sessionId })) {
 *   const message = acc.push(event);
 *   if (message) render(message);
 * }
 */
export function streamSessionEvents<E extends { type: string } = CompactWireEvent>(
  options: SessionEventStreamOptions,
): AsyncGenerator<StreamedEvent<E>, void, undefined> {
  const session = `${encodeURIComponent(options.projectId)}/sessions/${encodeURIComponent(options.sessionId)}`;
  const view = options.view === "full" ? "?view=full" : "";
  return streamEvents<E>(`/projects/${session}/events${view}`, options);
}

/**
 * Reads the org-wide task stream (`task_status`, `task_deleted`, `replay_gap`) like
 * `streamSessionEvents` reads a session's: typed, resumable, reconnecting with backoff.
 *
 * @example
 * for await (const { event } of streamTaskEvents({ baseUrl, headers })) {
 *   if (event.type === "task_status") refresh(event.taskId, event.status);
 * }
 */
export function streamTaskEvents<E extends { type: string } = TaskStreamEvent>(
  options: EventStreamOptions,
): AsyncGenerator<StreamedEvent<E>, void, undefined> {
  return streamEvents<E>("/tasks/events", options);
}

async function* streamEvents<E extends { type: string }>(
  route: string,
  options: EventStreamOptions,
): AsyncGenerator<StreamedEvent<E>, void, undefined> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const path = `${options.apiPrefix ?? "/v1"}${route}`;
  const query =
    options.ticket === undefined
      ? ""
      : `${route.includes("?") ? "&" : "?"}ticket=${encodeURIComponent(options.ticket)}`;
  const url = `${options.baseUrl.replace(/\/+$/, "")}${path}${query}`;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxRetries = options.maxRetries ?? Number.POSITIVE_INFINITY;
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (options.signal?.aborted) return;
  options.signal?.addEventListener("abort", stop, { once: true });

  let lastEventId = options.lastEventId;
  let baseDelay = options.initialDelayMs ?? 1000;
  let failures = 0;
  try {
    while (!controller.signal.aborted) {
      let error: unknown;
      let retryAfterMs = 0;
      try {
        const extra =
          typeof options.headers === "function" ? await options.headers() : options.headers;
        const headers: Record<string, string> = { ...extra, accept: "text/event-stream" };
        if (lastEventId !== undefined) headers["last-event-id"] = String(lastEventId);
        const response = await fetchImpl(url, { headers, signal: controller.signal });
        if (permanentStatuses.has(response.status)) {
          throw new EventStreamError(response.status, await readProblem(response));
        }
        if (!response.ok || !response.body) {
          retryAfterMs = retryAfterToMs(response.headers.get("retry-after"));
          await response.body?.cancel();
          throw new Error(`event stream answered ${response.status}`);
        }
        const queue: StreamedEvent<E>[] = [];
        const parser = createParser({
          onRetry: (ms) => {
            baseDelay = ms;
          },
          onEvent: (message) => {
            const id = message.id === undefined ? undefined : Number(message.id);
            if (id !== undefined && Number.isSafeInteger(id)) lastEventId = id;
            let data: unknown;
            try {
              data = JSON.parse(message.data);
            } catch {
              return;
            }
            if (isEvent(data)) queue.push({ id, event: data as unknown as E });
          },
        });
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parser.feed(decoder.decode(value, { stream: true }));
            if (queue.length > 0) failures = 0;
            for (const item of queue.splice(0)) yield item;
          }
        } finally {
          reader.cancel().catch(() => undefined);
        }
        error = new Error("event stream ended");
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (caught instanceof EventStreamError) throw caught;
        error = caught;
      }
      failures += 1;
      if (failures > maxRetries) throw error;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** (failures - 1));
      // A server that said when to come back (`Retry-After`) is not asked sooner.
      const delayMs = Math.max(Math.round(backoff * (0.8 + Math.random() * 0.4)), retryAfterMs);
      options.onRetry?.({ attempt: failures, delayMs, error });
      await sleep(delayMs, controller.signal);
    }
  } finally {
    options.signal?.removeEventListener("abort", stop);
    controller.abort();
  }
}

/** A `Retry-After` header (seconds, or an HTTP date) as milliseconds from now; 0 when absent or invalid. */
function retryAfterToMs(value: string | null): number {
  if (value === null || value.trim() === "") return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}
