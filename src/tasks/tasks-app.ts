import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { callerOf, ticketHolder } from "../access/caller.js";
import { resolveFieldLimits, type TaskFieldLimits } from "../config/field-limits.js";
import { registerWireEventComponents } from "../contract/wire-event-schema.js";
import { eventStreamResponse } from "../http/event-stream-route.js";
import { checkFieldLimits } from "../http/field-limits.js";
import { defaultPageLimits, type PageLimits, resolvePage } from "../http/pagination.js";
import { createRouter, honoPath, type RouterOptions } from "../http/router.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import type { TaskService, TaskView } from "./task-service.js";
import {
  approveTaskRoute,
  cancelTaskRoute,
  createTaskStreamTicketRoute,
  deleteTaskRoute,
  getTaskRoute,
  listAllTasksRoute,
  listTasksRoute,
  rejectTaskRoute,
  submitTaskRoute,
  taskEventsRoute,
  webhookSecurityScheme,
} from "./tasks-routes.js";
import { webhookAuth } from "./webhook-auth.js";

export interface TasksAppOptions extends RouterOptions {
  /** Bearer secret of the webhook; the webhook answers 503 while unset. */
  webhookSecret?: string | undefined;
  /**
   * Caps on list paging (default `{ maxPageSize: 100, maxOffset: 10000 }`) and on the task
   * fields (default `defaultTaskFieldLimits`), enforced by the handlers below the documented
   * hard maximums (`hardFieldLimits`; a larger value throws `RangeError`).
   */
  limits?: PageLimits & Partial<TaskFieldLimits>;
  /** Interval of SSE heartbeat comments. Default 15 s. */
  heartbeatMs?: number;
  /** Frames an SSE reader may fall behind before it is disconnected. Default 1024. */
  maxQueuedFrames?: number;
  /** Counts open task streams (channel `tasks`). Default: a private counter. */
  streamCounter?: StreamCounter;
  /** Issues browser stream tickets; share it with the auth that accepts them. Default: 60 s tickets. */
  streamTickets?: StreamTickets;
}

const summary = ({
  prompt: _prompt,
  metadata: _metadata,
  rejectReason: _reason,
  worktreePath: _worktree,
  pushError: _pushError,
  prError: _prError,
  resultText: _result,
  ...rest
}: TaskView) => rest;

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const taskRoutes = [
  createTaskStreamTicketRoute,
  taskEventsRoute,
  submitTaskRoute,
  listTasksRoute,
  listAllTasksRoute,
  getTaskRoute,
  approveTaskRoute,
  rejectTaskRoute,
  cancelTaskRoute,
  deleteTaskRoute,
] as const;

/** The components the task routes refer to: the event schemas and the webhook's security scheme. */
export function registerTaskComponents<E extends Env>(app: OpenAPIHono<E>): void {
  registerWireEventComponents(app);
  app.openAPIRegistry.registerComponent("securitySchemes", webhookSecurityScheme, {
    type: "http",
    scheme: "bearer",
    description: "`WEBHOOK_SECRET`; only task submission accepts it.",
  });
}

/**
 * The approval-queue routes (`/projects/{projectId}/tasks/…`, `/tasks`, `/tasks/events`),
 * ready to mount under any prefix. The submit route authenticates with the webhook
 * secret itself; put API auth in front of everything else (see `isTaskWebhookRequest`).
 *
 * @example
 * app.route("/v1", createTasksApp(tasks, { webhookSecret: process.env.WEBHOOK_SECRET }));
 */
export function createTasksApp(tasks: TaskService, options: TasksAppOptions = {}) {
  const pageLimits = options.limits ?? defaultPageLimits;
  const fieldLimits = resolveFieldLimits(options.limits);
  const submitted = submitRules(fieldLimits);
  const streams = options.streamCounter ?? new StreamCounter();
  const tickets = options.streamTickets ?? new StreamTickets();
  const app = createRouter(options);
  registerTaskComponents(app);
  app.on("POST", honoPath(submitTaskRoute.path), webhookAuth(options.webhookSecret));

  app.openapi(createTaskStreamTicketRoute, (c) => {
    return c.json(tickets.issueFor(c.req.path, ticketHolder(callerOf(c))), 201);
  });

  app.openapi(taskEventsRoute, async (c) => {
    const source = {
      hub: await tasks.events(),
      label: "tasks",
      channel: "tasks",
      tokenId: callerOf(c).tokenId,
    };
    return eventStreamResponse(c, source, streams, options);
  });

  app.openapi(submitTaskRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, submitted);
    const { task, created } = await tasks.submit(c.req.valid("param").projectId, input);
    c.header("location", `${c.req.path}/${task.id}`);
    const body = { id: task.id, status: task.status };
    return created ? c.json(body, 201) : c.json(body, 200);
  });

  app.openapi(listTasksRoute, async (c) => {
    const { projectId } = c.req.valid("param");
    const { status, ...page } = c.req.valid("query");
    const resolved = resolvePage(page, pageLimits);
    const { items, total } = await tasks.list({ projectId, status, ...resolved });
    return c.json({ items: items.map(summary), total, ...resolved }, 200);
  });

  app.openapi(listAllTasksRoute, async (c) => {
    const { status, projectId, ...page } = c.req.valid("query");
    const resolved = resolvePage(page, pageLimits);
    const { items, total } = await tasks.list({ projectId, status, ...resolved });
    return c.json({ items: items.map(summary), total, ...resolved }, 200);
  });

  app.openapi(getTaskRoute, async (c) => {
    const { projectId, taskId } = c.req.valid("param");
    return c.json(await tasks.get(projectId, taskId), 200);
  });

  app.openapi(approveTaskRoute, async (c) => {
    const { projectId, taskId } = c.req.valid("param");
    return c.json(await tasks.approve(projectId, taskId), 200);
  });

  app.openapi(rejectTaskRoute, async (c) => {
    const { projectId, taskId } = c.req.valid("param");
    const input = c.req.valid("json") as { reason?: string | undefined } | undefined;
    checkFieldLimits(input, { reason: fieldLimits.maxRejectReasonLength });
    const reason = input?.reason;
    return c.json(await tasks.reject(projectId, taskId, reason), 200);
  });

  app.openapi(cancelTaskRoute, async (c) => {
    const { projectId, taskId } = c.req.valid("param");
    return c.json(await tasks.cancel(projectId, taskId), 200);
  });

  app.openapi(deleteTaskRoute, async (c) => {
    const { projectId, taskId } = c.req.valid("param");
    await tasks.delete(projectId, taskId);
    return c.body(null, 204);
  });

  return app;
}

function submitRules(limits: TaskFieldLimits) {
  return {
    title: limits.maxTitleLength,
    prompt: limits.maxPromptLength,
    source: limits.maxSourceLength,
    externalId: limits.maxExternalIdLength,
    metadata: { jsonBytes: limits.maxMetadataBytes },
  };
}
