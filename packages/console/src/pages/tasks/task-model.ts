import type { components } from "pi-agent-server-client";

export type TaskSummary = components["schemas"]["TaskSummary"];
export type Task = components["schemas"]["Task"];
export type TaskStatus = components["schemas"]["TaskStatus"];
export type TaskStreamEvent = components["schemas"]["TaskStreamEvent"];

/** Every status, in lifecycle order, for the status filter. */
export const taskStatuses: readonly TaskStatus[] = [
  "pending",
  "approved",
  "running",
  "completed",
  "failed",
  "cancelled",
  "rejected",
];

/** Where a task sits on the page: waiting for a person, on its way, or done. */
export type TaskStage = "pending" | "active" | "finished";

export function stageOf(status: TaskStatus): TaskStage {
  if (status === "pending") return "pending";
  if (status === "approved" || status === "running") return "active";
  return "finished";
}

/** The badge colour of a status: green done, amber on its way, red stopped. */
export function badgeClass(status: TaskStatus): string {
  switch (status) {
    case "completed":
      return "badge ok";
    case "failed":
    case "cancelled":
    case "rejected":
      return "badge error";
    case "approved":
    case "running":
      return "badge warn";
    case "pending":
      return "badge";
  }
}

export function isTaskStatus(value: string | undefined): value is TaskStatus {
  return value !== undefined && (taskStatuses as readonly string[]).includes(value);
}
