import { MessageAccumulator } from "../client/message-accumulator.js";
import type { CompactWireEvent as ClientEvent } from "../contract/wire-event.generated.js";
import type {
  AssistantMessageDelta,
  CompactWireEvent,
  MessagePatch,
} from "../contract/compact-events.js";
import type { WireEvent } from "../contract/wire-event.js";

type Fields = Record<string, unknown>;
type MessageUpdate = Extract<WireEvent, { type: "message_update" }>;

/** Strings at least this long count as unchanged when their length is (a streamed text's length says it all). */
const longString = 256;

/** Deep equality of JSON-like values; long strings compare by length (see {@link longString}). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") {
    return a.length === b.length && a.length >= longString;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => same(item, other[i]));
  }
  const left = a as Fields;
  const right = b as Fields;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) {
    return false;
  }
  return keys.every((key) => same(left[key], right[key]));
}

/** Fields of `target` to set or remove so it equals `source` (`skip` excepted). */
function difference(target: Fields, source: Fields, skip: string) {
  let set: Fields | undefined;
  let unset: string[] | undefined;
  for (const key of Object.keys(source)) {
    if (key === skip || same(target[key], source[key])) continue;
    set ??= {};
    set[key] = structuredClone(source[key]);
  }
  for (const key of Object.keys(target)) {
    if (key !== skip && !(key in source)) (unset ??= []).push(key);
  }
  return { set, unset };
}

function withoutPartial(
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
      return { type: event.type, contentIndex: event.contentIndex, toolCall: event.toolCall };
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

/**
 * Turns a session's pi events into the compact view, exactly: it keeps its own copy of
 * the message being streamed, built the way a client's `MessageAccumulator` builds it,
 * and after each delta compares that copy with pi's `partial`; whatever differs
 * (usage, stop reason, a provider's own fields) goes out as the event's `patch`. So a
 * client applying the compact events holds pi's `partial` at every step, while a reply
 * costs bytes in proportion to its length.
 */
export class EventCompactor {
  readonly #copy = new MessageAccumulator();
  #lastEnded: unknown;

  compact(event: WireEvent): CompactWireEvent {
    switch (event.type) {
      case "message_start":
        this.#copy.push(event as ClientEvent);
        return event;
      case "message_end":
        this.#copy.push(event as ClientEvent);
        this.#lastEnded = event.message;
        return event;
      case "turn_start":
        this.#lastEnded = undefined;
        return event;
      case "turn_end":
        if (event.message !== this.#lastEnded) return event;
        return { type: "turn_end", toolResults: event.toolResults };
      case "message_update":
        return this.#update(event);
      default:
        return event;
    }
  }

  #update(event: MessageUpdate): CompactWireEvent {
    const current = this.#copy.message as unknown as Fields | undefined;
    const pi = event.assistantMessageEvent;
    if (!current || !("contentIndex" in pi) || event.message.role !== "assistant") {
      return event as unknown as CompactWireEvent;
    }
    const index = pi.contentIndex;
    const block = (current.content as Fields[])[index];
    const keepContent =
      (pi.type === "text_end" && block?.text !== pi.content) ||
      (pi.type === "thinking_end" && block?.thinking !== pi.content);
    const delta = withoutPartial(pi, keepContent);
    this.#copy.push({ type: "message_update", assistantMessageEvent: delta } as ClientEvent);
    const patch = this.#patch(current, pi.partial as unknown as Fields, index, delta);
    if (!patch) return { type: "message_update", assistantMessageEvent: delta };
    this.#copy.amend(index, patch, "delta" in delta ? delta.delta : "");
    return { type: "message_update", assistantMessageEvent: delta, patch };
  }

  #patch(
    copy: Fields,
    partial: Fields,
    index: number,
    delta: AssistantMessageDelta,
  ): MessagePatch | undefined {
    const patch: MessagePatch = {};
    const content = partial.content as Fields[];
    const copied = copy.content as Fields[];
    const message = difference(copy, partial, "content");
    if (content.length !== copied.length) {
      message.set = { ...message.set, content: structuredClone(content) };
    }
    if (message.set) patch.message = message.set;
    if (message.unset) patch.unset = { message: message.unset };
    const source = content[index];
    const target = copied[index];
    if (source && target && !message.set?.content) {
      const text = "delta" in delta ? delta.delta : "";
      const grow: string[] = [];
      const block = difference(target, source, "");
      for (const [key, value] of Object.entries(block.set ?? {})) {
        const before = target[key];
        if (
          text !== "" &&
          typeof value === "string" &&
          typeof before === "string" &&
          value.length === before.length + text.length
        ) {
          grow.push(key);
          delete block.set?.[key];
        }
      }
      if (block.set && Object.keys(block.set).length > 0) patch.block = block.set;
      if (block.unset) patch.unset = { ...patch.unset, block: block.unset };
      if (grow.length > 0) patch.grow = grow;
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
}
