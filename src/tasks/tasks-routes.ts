import { taskStreamEventSchemaRef } from "../contract/wire-event-schema.js";
import {
  eventPageSchema,
  eventStreamQuery,
  streamLimitsNote,
} from "../http/event-stream-schemas.js";
import {
  type ApiRouteConfig,
  jsonBody as body,
  defineRoute,
  jsonResponse as json,
} from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import {
  CreateTaskSchema,
  OrgTaskListQuerySchema,
  RejectTaskSchema,
  TaskCreatedSchema,
  TaskIdParamsSchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskParamsSchema,
  TaskSchema,
} from "./tasks-schemas.js";

/** The security scheme of the task webhook (`Bearer <WEBHOOK_SECRET>`). */
export const webhookSecurityScheme = "webhookSecret";

const base = "/projects/{projectId}/tasks";
const one = `${base}/{taskId}`;
const tags = ["Tasks"];

function route<R extends ApiRouteConfig>(config: R): R {
  return defineRoute({ ...config, tags } as R);
}

/**
 * `POST /projects/{projectId}/tasks` (`tasks.submit`), the webhook. It authenticates with
 * `WEBHOOK_SECRET`, which the tasks app puts in front of it (`webhookAuth`); the handler
 * holds each field to its configured `API_MAX_*` limit.
 */
export const submitTaskRoute = route({
  method: "post",
  path: base,
  "x-idempotency-key": true,
  operationId: "tasks.submit",
  summary: "Submit a task (webhook; authenticated with WEBHOOK_SECRET, not the API token)",
  description:
    "Creates a `pending` task that waits for approval. Authenticate with `Authorization: Bearer <WEBHOOK_SECRET>`; the API token is not accepted here. While `WEBHOOK_SECRET` is unset the webhook is disabled (503 `WEBHOOK_DISABLED`). A re-delivery with the same `(source, externalId)` returns the existing task with 200.",
  security: [{ [webhookSecurityScheme]: [] }],
  request: {
    params: TaskParamsSchema,
    ...body(CreateTaskSchema, {
      title: "Fix the login redirect",
      prompt: "The login page redirects to /undefined after sign-in. Fix it.",
      priority: 1,
      source: "github",
      externalId: "issue-42",
      metadata: { url: "https://github.com/acme/app/issues/42" },
    }),
  },
  responses: {
    200: json(TaskCreatedSchema, "A re-delivery: the existing task."),
    201: json(TaskCreatedSchema, "The new pending task."),
    ...problemResponses(400, 401, 404, 503),
  },
});

/** `GET /projects/{projectId}/tasks` (`tasks.list`). */
export const listTasksRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: base,
  operationId: "tasks.list",
  summary: "List a project's tasks, newest first",
  description:
    "Filter by `status`; page with `limit` and `offset` (bounded by `API_MAX_PAGE_SIZE` and `API_MAX_OFFSET`). `total` counts every matching task.",
  request: { params: TaskParamsSchema, query: TaskListQuerySchema },
  responses: {
    200: json(TaskListSchema, "A page of tasks."),
    ...problemResponses(400, 401, 404),
  },
});

/** `GET /tasks` (`tasks.listAll`). */
export const listAllTasksRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: "/tasks",
  operationId: "tasks.listAll",
  summary: "List tasks across projects, newest first (dashboard)",
  description:
    "The same list as `tasks.list` over every project, optionally narrowed to one `projectId` and one `status`, for a dashboard of the approval queue.",
  request: { query: OrgTaskListQuerySchema },
  responses: {
    200: json(TaskListSchema, "A page of tasks."),
    ...problemResponses(400, 401, 404),
  },
});

/** `GET /projects/{projectId}/tasks/{taskId}` (`tasks.get`). */
export const getTaskRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: one,
  operationId: "tasks.get",
  summary: "A task: status, timestamps, prompt, session, branch, commit, push/PR outcome, result",
  description:
    "Everything known about the task: its lifecycle timestamps, the prompt it runs, the session it runs in (every session route works on `sessionId`), the branch and commit it produced, whether the push and PR command succeeded, and the agent's final answer or the error that ended it.",
  request: { params: TaskIdParamsSchema },
  responses: { 200: json(TaskSchema, "The task."), ...problemResponses(400, 401, 404) },
});

