import { jsonBody as body, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { sessionPath, sessionRoute } from "./session-route.js";
import {
  AbortedSessionSchema,
  AcceptedSchema,
  CompactSchema,
  PromptAcceptedSchema,
  PromptSchema,
  QueueMessageSchema,
  SessionCompactionSchema,
  SessionIdParamsSchema,
} from "./sessions-schemas.js";

/** `POST …/prompt` (`sessions.prompt`); `text` is held to `API_MAX_PROMPT_LENGTH` by the handler. */
export const promptRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  "x-idempotency-key": true,
  path: `${sessionPath}/prompt`,
  operationId: "sessions.prompt",
  summary: "Send a prompt; accepted once pi's preflight accepts it, the run streams on SSE",
  description:
    "Answers 202 once pi's preflight accepted the prompt (model, credentials and extension commands are checked); the run itself streams as WireEvents on `sessions.events`. While the session is busy (streaming, or prompts queued) the prompt follows `onBusy`, else the session's `onBusy` setting: `reject` (the default) answers 409 `SESSION_BUSY`, `enqueue` queues it (`outcome: queued` with its `item`; see `sessions.listQueue`), `interrupt` aborts the current run and runs it, `steer` / `followUp` hand it to pi's queues. 422 `MODEL_NO_CREDENTIALS` (or `NO_MODEL_AVAILABLE`) when the session's model cannot run: `detail` names the route that stores a key, the environment variable pi reads and the models that have credentials. Other refusals are 422 `PROMPT_REJECTED` with pi's reason. 429 `BUDGET_EXCEEDED` while a day or month budget of the project or the org is spent (see `budgets.getProject`). 503 `SERVICE_UNAVAILABLE` when the session was closed as the prompt arrived (deleted, or its project unloaded or shutting down): nothing was run or queued, and sending it again finds the session reopened, or answers 404.",
  request: {
    params: SessionIdParamsSchema,
    ...body(PromptSchema, { text: "Add a dark-mode toggle to the header." }),
  },
  responses: {
    202: json(PromptAcceptedSchema, "Accepted: running, handed to pi or queued."),
    ...problemResponses(400, 401, 404, 409, 422, 429, 503),
  },
});

/** `POST …/steer` (`sessions.steer`); `text` is held to `API_MAX_PROMPT_LENGTH` by the handler. */
export const steerRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  "x-idempotency-key": true,
  path: `${sessionPath}/steer`,
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
    ...problemResponses(400, 401, 404, 422, 429, 503),
  },
});

/** `POST …/follow-up` (`sessions.followUp`); `text` is held to `API_MAX_PROMPT_LENGTH` by the handler. */
export const followUpRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  "x-idempotency-key": true,
  path: `${sessionPath}/follow-up`,
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
    ...problemResponses(400, 401, 404, 422, 429, 503),
  },
});

/** `POST …/abort` (`sessions.abort`). */
export const abortRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  path: `${sessionPath}/abort`,
  operationId: "sessions.abort",
  summary: "Abort the in-flight run (no-op when idle)",
  description:
    "Cancels pending extension UI requests, stops the model call or tool in flight and any automatic retry, and answers once the agent is idle with the resulting status. Calling it while idle does nothing.",
  request: { params: SessionIdParamsSchema },
  responses: {
    200: json(AbortedSessionSchema, "Aborted."),
    ...problemResponses(400, 401, 404),
  },
});

/** `POST …/compact` (`sessions.compact`); `customInstructions` is held to `API_MAX_PROMPT_LENGTH` by the handler. */
export const compactRoute = sessionRoute({
  method: "post",
  "x-required-role": "operator",
  path: `${sessionPath}/compact`,
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
    200: json(SessionCompactionSchema, "Compacted."),
    ...problemResponses(400, 401, 404, 409, 422),
  },
});
