import { parse as parsePartial } from "partial-json";
import type {
  AssistantMessage,
  AssistantMessageDelta,
  CompactWireEvent,
  MessagePatch,
  WireEvent,
} from "../contract/wire-event.generated.js";

type Fields = Record<string, unknown>;

/** A block being streamed, with the fields that take each delta appended. */
interface OpenBlock {
  grows: Set<string>;
  /** The tool call's JSON arguments so far. */
  json: string;
}

/**
 * The block a `*_start` delta opens, and the fields that take each delta appended to it.
 * Shared by the accumulator and the server's compactor, so both start a block alike.
 */
export function openedBlock(type: "text_start" | "thinking_start" | "toolcall_start"): {
  block: Fields;
  grows: string[];
} {
  if (type === "text_start") return { block: { type: "text", text: "" }, grows: ["text"] };
  if (type === "thinking_start") {
    return { block: { type: "thinking", thinking: "" }, grows: ["thinking"] };
  }
  return { block: { type: "toolCall", id: "", name: "", arguments: {} }, grows: [] };
}

/** JSON parsed as far as it goes; `{}` when nothing can be made of it yet. */
export function parseStreamingArguments(json: string): unknown {
  if (json.trim() === "") return {};
  try {
    return JSON.parse(json);
  } catch {
    try {
      return parsePartial(json) ?? {};
    } catch {
      return {};
    }
  }
}

/**
 * Rebuilds the assistant message being streamed from a session's events, so a UI
 * renders with one call per event. Feed it every event of the stream, in either view:
 * in the compact view (the default) it applies each `message_update` delta and patch,
 * arriving at exactly the `partial` message pi had at that step; a full-view
 * `message_update` simply replaces the message.
 *
 * @example
 * const acc = new MessageAccumulator();
 * for await (const { event } of streamSessionEvents(options)) {
 *   const message = acc.push(event);
 *   if (message) render(message);
 * }
 */
export class MessageAccumulator {
  #message: AssistantMessage | undefined;
  readonly #blocks = new Map<number, OpenBlock>();

  /** The assistant message being streamed, or undefined between messages. Do not modify it. */
  get message(): AssistantMessage | undefined {
    return this.#message;
  }

  /**
   * Applies one event.
   *
   * @returns the message being streamed after it (the same object, updated in place),
   *   or undefined when the event is not part of an assistant message's stream.
   */
  push(event: CompactWireEvent | WireEvent): AssistantMessage | undefined {
    switch (event.type) {
      case "message_start":
        this.#blocks.clear();
        this.#message =
          event.message.role === "assistant" ? structuredClone(event.message) : undefined;
        return this.#message;
      case "message_update":
        if ("message" in event) {
          this.#message = event.message as AssistantMessage;
          return this.#message;
        }
        if (!this.#message) return undefined;
        this.#apply(this.#message, event.assistantMessageEvent, event.patch);
        return this.#message;
      case "message_end":
        this.#message = undefined;
        this.#blocks.clear();
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * The fields of block `index` that take each delta, and a tool call's JSON so far, or
   * undefined when the block is not open. For the server's compactor; clients never need it.
   */
  openBlock(index: number): { grows: ReadonlySet<string>; json: string } | undefined {
    return this.#blocks.get(index);
  }

  #apply(message: AssistantMessage, delta: AssistantMessageDelta, patch?: MessagePatch): void {
    const index = delta.contentIndex;
    const content = message.content as Fields[];
    switch (delta.type) {
      case "text_start":
      case "thinking_start":
      case "toolcall_start": {
        const opened = openedBlock(delta.type);
        content[index] = opened.block;
        this.#blocks.set(index, { grows: new Set(opened.grows), json: "" });
        break;
      }
      case "text_delta":
      case "thinking_delta":
      case "toolcall_delta":
        this.#grow(content[index], index, delta.delta, patch?.append);
        break;
      case "text_end":
        if (delta.content !== undefined && content[index]) content[index].text = delta.content;
        break;
      case "thinking_end":
        if (delta.content !== undefined && content[index]) content[index].thinking = delta.content;
        break;
      case "toolcall_end":
        if (delta.toolCall !== undefined)
          content[index] = structuredClone(delta.toolCall) as Fields;
        break;
    }
    if (patch) this.#patch(message, index, patch, "delta" in delta ? delta.delta : "");
    if (delta.type.endsWith("_end")) this.#blocks.delete(index);
  }

  #grow(
    block: Fields | undefined,
    index: number,
    delta: string,
    append: Record<string, string> | undefined,
  ): void {
    const open = this.#blocks.get(index);
    if (!block || !open) return;
    for (const field of open.grows) {
      const value = block[field];
      if (typeof value === "string") block[field] = value + (append?.[field] ?? delta);
    }
    if (block.type === "toolCall") {
      open.json += delta;
      block.arguments = parseStreamingArguments(open.json);
    }
  }

  #patch(message: AssistantMessage, index: number, patch: MessagePatch, delta: string): void {
    const fields = message as unknown as Fields;
    for (const [key, value] of Object.entries(patch.message ?? {})) fields[key] = value;
    for (const key of patch.unset?.message ?? []) delete fields[key];
    const block = (message.content as Fields[])[index];
    if (!block) return;
    for (const [key, value] of Object.entries(patch.block ?? {})) block[key] = value;
    for (const key of patch.unset?.block ?? []) delete block[key];
    const open = this.#blocks.get(index);
    for (const key of patch.grow ?? []) {
      const value = block[key];
      block[key] = (typeof value === "string" ? value : "") + (patch.append?.[key] ?? delta);
      open?.grows.add(key);
    }
  }
}
