/**
 * Every event the server itself publishes on a session's SSE stream, beside pi's own
 * `AgentSessionEvent`s. This file is the single source of these shapes: runtime code
 * builds events with these types, and `npm run gen:event-schema` turns them (with pi's
 * events) into the `WireEvent` schema of `openapi.json`.
 *
 * Adding a server event: declare its interface here, add it to `ServerEvent`, run
 * `npm run gen:event-schema` and `npm run build`, then publish it; the consumer proof's
 * exhaustive switch (test/fixtures/consumer/client.ts) then asks for a `case`.
 * Types only — nothing here exists at runtime.
 */

import type { AskUserEvent } from "./ask-user-events.js";
import type { SessionStatus, SessionStatusEvent } from "./session-status.js";
import type { TaskEvent, TaskStatusEvent } from "./task-events.js";

export type { AskUserEvent, SessionStatus, SessionStatusEvent, TaskStatusEvent };

/** The kinds of blocking extension dialog. */
export type ExtensionUiDialogMethod = "select" | "confirm" | "input" | "editor";

/**
 * A blocking extension dialog waiting for `POST …/extension-ui/{id}/response`. Also
 * listed by `GET …/extension-ui` until it is answered, cancelled or times out.
 */
export interface ExtensionUiDialogRequest {
  type: "extension_ui_request";
  id: string;
  method: ExtensionUiDialogMethod;
  title: string;
  /** `select`: the choices; the answer's `value` must be one of them. */
  options?: string[];
  /** `confirm`: the question. */
  message?: string;
  /** `input`: placeholder text. */
  placeholder?: string;
  /** `editor`: initial text. */
  prefill?: string;
  /** Milliseconds after which the extension gives up on its own (the request is then cancelled). */
  timeout?: number;
  /** ISO 8601 creation time. */
  createdAt: string;
}

/** Fire-and-forget: show a notification. */
export interface ExtensionUiNotifyRequest {
  type: "extension_ui_request";
  id: string;
  method: "notify";
  message: string;
  notifyType: "info" | "warning" | "error";
}

/** Fire-and-forget: set (or, without `statusText`, clear) a status line entry. */
export interface ExtensionUiSetStatusRequest {
  type: "extension_ui_request";
  id: string;
  method: "setStatus";
  statusKey: string;
  statusText?: string;
}

/** Fire-and-forget: set (or, without `widgetLines`, clear) a text widget. */
export interface ExtensionUiSetWidgetRequest {
  type: "extension_ui_request";
  id: string;
  method: "setWidget";
  widgetKey: string;
  widgetLines?: string[];
  widgetPlacement?: "aboveEditor" | "belowEditor";
}

/** Fire-and-forget: set the window or tab title. */
export interface ExtensionUiSetTitleRequest {
  type: "extension_ui_request";
  id: string;
  method: "setTitle";
  title: string;
}

/** Fire-and-forget: replace the text of the prompt editor. */
export interface ExtensionUiSetEditorTextRequest {
  type: "extension_ui_request";
  id: string;
  method: "set_editor_text";
  text: string;
}

/** Fire-and-forget extension UI calls; clients may display them or ignore them. */
export type ExtensionUiNotice =
  | ExtensionUiNotifyRequest
  | ExtensionUiSetStatusRequest
  | ExtensionUiSetWidgetRequest
  | ExtensionUiSetTitleRequest
  | ExtensionUiSetEditorTextRequest;

/** Every `extension_ui_request` event: a blocking dialog (with `createdAt`) or a notice. */
export type ExtensionUiRequestEvent = ExtensionUiDialogRequest | ExtensionUiNotice;

/** A dialog request left the pending list: answered, or cancelled (abort, timeout, disposal). */
export interface ExtensionUiResolvedEvent {
  type: "extension_ui_resolved";
  id: string;
  cancelled: boolean;
}

/** An extension threw while handling an event; the session carries on. */
export interface ExtensionErrorEvent {
  type: "extension_error";
  extensionPath: string;
  event: string;
  error: string;
}

/**
 * Sent instead of a replay when the events after the client's `Last-Event-ID` are no
 * longer buffered: reload the history (`GET …/sessions/{id}`) and carry on from here.
 * Its SSE frame has no `id:`, so the client's last event id stays that of a real event.
 */
export interface ReplayGapEvent {
  type: "replay_gap";
  lastEventId: number;
  /** The oldest id still buffered, or `null` when nothing is. */
  oldestAvailableId: number | null;
  message: string;
}

/** One prompt waiting in a session's queue (`GET …/sessions/{sessionId}/queue`). */
export interface QueuedPrompt {
  id: string;
  text: string;
  /** Number of images sent with the prompt. */
  imageCount: number;
  /** ISO 8601 time the prompt was queued. */
  queuedAt: string;
  /** 1 for the prompt that runs next. */
  position: number;
}

/**
 * A session's prompt queue changed: a prompt was `queued` (`onBusy: "enqueue"`),
 * `cancelled`, `started` (it left the queue and its run began) or `failed` (pi refused
 * it when its turn came; `error` says why and the queue moves on). `items` is the queue
 * after the change.
 */
export interface PromptQueueEvent {
  type: "prompt_queue";
  change: "queued" | "cancelled" | "started" | "failed";
  itemId: string;
  items: QueuedPrompt[];
  /** `failed` only: the problem code and message pi's refusal became. */
  error?: { code: string; message: string };
}

/**
 * One budget, as `budget_exceeded` and `budget_warning` name it and the
 * `BUDGET_EXCEEDED` problem carries it. `period` is a UTC `day`, a UTC `month`, or the
 * current `run` (its per-run limits, set on the project or as the org default).
 */
export interface BudgetRef {
  scope: "org" | "project";
  /** The project, for `scope: "project"`. */
  project?: string;
  period: "day" | "month" | "run";
  metric: "costUsd" | "tokens" | "wallTimeMs" | "toolCalls";
  limit: number;
  /** What was used against the limit when the event was sent. */
  spent: number;
}

/**
 * The run crossed a budget and is being aborted (the same path as `POST …/abort`); its
 * `agent_end` follows with stop reason `aborted`.
 */
export interface BudgetExceededEvent {
  type: "budget_exceeded";
  budget: BudgetRef;
}

/**
 * A budget reached its warning fraction (`warnAtFraction`, default 0.8). Sent once per
 * budget and period (or run), on the stream of the session whose run got it there.
 */
export interface BudgetWarningEvent {
  type: "budget_warning";
  budget: BudgetRef;
  /** `spent / limit` when the warning was sent. */
  fraction: number;
  warnAtFraction: number;
}

/**
 * Every event the server injects into a session stream. The `ask_user_*` and
 * `task_status` events are declared in their own contract files (`ask-user-events.ts`,
 * `task-events.ts`) and join the union here.
 */
export type ServerEvent =
  | SessionStatusEvent
  | ExtensionUiRequestEvent
  | ExtensionUiResolvedEvent
  | ExtensionErrorEvent
  | ReplayGapEvent
  | AskUserEvent
  | TaskStatusEvent
  | PromptQueueEvent
  | BudgetExceededEvent
  | BudgetWarningEvent;

/** One event of the org-wide task stream (`GET /tasks/events`). */
export type TaskStreamEvent = TaskEvent | ReplayGapEvent;
