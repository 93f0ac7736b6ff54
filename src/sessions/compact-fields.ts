import { openedBlock, parseStreamingArguments } from "../client/message-accumulator.js";
import type { AssistantMessageDelta } from "../contract/compact-events.js";
import type { WireEvent } from "../contract/wire-event.js";

/*
 * The field comparisons the compactor makes on every event: allocation-free equality of
 * JSON-like values, and what a delta alone leaves of a block.
 */

export type Fields = Record<string, unknown>;
type MessageUpdate = Extract<WireEvent, { type: "message_update" }>;

/** Deep equality of JSON-like values (a key holding `undefined` counts as absent). Allocates nothing: it runs on every delta. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const left = a as Fields;
  const right = b as Fields;
  let count = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    if (!same(value, right[key])) return false;
    count += 1;
  }
  for (const key in right) if (right[key] !== undefined) count -= 1;
  return count === 0;
}

/** Whether `a` and `b` hold the same fields, `skip` aside (as {@link same} compares them). Allocates nothing. */
export function sameBesides(a: Fields, b: Fields, skip: string): boolean {
  let count = 0;
  for (const key in a) {
    const value = a[key];
    if (value === undefined || key === skip) continue;
    if (!same(value, b[key])) return false;
    count += 1;
  }
  for (const key in b) if (b[key] !== undefined && key !== skip) count -= 1;
  return count === 0;
}

/** Whether `whole` holds every field of `part` (as {@link same} compares them), and maybe more. */
export function holdsAll(whole: Fields | undefined, part: Fields): boolean {
  if (!whole) return false;
  for (const key in part) {
    const value = part[key];
    if (value !== undefined && !same(whole[key], value)) return false;
  }
  return true;
}

/** Fields of `target` to set or remove so it equals `source` (`skip` excepted). */
export function difference(target: Fields, source: Fields, skip: string) {
  let set: Fields | undefined;
  let unset: string[] | undefined;
  for (const key in source) {
    if (key === skip || same(target[key], source[key])) continue;
    set ??= {};
    set[key] = structuredClone(source[key]);
  }
  for (const key in target) {
    if (key === skip || key in source) continue;
    unset ??= [];
    unset.push(key);
  }
  return { set, unset };
}

export function withoutPartial(
  event: MessageUpdate["assistantMessageEvent"],
  keepContent: boolean,
): AssistantMessageDelta {
  switch (event.type) {
    case "text_end":
    case "thinking_end":
      return keepContent
        ? { type: event.type, contentIndex: event.contentIndex, content: event.content }
        : { type: event.type, contentIndex: event.contentIndex };
    case "toolcall_end":
      return keepContent
        ? { type: event.type, contentIndex: event.contentIndex, toolCall: event.toolCall }
        : { type: event.type, contentIndex: event.contentIndex };
    case "text_delta":
    case "thinking_delta":
    case "toolcall_delta":
      return { type: event.type, contentIndex: event.contentIndex, delta: event.delta };
    case "text_start":
    case "thinking_start":
    case "toolcall_start":
      return { type: event.type, contentIndex: event.contentIndex };
    default:
      throw new Error(`not a delta: ${event.type}`);
  }
}

/** Block `contentIndex` as the delta alone leaves it (streamed fields aside). */
export function expectedBlock(
  before: Fields | undefined,
  delta: AssistantMessageDelta,
  json: string,
): Fields {
  switch (delta.type) {
    case "text_start":
    case "thinking_start":
    case "toolcall_start":
      return openedBlock(delta.type).block;
    case "toolcall_delta":
      return { ...before, arguments: parseStreamingArguments(json + delta.delta) };
    case "text_end":
      return delta.content === undefined ? { ...before } : { ...before, text: delta.content };
    case "thinking_end":
      return delta.content === undefined ? { ...before } : { ...before, thinking: delta.content };
    case "toolcall_end":
      return delta.toolCall === undefined
        ? { ...before }
        : { ...(delta.toolCall as unknown as Fields) };
    default:
      return { ...before };
  }
}
