import { describe, expect, it } from "vitest";
import type { TaskStatusEvent } from "../tasks/index.js";
import type { WebhookEventType } from "./webhook-events.js";
import { webhookTaskObserver } from "./webhook-sources.js";

const status = (taskId: string, value: string, sessionStatus: string | null = null) =>
  ({
    type: "task_status",
    taskId,
    projectId: "demo",
    status: value,
    sessionStatus,
    sessionId: null,
    title: "Fix it",
    error: null,
    at: "2026-11-30T08:00:00.000Z",
  }) as TaskStatusEvent;

describe("webhookTaskObserver", () => {
  it("emits task.status_changed once per status change, with the previous status", () => {
    const emitted: [WebhookEventType, Record<string, unknown>][] = [];
    const observe = webhookTaskObserver({ emit: (type, data) => emitted.push([type, data]) });
    observe(status("t1", "pending"));
    observe(status("t1", "running", "idle"));
    observe(status("t1", "running", "streaming"));
    observe(status("t2", "pending"));
    observe(status("t1", "succeeded"));
    observe({ type: "task_deleted", taskId: "t1", projectId: "demo", at: "x" });
    observe(status("t1", "succeeded"));
    expect(
      emitted.map(([type, data]) => [type, data.taskId, data.previousStatus, data.status]),
    ).toEqual([
      ["task.status_changed", "t1", null, "pending"],
      ["task.status_changed", "t1", "pending", "running"],
      ["task.status_changed", "t2", null, "pending"],
      ["task.status_changed", "t1", "running", "succeeded"],
      ["task.status_changed", "t1", null, "succeeded"],
    ]);
    expect(emitted[0]?.[1]).toEqual({
      taskId: "t1",
      projectId: "demo",
      status: "pending",
      previousStatus: null,
      title: "Fix it",
      sessionId: null,
      error: null,
      at: "2026-11-30T08:00:00.000Z",
    });
  });

  it("remembers the last 10,000 tasks' statuses, forgetting the least recently changed", () => {
    const emitted: Record<string, unknown>[] = [];
    const observe = webhookTaskObserver({ emit: (_type, data) => emitted.push(data) });
    for (let i = 0; i <= 10_000; i++) observe(status(`t${i}`, "pending"));
    observe(status("t0", "approved"));
    observe(status("t2", "approved"));
    expect(emitted.slice(-2).map((data) => [data.taskId, data.previousStatus])).toEqual([
      ["t0", null],
      ["t2", "pending"],
    ]);
  });
});
