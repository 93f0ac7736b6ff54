import { type RouteConfig, z } from "@hono/zod-openapi";
import { wireEventSchemaRef } from "../contract/wire-event-schema.js";
import { jsonBody as body, defineRoute, jsonResponse as json } from "../http/openapi-helpers.js";
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
  return defineRoute({ ...config, tags });
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
    description:
      "Sessions with a transcript under `.pi-global/sessions/{projectId}/` plus sessions created but not yet written, newest first. `live` says whether the session is held in memory; a session that is not is always `idle`.",
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
      "Starts a live session in the project directory with the project's AGENTS.md, skills and extensions. `provider` and `modelId` go together (an unknown model is 404 `MODEL_NOT_FOUND`). With neither, the session gets the default model (pi's settings, else the org default, else the first model with credentials); `settings` in the answer says which. When no model has credentials the answer is 422 `NO_MODEL_AVAILABLE` (or `MODEL_NO_CREDENTIALS` when the default has none), whose `detail` names the route or environment variable that adds one. The `Location` header names the new session.",
    request: {
      params: SessionParamsSchema,
      ...body(CreateSessionSchema, {
        provider: "anthropic",
        modelId: "claude-sonnet-4-5",
        thinkingLevel: "medium",
        name: "Landing page",
      }),
    },
    responses: {
      201: json(CreatedSessionSchema, "The new session, with the model it runs with."),
      ...problemResponses(400, 401, 404, 422),
    },
  });

  const getSessionRoute = route({
    method: "get",
    path: one,
    operationId: "sessions.get",
    summary: "A session's status, settings and persisted message history",
    description:
      "Opens the session if it is not held in memory (an unknown id is 404). `messages` is the whole transcript as pi's `AgentMessage` objects (user, assistant, tool results and the server-side kinds such as compaction summaries); reload it after a `replay_gap` on the event stream.",
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
    description:
      "Sets the display name kept in the transcript; an empty or whitespace-only name is 400.",
    request: {
      params: SessionIdParamsSchema,
      ...body(RenameSessionSchema, { name: "Landing page redesign" }),
    },
    responses: {
      200: json(SessionSummarySchema, "The renamed session."),
      ...problemResponses(400, 401, 404),
    },
  });

  const deleteSessionRoute = route({
    method: "delete",
    path: one,
    operationId: "sessions.delete",
    summary: "Delete a session: abort its run, close its streams, remove its transcript",
    description:
      "Aborts any run, cancels pending extension UI requests, closes every event stream of the session and deletes its transcript file. Cannot be undone.",
    request: { params: SessionIdParamsSchema },
    responses: { 204: { description: "The session is gone." }, ...problemResponses(400, 401, 404) },
  });

  const getSettingsRoute = route({
    method: "get",
    path: `${one}/settings`,
    operationId: "sessions.getSettings",
    summary: "Active model and thinking level",
    description:
      "`thinkingLevel` is the effective level; `availableThinkingLevels` lists what the active model supports. `provider` and `modelId` are null when no model is selected.",
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
    request: {
      params: SessionIdParamsSchema,
      ...body(UpdateSettingsSchema, {
        provider: "anthropic",
        modelId: "claude-sonnet-4-5",
        thinkingLevel: "high",
      }),
    },
    responses: {
      200: json(SessionSettingsSchema, "The effective settings."),
      ...problemResponses(400, 401, 404, 409, 422),
    },
  });

  const promptRoute = route({
    method: "post",
    path: `${one}/prompt`,
    operationId: "sessions.prompt",
    summary: "Send a prompt; accepted once pi's preflight accepts it, the run streams on SSE",
    description:
      "Answers 202 once pi's preflight accepted the prompt (model, credentials and extension commands are checked); the run itself streams as WireEvents on `sessions.events`. While the session is streaming, `streamingBehavior` is required (`steer` or `followUp`), else 409 `SESSION_BUSY`. 422 `MODEL_NO_CREDENTIALS` (or `NO_MODEL_AVAILABLE`) when the session's model cannot run: `detail` names the route that stores a key, the environment variable pi reads and the models that have credentials. Other refusals are 422 `PROMPT_REJECTED` with pi's reason.",
    request: {
      params: SessionIdParamsSchema,
      ...body(PromptSchema, { text: "Add a dark-mode toggle to the header." }),
    },
    responses: {
      202: json(AcceptedSchema, "Accepted."),
      ...problemResponses(400, 401, 404, 409, 422),
    },
  });

  const steerRoute = route({
    method: "post",
    path: `${one}/steer`,
    operationId: "sessions.steer",
    summary: "Queue a steering message, delivered after the current turn's tool calls",
    description:
      "For a streaming session: the message reaches the agent once the tool calls of the current turn finish, before its next model call. Skill commands and prompt templates are expanded; an extension command cannot be queued (422 `PROMPT_REJECTED`).",
    request: {
      params: SessionIdParamsSchema,
      ...body(QueueMessageSchema, { text: "Use the existing CSS variables for the colours." }),
    },
    responses: {
      202: json(AcceptedSchema, "Queued."),
      ...problemResponses(400, 401, 404, 422),
    },
  });

  const followUpRoute = route({
    method: "post",
    path: `${one}/follow-up`,
    operationId: "sessions.followUp",
    summary: "Queue a follow-up message, delivered when the agent would stop",
    description:
      "For a streaming session: the message waits until the agent has no tool calls or steering messages left, then starts another turn. Skill commands and prompt templates are expanded; an extension command cannot be queued (422 `PROMPT_REJECTED`).",
    request: {
      params: SessionIdParamsSchema,
      ...body(QueueMessageSchema, { text: "Then run the tests and fix what fails." }),
    },
    responses: {
      202: json(AcceptedSchema, "Queued."),
      ...problemResponses(400, 401, 404, 422),
    },
  });

  const abortRoute = route({
    method: "post",
    path: `${one}/abort`,
    operationId: "sessions.abort",
    summary: "Abort the in-flight run (no-op when idle)",
    description:
      "Cancels pending extension UI requests, stops the model call or tool in flight and any automatic retry, and answers once the agent is idle with the resulting status. Calling it while idle does nothing.",
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
    description:
      "Summarises the older part of the transcript so the context fits the model again, optionally guided by `customInstructions`. Only while idle (409 `SESSION_BUSY` otherwise); 422 `COMPACTION_FAILED` when there is nothing to compact or the summary call fails.",
    request: {
      params: SessionIdParamsSchema,
      ...body(CompactSchema, {
        customInstructions: "Keep the list of files changed so far.",
      }),
    },
    responses: {
      200: json(
        z.object({ summary: z.string(), tokensBefore: z.number() }).openapi("SessionCompaction"),
        "Compacted.",
      ),
      ...problemResponses(400, 401, 404, 409, 422),
    },
  });

  const statsRoute = route({
    method: "get",
    path: `${one}/stats`,
    operationId: "sessions.stats",
    summary: "Token usage, cost and context usage",
    description:
      "Counts messages and tool calls of the transcript, sums the tokens and cost reported by the provider, and estimates how full the model's context window is (`contextUsage`, absent while no model is selected).",
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
    description:
      "Commands registered by the session's extensions, prompt templates and skills; send one as `/name args` in a prompt.",
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
    description:
      "Blocking extension UI calls (`select`, `confirm`, `input`, `editor`) that wait for an answer. A request raised before a client connected is announced only once on the stream, so call this after connecting to catch up.",
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
    description:
      "The body's shape follows the request's method: `{ value }` for select, input and editor, `{ confirmed }` for confirm, `{ cancelled: true }` for any. A wrong shape is 400, an unknown id 404, an answer to a request already resolved 409 `UI_REQUEST_ALREADY_RESOLVED`.",
    request: { params: UiRequestParamsSchema, ...body(UiAnswerSchema, { confirmed: true }) },
    responses: { 204: { description: "Answered." }, ...problemResponses(400, 401, 404, 409) },
  });

  const eventsRoute = route({
    method: "get",
    path: `${one}/events`,
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
