import { wireEventSchemaRef } from "../contract/wire-event-schema.js";
import { jsonBody as body, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { eventStreamQuery, StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import { sessionPath, sessionRoute } from "./session-route.js";
import {
  PendingUiRequestListSchema,
  SessionIdParamsSchema,
  UiAnswerSchema,
  UiRequestParamsSchema,
} from "./sessions-schemas.js";

/** `GET …/events` (`sessions.events`): the session's WireEvents as server-sent events. */
export const eventsRoute = sessionRoute({
  method: "get",
  path: `${sessionPath}/events`,
  operationId: "sessions.events",
  summary: "Server-sent event stream of the session's WireEvents",
  description:
    "Each event is `id: <n>` + `data: <WireEvent JSON>`. Resume with `Last-Event-ID` (header) or `?lastEventId=`; a `replay_gap` event (sent without an `id:`, so `Last-Event-ID` keeps naming the last real event) says when the missed events are no longer buffered. Comment lines (`: connected to …`, `: heartbeat`) carry no data.",
  request: {
    params: SessionIdParamsSchema,
    query: eventStreamQuery("sessions.createStreamTicket"),
  },
  responses: {
    200: {
      description:
        "The event stream. The schema describes the JSON in each event's `data:` line (a `WireEvent`).",
      content: { "text/event-stream": { schema: wireEventSchemaRef } },
    },
    ...problemResponses(400, 401, 404),
  },
});

/** `POST …/events/tickets` (`sessions.createStreamTicket`). */
export const createStreamTicketRoute = sessionRoute({
  method: "post",
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
  path: `${sessionPath}/extension-ui/{requestId}/response`,
  operationId: "sessions.answerUiRequest",
  summary: "Answer a pending extension UI request",
  description:
    "The body's shape follows the request's method: `{ value }` for select, input and editor, `{ confirmed }` for confirm, `{ cancelled: true }` for any. A wrong shape is 400, an unknown id 404, an answer to a request already resolved 409 `UI_REQUEST_ALREADY_RESOLVED`.",
  request: { params: UiRequestParamsSchema, ...body(UiAnswerSchema, { confirmed: true }) },
  responses: { 204: { description: "Answered." }, ...problemResponses(400, 401, 404, 409) },
});
