export { defaultTaskFieldLimits, type TaskFieldLimits } from "../config/field-limits.js";
export { defaultGitIdentity, type GitIdentity } from "./git.js";
export { hasRunningTaskOn } from "./pg-task-rows.js";
export type { TaskDeletedEvent, TaskEvent, TaskStatusEvent } from "./task-events.js";
export { TaskService, type TaskView } from "./task-service.js";
export type { TaskServiceOptions } from "./task-service-options.js";
export { type NewTaskInput, type TaskRecord, type TaskStatus, taskStatuses } from "./task-types.js";
export {
  createTasksApp,
  registerTaskComponents,
  type TasksAppOptions,
  taskRoutes,
} from "./tasks-app.js";
export { isTaskWebhookRequest, webhookAuth } from "./webhook-auth.js";
