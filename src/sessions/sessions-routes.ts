import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { wireEventSchemaRef } from "../contract/wire-event-schema.js";
import { jsonBody as body, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { eventStreamQuery, StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import {
  AcceptedSchema,
  CreatedSessionSchema,
  PendingUiRequestSchema,
  SessionCommandSchema,
  SessionDetailSchema,
  type SessionFieldLimits,
  SessionIdParamsSchema,
  SessionListSchema,
  SessionParamsSchema,
  SessionSettingsSchema,
  SessionStatsSchema,
  SessionSummarySchema,
  sessionInputSchemas,
  UiAnswerSchema,
  UiRequestParamsSchema,
  UpdateSettingsSchema,
} from "./sessions-schemas.js";

const base = "/projects/{projectId}/sessions";
const one = `${base}/{sessionId}`;
const tags = ["Sessions"];

function route<R extends RouteConfig>(config: R): R {
  return createRoute({ ...config, tags });
}

/** Every session route, with request bodies bounded by `limits`. */
export function sessionRoutes(limits: SessionFieldLimits) {
  const {
    CreateSessionSchema,
    RenameSessionSchema,
    PromptSchema,
    QueueMessageSchema,
    CompactSchema,
  } = sessionInputSchemas(limits);

  const listSessionsRoute = route({
    method: "get",
    path: base,
    operationId: "sessions.list",
    summary: "List persisted and live sessions, newest first",
    request: { params: SessionParamsSchema },
    responses: {
      200: json(SessionListSchema, "The sessions."),
      ...problemResponses(400, 401, 404),
    },
  });

  const createSessionRoute = route({
    method: "post",
    path: base,
    operationId: "sessions.create",
    summary: "Create a session (optional model, thinking level and name)",
    description:
      "With no `provider`/`modelId`, the session gets the default model (pi's settings, else the org default, else the first model with credentials); `settings` in the answer says which. When no model has credentials the answer is 422 `NO_MODEL_AVAILABLE` (or `MODEL_NO_CREDENTIALS` when the default has none), whose `detail` names the route or environment variable that adds one.",
    request: { params: SessionParamsSchema, ...body(CreateSessionSchema) },
    responses: {
      201: json(CreatedSessionSchema, "The new session, with the model it runs with."),
      ...problemResponses(400, 401, 404, 415, 422),
    },
  });

  const getSessionRoute = route({
    method: "get",
    path: one,
    operationId: "sessions.get",
    summary: "A session's status, settings and persisted message history",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(SessionDetailSchema, "The session."),
      ...problemResponses(400, 401, 404),
    },
  });

  const renameSessionRoute = route({
    method: "patch",
    path: one,
    operationId: "sessions.rename",
    summary: "Rename a session",
    request: { params: SessionIdParamsSchema, ...body(RenameSessionSchema) },
    responses: {
      200: json(SessionSummarySchema, "The renamed session."),
      ...problemResponses(400, 401, 404, 415),
    },
  });

  const deleteSessionRoute = route({
    method: "delete",
    path: one,
    operationId: "sessions.delete",
    summary: "Delete a session: abort its run, close its streams, remove its transcript",
    request: { params: SessionIdParamsSchema },
    responses: { 204: { description: "The session is gone." }, ...problemResponses(400, 401, 404) },
  });

  const getSettingsRoute = route({
    method: "get",
    path: `${one}/settings`,
    operationId: "sessions.getSettings",
    summary: "Active model and thinking level",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(SessionSettingsSchema, "The settings."),
      ...problemResponses(400, 401, 404),
    },
  });

  const updateSettingsRoute = route({
    method: "patch",
    path: `${one}/settings`,
    operationId: "sessions.updateSettings",
    summary: "Switch model and/or thinking level while idle",
    description:
      "The thinking level is clamped to what the model supports; the effective settings are returned.",
    request: { params: SessionIdParamsSchema, ...body(UpdateSettingsSchema) },
    responses: {
      200: json(SessionSettingsSchema, "The effective settings."),
      ...problemResponses(400, 401, 404, 409, 415, 422),
    },
  });

  const promptRoute = route({
    method: "post",
    path: `${one}/prompt`,
    operationId: "sessions.prompt",
    summary: "Send a prompt; accepted once pi's preflight accepts it, the run streams on SSE",
    description:
      "422 `MODEL_NO_CREDENTIALS` (or `NO_MODEL_AVAILABLE`) when the session's model cannot run: `detail` names the route that stores a key, the environment variable pi reads and the models that have credentials. Other refusals are 422 `PROMPT_REJECTED`.",
    request: { params: SessionIdParamsSchema, ...body(PromptSchema) },
    responses: {
      202: json(AcceptedSchema, "Accepted."),
      ...problemResponses(400, 401, 404, 409, 415, 422),
    },
  });

  const steerRoute = route({
    method: "post",
    path: `${one}/steer`,
    operationId: "sessions.steer",
    summary: "Queue a steering message, delivered after the current turn's tool calls",
    request: { params: SessionIdParamsSchema, ...body(QueueMessageSchema) },
    responses: {
      202: json(AcceptedSchema, "Queued."),
      ...problemResponses(400, 401, 404, 415, 422),
    },
  });

  const followUpRoute = route({
    method: "post",
    path: `${one}/follow-up`,
    operationId: "sessions.followUp",
    summary: "Queue a follow-up message, delivered when the agent would stop",
    request: { params: SessionIdParamsSchema, ...body(QueueMessageSchema) },
    responses: {
      202: json(AcceptedSchema, "Queued."),
      ...problemResponses(400, 401, 404, 415, 422),
    },
  });

  const abortRoute = route({
    method: "post",
    path: `${one}/abort`,
    operationId: "sessions.abort",
    summary: "Abort the in-flight run (no-op when idle)",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(SessionSummarySchema.pick({ id: true, status: true }), "Aborted."),
      ...problemResponses(400, 401, 404),
    },
  });

  const compactRoute = route({
    method: "post",
    path: `${one}/compact`,
    operationId: "sessions.compact",
    summary: "Compact the context now",
    request: { params: SessionIdParamsSchema, ...body(CompactSchema) },
    responses: {
      200: json(
        z.object({ summary: z.string(), tokensBefore: z.number() }).openapi("SessionCompaction"),
        "Compacted.",
      ),
      ...problemResponses(400, 401, 404, 409, 415, 422),
    },
  });

  const statsRoute = route({
    method: "get",
    path: `${one}/stats`,
    operationId: "sessions.stats",
    summary: "Token usage, cost and context usage",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(SessionStatsSchema, "The statistics."),
      ...problemResponses(400, 401, 404),
    },
  });

  const commandsRoute = route({
    method: "get",
    path: `${one}/commands`,
    operationId: "sessions.commands",
    summary: "Slash commands available in prompts: extension commands, prompt templates, skills",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(
        z.object({ items: z.array(SessionCommandSchema) }).openapi("SessionCommandList"),
        "The commands.",
      ),
      ...problemResponses(400, 401, 404),
    },
  });

  const listUiRequestsRoute = route({
    method: "get",
    path: `${one}/extension-ui`,
    operationId: "sessions.listUiRequests",
    summary: "Pending extension UI requests (call after connecting to the stream)",
    request: { params: SessionIdParamsSchema },
    responses: {
      200: json(
        z
          .object({ items: z.array(PendingUiRequestSchema) })
          .openapi("PendingExtensionUiRequestList"),
        "Pending requests.",
      ),
      ...problemResponses(400, 401, 404),
    },
  });

  const answerUiRequestRoute = route({
    method: "post",
    path: `${one}/extension-ui/{requestId}/response`,
    operationId: "sessions.answerUiRequest",
    summary: "Answer a pending extension UI request",
    request: { params: UiRequestParamsSchema, ...body(UiAnswerSchema) },
    responses: { 204: { description: "Answered." }, ...problemResponses(400, 401, 404, 409, 415) },
  });

  const eventsRoute = route({
    method: "get",
    path: `${one}/events`,
    operationId: "sessions.events",
    summary: "Server-sent event stream of the session's WireEvents",
    description:
      "Each event is `id: <n>` + `data: <WireEvent JSON>`. Resume with `Last-Event-ID` (header) or `?lastEventId=`; a `replay_gap` event says when the missed events are no longer buffered. Comment lines (`: connected to …`, `: heartbeat`) carry no data.",
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

  const createStreamTicketRoute = route({
    method: "post",
    path: `${one}/events/tickets`,
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

  return {
    listSessionsRoute,
    createSessionRoute,
    getSessionRoute,
    renameSessionRoute,
    deleteSessionRoute,
    getSettingsRoute,
    updateSettingsRoute,
    promptRoute,
    steerRoute,
    followUpRoute,
    abortRoute,
    compactRoute,
    statsRoute,
    commandsRoute,
    listUiRequestsRoute,
    answerUiRequestRoute,
    eventsRoute,
    createStreamTicketRoute,
  };
}
