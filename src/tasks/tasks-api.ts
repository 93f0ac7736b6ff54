import type { z } from "@hono/zod-openapi";
import type { StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import type * as schemas from "./tasks-schemas.js";

/** Path parameters of every `/projects/{projectId}/tasks/{taskId}` route. */
export type TaskParams = z.input<typeof schemas.TaskIdParamsSchema>;

/** Body of `tasks.submit` (the webhook). */
export type SubmitTaskRequest = z.input<typeof schemas.CreateTaskSchema>;
/** Answer of `tasks.submit`: 201 for a new task, 200 for a re-delivery. */
export type TaskCreated = z.output<typeof schemas.TaskCreatedSchema>;

/** Query of `tasks.list`. */
export type ListTasksQuery = z.input<typeof schemas.TaskListQuerySchema>;
/** Query of `tasks.listAll`. */
export type ListAllTasksQuery = z.input<typeof schemas.OrgTaskListQuerySchema>;
/** Answer of `tasks.list` and `tasks.listAll`. */
export type TaskList = z.output<typeof schemas.TaskListSchema>;
/** One task of a list. */
export type TaskSummary = z.output<typeof schemas.TaskSummarySchema>;

/** Answer of `tasks.get`, `tasks.approve`, `tasks.reject` and `tasks.cancel`. */
export type Task = z.output<typeof schemas.TaskSchema>;

/** Optional body of `tasks.reject`. */
export type RejectTaskRequest = z.input<typeof schemas.RejectTaskSchema>;

/** Answer of `tasks.createStreamTicket`. */
export type StreamTicket = z.output<typeof StreamTicketSchema>;
