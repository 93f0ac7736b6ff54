import type { SessionStatus } from "../contract/server-events.js";
import type { TaskStatusEvent } from "../contract/task-events.js";
import type { TaskRecord } from "./task-types.js";

export type { TaskDeletedEvent, TaskEvent, TaskStatusEvent } from "../contract/task-events.js";

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
