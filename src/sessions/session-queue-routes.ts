import { jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { sessionPath, sessionRoute } from "./session-route.js";
import {
  PromptQueueSchema,
  QueueItemParamsSchema,
  SessionIdParamsSchema,
} from "./sessions-schemas.js";

/** `GET …/queue` (`sessions.listQueue`). */
export const listQueueRoute = sessionRoute({
  method: "get",
  "x-required-role": "viewer",
  path: `${sessionPath}/queue`,
  operationId: "sessions.listQueue",
  summary: "Prompts queued to run after the current run, in order",
  description:
    "Prompts sent with `onBusy: enqueue` (or under a session default of `enqueue`) while the session was busy. Each runs when the run before it ends, in `position` order; the queue is kept on disk and runs on after a restart. Changes are announced on the event stream as `prompt_queue` events.",
  request: { params: SessionIdParamsSchema },
  responses: {
    200: json(PromptQueueSchema, "The queue and the session's on-busy default."),
    ...problemResponses(400, 401, 404),
  },
});

/** `DELETE …/queue/{itemId}` (`sessions.cancelQueuedPrompt`). */
export const cancelQueuedPromptRoute = sessionRoute({
  method: "delete",
  "x-required-role": "operator",
  path: `${sessionPath}/queue/{itemId}`,
  operationId: "sessions.cancelQueuedPrompt",
  summary: "Remove a prompt from the queue before it runs",
  description:
    "404 `QUEUED_PROMPT_NOT_FOUND` when the prompt is not queued, including once it has started.",
  request: { params: QueueItemParamsSchema },
  responses: { 204: { description: "Removed." }, ...problemResponses(400, 401, 404) },
});
