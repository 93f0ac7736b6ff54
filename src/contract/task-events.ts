import type { SessionStatus } from "./session-status.js";

/** Every status a task can be in. `pending → approved → running → completed | failed | cancelled`, `pending → rejected`. */
export const taskStatuses = [
  "pending",
  "approved",
  "running",
  "completed",
  "failed",
  "cancelled",
  "rejected",
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/**
 * Published on the org task stream (`GET /tasks/events`) and on the task's session
 * stream whenever a task changes status, or its running session starts or stops
 * waiting for input.
 */
export interface TaskStatusEvent {
  type: "task_status";
  taskId: string;
  projectId: string;
  status: TaskStatus;
  /** The live session's status while the task runs (`awaiting_input` when it waits on a UI answer). */
  sessionStatus: SessionStatus | null;
  sessionId: string | null;
  title: string;
  error: string | null;
  at: string;
}

/** Published on the org task stream when a task is deleted. */
export interface TaskDeletedEvent {
  type: "task_deleted";
  taskId: string;
  projectId: string;
  at: string;
}

export type TaskEvent = TaskStatusEvent | TaskDeletedEvent;
