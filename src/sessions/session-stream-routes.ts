import { sessionEventSchema } from "../contract/wire-event-schema.js";
import {
  eventPageSchema,
  eventStreamQuery,
  streamLimitsNote,
} from "../http/event-stream-schemas.js";
import { jsonBody as body, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import { sessionPath, sessionRoute } from "./session-route.js";
import {
  PendingUiRequestListSchema,
  SessionIdParamsSchema,
  UiAnswerSchema,
  UiRequestParamsSchema,
} from "./sessions-schemas.js";

/** The JSON page of `sessions.events`. */
export const SessionEventPageSchema = eventPageSchema("SessionEventPage", sessionEventSchema);

/** `GET …/events` (`sessions.events`): the session's events, streamed or a page at a time. */
export const eventsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/events`,
  operationId: "sessions.events",
  summary: "The session's events: a server-sent event stream, or a page of them as JSON",
  description:
    "As a stream (`Accept: text/event-stream`, the default): each event is `id: <n>` + `data: <event JSON>`. Resume with `Last-Event-ID` (header) or `?lastEventId=`, also after a server restart: events are kept in a durable log. A `replay_gap` event (sent without an `id:`, so `Last-Event-ID` keeps naming the last real event) says when the missed events are no longer kept. Comment lines (`: connected to …`, `: heartbeat`) carry no data.\n\nViews: `compact` (default) sends `CompactWireEvent`s, where `message_update` carries only the delta and `turn_end` leaves out the message `message_end` already sent, so a reply costs bytes in proportion to its length; `MessageAccumulator` in the client rebuilds pi's partial message from them. `?view=full` sends pi's own events (`WireEvent`).\n\nWith `Accept: application/json`: one page of the events after `?after=` (default 0) as JSON, and the cursor of the next, for clients that cannot hold a stream open." +
    ` ${streamLimitsNote}`,
  request: {
    params: SessionIdParamsSchema,
    query: eventStreamQuery("sessions.createStreamTicket", { views: true }),
  },
  responses: {
    200: {
      description:
        "The event stream (the schema describes the JSON in each event's `data:` line), or with `Accept: application/json` a page of events.",
      content: {
        "text/event-stream": { schema: sessionEventSchema },
        "application/json": { schema: SessionEventPageSchema },
      },
    },
    ...problemResponses(400, 401, 404, 503),
  },
});

/** `POST …/events/tickets` (`sessions.createStreamTicket`). */
export const createStreamTicketRoute = sessionRoute({
  method: "post",
  "x-required-role": "viewer",
  path: `${sessionPath}/events/tickets`,
  operationId: "sessions.createStreamTicket",
  summary: "Issue a short-lived ticket that opens this session's event stream",
  description:
    "For browsers using native `EventSource`, which cannot send headers: open the returned `url` (the events route with `?ticket=`) instead of putting the API token in a URL. The ticket opens only this session's stream, any number of times, until `expiresAt`.",
  request: { params: SessionIdParamsSchema },
  responses: {
    201: json(StreamTicketSchema, "The ticket and the stream URL that uses it."),
    ...problemResponses(400, 401, 404),
  },
});

/** `GET …/extension-ui` (`sessions.listUiRequests`). */
export const listUiRequestsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/extension-ui`,
  operationId: "sessions.listUiRequests",
  summary: "Pending extension UI requests (call after connecting to the stream)",
  description:
    "Blocking extension UI calls (`select`, `confirm`, `input`, `editor`) that wait for an answer. A request raised before a client connected is announced only once on the stream, so call this after connecting to catch up.",
  request: { params: SessionIdParamsSchema },
  responses: {
    200: json(PendingUiRequestListSchema, "Pending requests."),
    ...problemResponses(400, 401, 404),
  },
});

/** `POST …/extension-ui/{requestId}/response` (`sessions.answerUiRequest`). */
export const answerUiRequestRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  path: `${sessionPath}/extension-ui/{requestId}/response`,
  operationId: "sessions.answerUiRequest",
  summary: "Answer a pending extension UI request",
  description:
    "The body's shape follows the request's method: `{ value }` for select, input and editor, `{ confirmed }` for confirm, `{ cancelled: true }` for any. A wrong shape is 400, an unknown id 404, an answer to a request already resolved 409 `UI_REQUEST_ALREADY_RESOLVED`.",
  request: { params: UiRequestParamsSchema, ...body(UiAnswerSchema, { confirmed: true }) },
  responses: { 204: { description: "Answered." }, ...problemResponses(400, 401, 404, 409) },
});
