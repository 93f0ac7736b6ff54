import type { CompactWireEvent } from "../contract/compact-events.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import type { LiveSession } from "../sessions/index.js";
import type { TaskEvent } from "../tasks/index.js";
import type { WebhookEventType } from "./webhook-events.js";

/** What the event sources need of the webhook service. */
export interface WebhookEmitter {
  emit(type: WebhookEventType, data: Record<string, unknown>): void;
}

/** Tasks whose last status is remembered, the least recently changed forgotten first. */
const maxRememberedTasks = 10_000;

const dialogMethods = new Set(["select", "confirm", "input", "editor"]);

/**
 * The session observer of webhooks (give it to the runtime manager's `onSessionEvent`):
 * `run.finished` on each `agent_end`, and, from the session's own stream (watched from
 * its first pi event on), `ask_user.waiting` and `extension_ui.waiting` for blocking
 * extension dialogs other than ask_user's own. Never throws.
 */
export function webhookSessionObserver(
  webhooks: WebhookEmitter,
  taskIdFor: (projectId: string, sessionId: string) => string | undefined = () => undefined,
): (projectId: string, session: LiveSession, event: AgentSessionEvent) => void {
  const watched = new WeakSet<LiveSession>();
  const watch = (projectId: string, session: LiveSession) => {
    watched.add(session);
    const askUserRequests = new Set<string>();
    session.hub.observe({
      event: (event: CompactWireEvent) => {
        const origin = { projectId, sessionId: session.id };
        if (event.type === "ask_user_waiting") {
          askUserRequests.add(event.requestId);
          const { type: _type, ...waiting } = event;
          webhooks.emit("ask_user.waiting", { ...origin, ...waiting });
        } else if (event.type === "extension_ui_request" && dialogMethods.has(event.method)) {
          const { type: _type, ...request } = event;
          // ask_user's question is an input dialog announced in the same tick; it is
          // reported once, as ask_user.waiting.
          queueMicrotask(() => {
            if (askUserRequests.delete(request.id)) return;
            webhooks.emit("extension_ui.waiting", { ...origin, ...request });
          });
        }
      },
      close: () => undefined,
    });
  };
  return (projectId, session, event) => {
    if (!watched.has(session)) watch(projectId, session);
    if (event.type !== "agent_end") return;
    const last = event.messages.findLast((message) => message.role === "assistant");
    const stopReason = last?.role === "assistant" ? last.stopReason : null;
    webhooks.emit("run.finished", {
      projectId,
      sessionId: session.id,
      taskId: taskIdFor(projectId, session.id) ?? null,
      outcome:
        stopReason === "aborted"
          ? "aborted"
          : stopReason === "error" || stopReason === null
            ? "failed"
            : "succeeded",
      stopReason,
      error: last?.role === "assistant" ? (last.errorMessage ?? null) : null,
    });
  };
}

/**
 * The task observer of webhooks: `task.status_changed` each time a task's status differs
 * from the last one seen (the task stream also repeats a status when only its session's
 * state changes). Never throws.
 */
export function webhookTaskObserver(webhooks: WebhookEmitter): (event: TaskEvent) => void {
  const lastStatus = new Map<string, string>();
  return (event) => {
    if (event.type !== "task_status") {
      lastStatus.delete(event.taskId);
      return;
    }
    const previous = lastStatus.get(event.taskId);
    if (previous === event.status) return;
    lastStatus.delete(event.taskId);
    lastStatus.set(event.taskId, event.status);
    if (lastStatus.size > maxRememberedTasks) {
      lastStatus.delete(lastStatus.keys().next().value as string);
    }
    webhooks.emit("task.status_changed", {
      taskId: event.taskId,
      projectId: event.projectId,
      status: event.status,
      previousStatus: previous ?? null,
      title: event.title,
      sessionId: event.sessionId,
      error: event.error,
      at: event.at,
    });
  };
}
