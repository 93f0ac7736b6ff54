/**
 * Event types a subscription may ask for. `budget.warning` is emitted by the budgets
 * (`services.budgets`) when a budget reaches its warning fraction.
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
