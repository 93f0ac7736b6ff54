import { jsonBody as body, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { sessionPath, sessionRoute, sessionsPath } from "./session-route.js";
import {
  CreatedSessionSchema,
  CreateSessionSchema,
  RenameSessionSchema,
  SessionCommandListSchema,
  SessionDetailSchema,
  SessionIdParamsSchema,
  SessionListSchema,
  SessionParamsSchema,
  SessionSettingsSchema,
  SessionStatsSchema,
  SessionSummarySchema,
  UpdateSettingsSchema,
} from "./sessions-schemas.js";

/** `GET …/sessions` (`sessions.list`). */
export const listSessionsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: sessionsPath,
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

/** `POST …/sessions` (`sessions.create`); `name` is held to `API_MAX_TITLE_LENGTH` by the handler. */
export const createSessionRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  path: sessionsPath,
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

/** `GET …/sessions/{sessionId}` (`sessions.get`). */
export const getSessionRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: sessionPath,
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

/** `PATCH …/sessions/{sessionId}` (`sessions.rename`); `name` is held to `API_MAX_TITLE_LENGTH` by the handler. */
export const renameSessionRoute = sessionRoute({
  method: "patch",
  "x-required-role": "operator",
  path: sessionPath,
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

/** `DELETE …/sessions/{sessionId}` (`sessions.delete`). */
export const deleteSessionRoute = sessionRoute({
  method: "delete",
  "x-required-role": "operator",
  path: sessionPath,
  operationId: "sessions.delete",
  summary: "Delete a session: abort its run, close its streams, remove its transcript",
  description:
    "Aborts any run, cancels pending extension UI requests, closes every event stream of the session and deletes its transcript file. Cannot be undone.",
  request: { params: SessionIdParamsSchema },
  responses: { 204: { description: "The session is gone." }, ...problemResponses(400, 401, 404) },
});

/** `GET …/settings` (`sessions.getSettings`). */
export const getSettingsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/settings`,
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

/** `PATCH …/settings` (`sessions.updateSettings`). */
export const updateSettingsRoute = sessionRoute({
  method: "patch",
  "x-required-role": "operator",
  path: `${sessionPath}/settings`,
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

/** `GET …/stats` (`sessions.stats`). */
export const statsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/stats`,
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

/** `GET …/commands` (`sessions.commands`). */
export const commandsRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/commands`,
  operationId: "sessions.commands",
  summary: "Slash commands available in prompts: extension commands, prompt templates, skills",
  description:
    "Commands registered by the session's extensions, prompt templates and skills; send one as `/name args` in a prompt.",
  request: { params: SessionIdParamsSchema },
  responses: {
    200: json(SessionCommandListSchema, "The commands."),
    ...problemResponses(400, 401, 404),
  },
});
