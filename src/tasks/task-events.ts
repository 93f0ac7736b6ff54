import type { SessionStatus } from "../sessions/live-session.js";
import type { TaskRecord, TaskStatus } from "./task-types.js";

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

export function taskStatusEvent(
  task: TaskRecord,
  sessionStatus: SessionStatus | null,
  at: string,
): TaskStatusEvent {
  return {
    type: "task_status",
    taskId: task.id,
    projectId: task.projectId,
    status: task.status,
    sessionStatus,
    sessionId: task.sessionId,
    title: task.title,
    error: task.error,
    at,
  };
}
