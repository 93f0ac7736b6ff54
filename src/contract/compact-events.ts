/**
 * The compact view of a session stream, the default: pi's events as they are, except
 * the two that repeat what a client already has. Derived from pi's own types, so a pi
 * upgrade flows through `npm run gen:event-schema` into `CompactWireEvent`.
 *
 * - `message_update` carries the delta (pi's `assistantMessageEvent` without `partial`)
 *   and no `message` snapshot; `patch` says what else changed, when anything did.
 * - `turn_end` leaves out `message` when it is the assistant message the turn's last
 *   `message_end` carried.
 *
 * Every other event, `message_start` and `message_end` included, is pi's own. A client
 * rebuilds the partial message with `MessageAccumulator` (or the full view with
 * `FullViewExpander`) from `src/client`. Types only.
 */

import type { AgentSessionEvent } from "@mariozechner/pi-coding-agent";
import type { ServerEvent } from "./server-events.js";

type PiEvent<T extends AgentSessionEvent["type"]> = Extract<AgentSessionEvent, { type: T }>;
type PiDelta<T extends string> = Omit<
  Extract<PiEvent<"message_update">["assistantMessageEvent"], { type: T }>,
  "partial"
>;

/** A text block starts at `contentIndex`. */
export interface TextStartDelta extends PiDelta<"text_start"> {}
/** `delta` is appended to the text of block `contentIndex`. */
export interface TextDeltaDelta extends PiDelta<"text_delta"> {}
/** The text block ends; `content` is sent only when it differs from the text accumulated. */
export interface TextEndDelta extends Omit<PiDelta<"text_end">, "content"> {
  content?: string;
}
/** A thinking block starts at `contentIndex`. */
export interface ThinkingStartDelta extends PiDelta<"thinking_start"> {}
/** `delta` is appended to the thinking of block `contentIndex`. */
export interface ThinkingDeltaDelta extends PiDelta<"thinking_delta"> {}
/** The thinking block ends; `content` is sent only when it differs from what accumulated. */
export interface ThinkingEndDelta extends Omit<PiDelta<"thinking_end">, "content"> {
  content?: string;
}
/** A tool call starts at `contentIndex`. */
export interface ToolcallStartDelta extends PiDelta<"toolcall_start"> {}
/** `delta` is appended to the tool call's JSON arguments; `arguments` is that JSON parsed as far as it goes. */
export interface ToolcallDeltaDelta extends PiDelta<"toolcall_delta"> {}
/**
 * The tool call is complete: `toolCall` replaces block `contentIndex`. It is sent only
 * when the block accumulated lacks some of it; otherwise the block as accumulated is the
 * tool call (its streaming-only fields removed by the event's `patch`).
 */
export interface ToolcallEndDelta extends Omit<PiDelta<"toolcall_end">, "toolCall"> {
  toolCall?: PiDelta<"toolcall_end">["toolCall"];
}

/** pi's streaming delta without its `partial` message snapshot. */
export type AssistantMessageDelta =
  | TextStartDelta
  | TextDeltaDelta
  | TextEndDelta
  | ThinkingStartDelta
  | ThinkingDeltaDelta
  | ThinkingEndDelta
  | ToolcallStartDelta
  | ToolcallDeltaDelta
  | ToolcallEndDelta;

/**
 * What changed in the partial message besides what the delta implies (usage counted so
 * far, the stop reason, the provider's response id, a provider's own block fields).
 *
 * A delta is appended to the block's streamed fields (`text`, `thinking`, and those
 * named in an earlier `grow`), except a field named in `append`, which takes that text
 * instead (pi's snapshot had already moved on by more, or less, than the delta).
 * Then `message` and `block` (block `contentIndex`) fields are set, the names in `unset`
 * removed, and the fields named in `grow` become streamed fields, taking this event's
 * delta (or their `append` text) first.
 */
export interface MessagePatch {
  message?: Record<string, unknown>;
  block?: Record<string, unknown>;
  unset?: { message?: string[]; block?: string[] };
  append?: Record<string, string>;
  grow?: string[];
}

/** `message_update` in the compact view: the delta, no message snapshot. */
export interface CompactMessageUpdateEvent {
  type: "message_update";
  assistantMessageEvent: AssistantMessageDelta;
  patch?: MessagePatch;
}

/** `turn_end` in the compact view: `message` only when the turn's last `message_end` did not carry it. */
export interface CompactTurnEndEvent extends Omit<PiEvent<"turn_end">, "message"> {
  message?: PiEvent<"turn_end">["message"];
}

/** One event of a session stream in the compact view (the default). */
export type CompactWireEvent =
  | Exclude<AgentSessionEvent, { type: "message_update" | "turn_end" }>
  | CompactMessageUpdateEvent
  | CompactTurnEndEvent
  | ServerEvent;