const transitionResponses = {
  200: json(TaskSchema, "The task after the transition."),
  ...problemResponses(400, 401, 404, 409),
};
const conflictNote =
  "An illegal transition is 409 `TASK_STATUS_CONFLICT`, naming the current status.";

/** `POST …/approve` (`tasks.approve`). */
export const approveTaskRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${one}/approve`,
  operationId: "tasks.approve",
  summary: "Approve a pending task; it is queued by priority then age",
  description: `${conflictNote} 429 \`BUDGET_EXCEEDED\` while a day or month budget of the project or the org is spent; a task whose budget is spent by the time it would run fails with that reason before any worktree is made.`,
  request: { params: TaskIdParamsSchema },
  responses: { ...transitionResponses, ...problemResponses(429) },
});

/** `POST …/reject` (`tasks.reject`); `reason` is held to `API_MAX_REJECT_REASON_LENGTH` by the handler. */
export const rejectTaskRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${one}/reject`,
  operationId: "tasks.reject",
  summary: "Reject a pending task, with an optional reason",
  description: conflictNote,
  request: {
    params: TaskIdParamsSchema,
    body: {
      required: false,
      content: {
        "application/json": {
          schema: RejectTaskSchema,
          example: { reason: "Duplicate of the task for issue 41." },
        },
      },
    },
  },
  responses: transitionResponses,
});

/** `POST …/cancel` (`tasks.cancel`). */
export const cancelTaskRoute = route({
  method: "post",
  "x-required-role": "operator",
  path: `${one}/cancel`,
  operationId: "tasks.cancel",
  summary:
    "Cancel an approved or running task; a running agent is aborted and this answers once it stopped",
  description: conflictNote,
  request: { params: TaskIdParamsSchema },
  responses: transitionResponses,
});

/** `DELETE /projects/{projectId}/tasks/{taskId}` (`tasks.delete`). */
export const deleteTaskRoute = route({
  method: "delete",
  "x-required-role": "operator",
  path: one,
  operationId: "tasks.delete",
  summary: "Delete a task that is not running (its branch and session stay)",
  description:
    "Removes the task record and its worktree; the `tasks/<id>` branch and the session transcript are kept. A running task is 409 `TASK_STATUS_CONFLICT`: cancel it first.",
  request: { params: TaskIdParamsSchema },
  responses: {
    204: { description: "The task is gone." },
    ...problemResponses(400, 401, 404, 409),
  },
});

/** The JSON page of `tasks.events`. */
export const TaskEventPageSchema = eventPageSchema("TaskEventPage", taskStreamEventSchemaRef);

/** `GET /tasks/events` (`tasks.events`): task status changes, streamed or a page at a time. */
export const taskEventsRoute = route({
  method: "get",
  "x-required-role": "viewer",
  path: "/tasks/events",
  operationId: "tasks.events",
  summary: "Task status changes across projects: a server-sent event stream, or a page as JSON",
  description:
    "As a stream (the default): each event is `id: <n>` + `data: <TaskEvent JSON>` (`task_status` or `task_deleted`). Resume with `Last-Event-ID` or `?lastEventId=`, also after a restart; a `replay_gap` event (sent without an `id:`) says when missed events are no longer kept. With `Accept: application/json`: one page of the events after `?after=` and the cursor of the next." +
    ` ${streamLimitsNote}`,
  request: {
    query: eventStreamQuery("tasks.createStreamTicket"),
  },
  responses: {
    200: {
      description:
        "The event stream (the schema describes the JSON in each event's `data:` line, a `TaskStreamEvent`), or with `Accept: application/json` a page of events.",
      content: {
        "text/event-stream": { schema: taskStreamEventSchemaRef },
        "application/json": { schema: TaskEventPageSchema },
      },
    },
    ...problemResponses(400, 401, 503),
  },
});

/** `POST /tasks/events/tickets` (`tasks.createStreamTicket`). */
export const createTaskStreamTicketRoute = route({
  method: "post",
  "x-required-role": "viewer",
  path: "/tasks/events/tickets",
  operationId: "tasks.createStreamTicket",
  summary: "Issue a short-lived ticket that opens the task event stream",
  description:
    "For browsers using native `EventSource`, which cannot send headers: open the returned `url` (the task stream with `?ticket=`) instead of putting the API token in a URL. The ticket opens only the task stream, any number of times, until `expiresAt`.",
  responses: {
    201: json(StreamTicketSchema, "The ticket and the stream URL that uses it."),
    ...problemResponses(401),
  },
});
