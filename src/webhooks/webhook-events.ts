/**
 * Event types a subscription may ask for. `budget.warning` is reserved for budget
 * warnings; nothing emits it yet, but subscriptions may already name it.
 */
export const webhookEventTypes = [
  "run.finished",
  "task.status_changed",
  "ask_user.waiting",
  "extension_ui.waiting",
  "budget.warning",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The JSON body of every delivery. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** ISO 8601 time the event happened. */
  timestamp: string;
  data: Record<string, unknown>;
}
