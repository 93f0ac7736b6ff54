import type { RouteConfig } from "@hono/zod-openapi";
import {
  type ApiRouteConfig,
  jsonBody as body,
  defineRoute,
  jsonResponse as json,
} from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import {
  AnswerQueueSchema,
  AskUserCountersSchema,
  AskUserOverviewSchema,
  AskUserProjectParamsSchema,
  AskUserSessionParamsSchema,
  AskUserSettingsResponseSchema,
  AskUserSettingsUpdateSchema,
  ClearedQueueSchema,
  EnqueueAnswerSchema,
  EnqueuedAnswerSchema,
  StopResultSchema,
} from "./ask-user-schemas.js";

const base = "/projects/{projectId}/sessions/{sessionId}/ask-user";
const params = AskUserSessionParamsSchema;
const tags = ["Ask user"];
const askUserSettingsExample = {
  enabled: true,
  waitTimeoutSeconds: 600,
  autopilot: { enabled: true, prompts: ["continue", "add tests"] },
};

function route<R extends ApiRouteConfig>(config: R): R {
  return defineRoute({ ...config, tags } as R);
}

export const getOverviewRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: base,
  operationId: "askuser.get",
  summary: "Settings, queue, waiting questions and counters of the session's ask_user loop",
  description:
    "Everything a dashboard shows for the loop in one read: the effective settings, the queued answers, whether a stop is pending, the questions waiting for an answer and the counters.",
  request: { params },
  responses: {
    200: json(AskUserOverviewSchema, "The ask_user state."),
    ...problemResponses(400, 401, 404),
  },
});

export const getSettingsRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: `${base}/settings`,
  operationId: "askuser.getSettings",
  summary: "Effective ask_user settings of the session",
  description:
    "Built-in defaults, overlaid with the project's defaults, overlaid with what the session set itself.",
  request: { params },
  responses: {
    200: json(AskUserSettingsResponseSchema, "The settings."),
    ...problemResponses(400, 401, 404),
  },
});

export const updateSettingsRoute = route({
  method: "patch",
  "x-required-role": "operator",
  path: `${base}/settings`,
  operationId: "askuser.updateSettings",
  summary: "Enable or disable ask_user, set the fallback, wait timeout, autopilot and warnings",
  description:
    "The session's values override the project defaults. Enabling or disabling takes effect when the next run starts: the tool is added to or removed from the model's tool list and the loop policy is appended to the system prompt while enabled. Replacing the autopilot prompts restarts the cycle at the first.",
  request: { params, ...body(AskUserSettingsUpdateSchema, askUserSettingsExample) },
  responses: {
    200: json(AskUserSettingsResponseSchema, "The effective settings."),
    ...problemResponses(400, 401, 404),
  },
});

export const listQueueRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: `${base}/queue`,
  operationId: "askuser.listQueue",
  summary: "Queued answers, next first",
  description:
    "Answers queued for the session's next `ask_user` calls, handed out oldest first before autopilot or a person is asked.",
  request: { params },
  responses: { 200: json(AnswerQueueSchema, "The queue."), ...problemResponses(400, 401, 404) },
});

export const enqueueRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${base}/queue`,
  operationId: "askuser.enqueue",
  summary: "Queue an answer for the next ask_user call (FIFO)",
  description:
    "When an `ask_user` call is already waiting, it receives the answer at once (`position` 0); otherwise the answer waits in the queue. The queue holds at most 1000 answers (409 `ASK_USER_QUEUE_FULL`). The queue is saved with the session's ask_user state.",
  request: { params, ...body(EnqueueAnswerSchema, { text: "Now add tests for the edge cases." }) },
  responses: {
    201: json(EnqueuedAnswerSchema, "Queued."),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const clearQueueRoute = route({
  method: "delete",
  "x-required-role": "operator",
  path: `${base}/queue`,
  operationId: "askuser.clearQueue",
  summary: "Remove every queued answer",
  description:
    "Drops every queued answer and says how many were removed; questions already waiting are not affected.",
  request: { params },
  responses: {
    200: json(ClearedQueueSchema, "The queue is empty."),
    ...problemResponses(400, 401, 404),
  },
});

export const stopRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${base}/stop`,
  operationId: "askuser.stop",
  summary:
    "End the loop: release waiting ask_user calls with `stop`, else answer the next one `stop`",
  description:
    "Waiting `ask_user` calls are answered `stop`, which tells the agent to end the loop. With none waiting, the next call is answered `stop` instead (`stopRequested`).",
  request: { params },
  responses: { 200: json(StopResultSchema, "Stopped."), ...problemResponses(400, 401, 404) },
});

export const getCountersRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: `${base}/counters`,
  operationId: "askuser.getCounters",
  summary: "ask_user calls, runs ended with a direct reply, other tool calls and elapsed time",
  description:
    "Counted since the loop started or since the last reset: `ask_user` calls, runs that ended, runs that ended with a direct reply instead of `ask_user`, other tool calls, and elapsed time.",
  request: { params },
  responses: {
    200: json(AskUserCountersSchema, "The counters."),
    ...problemResponses(400, 401, 404),
  },
});

export const resetCountersRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${base}/counters/reset`,
  operationId: "askuser.resetCounters",
  summary: "Zero the counters and re-arm the threshold warnings",
  description:
    "Starts counting again from zero, so the `warnAfterMinutes` and `warnAfterAskUserCalls` warnings can fire again.",
  request: { params },
  responses: {
    200: json(AskUserCountersSchema, "The reset counters."),
    ...problemResponses(400, 401, 404),
  },
});

export const getDefaultsRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: "/projects/{projectId}/ask-user/defaults",
  operationId: "askuser.getDefaults",
  summary: "The project's default ask_user settings",
  description:
    "What every session of the project starts from for the settings it has not set itself: the built-in defaults overlaid with the project's own.",
  request: { params: AskUserProjectParamsSchema },
  responses: {
    200: json(AskUserSettingsResponseSchema, "Built-in defaults overlaid with the project's."),
    ...problemResponses(400, 401, 404),
  },
});

export const replaceDefaultsRoute = route({
  method: "put",
  "x-required-role": "operator",
  path: "/projects/{projectId}/ask-user/defaults",
  operationId: "askuser.replaceDefaults",
  summary: "Replace the project's default ask_user settings",
  description:
    "The body lists the project's defaults (any subset; `{}` returns to the built-in defaults). They apply to every session of the project for each setting the session has not set itself.",
  request: {
    params: AskUserProjectParamsSchema,
    ...body(AskUserSettingsUpdateSchema, askUserSettingsExample),
  },
  responses: {
    200: json(AskUserSettingsResponseSchema, "The effective project defaults."),
    ...problemResponses(400, 401, 404),
  },
});
