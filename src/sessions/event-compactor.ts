import { MessageAccumulator } from "../client/message-accumulator.js";
import type {
  AssistantMessageDelta,
  CompactWireEvent,
  MessagePatch,
} from "../contract/compact-events.js";
import type { CompactWireEvent as ClientEvent } from "../contract/wire-event.generated.js";
import type { WireEvent } from "../contract/wire-event.js";
import { AppendRun } from "./append-run.js";
import {
  difference,
  expectedBlock,
  type Fields,
  holdsAll,
  same,
  sameBesides,
  withoutPartial,
} from "./compact-fields.js";

type MessageUpdate = Extract<WireEvent, { type: "message_update" }>;
type StreamedDelta = Extract<
  MessageUpdate["assistantMessageEvent"],
  { type: "text_delta" | "thinking_delta" }
>;

/**
 * Turns a session's pi events into the compact view, exactly: it keeps its own copy of
 * the message being streamed, built the way a client's `MessageAccumulator` builds it,
 * and after each delta compares that copy with pi's `partial`; whatever differs
 * (usage, stop reason, a provider's own fields) goes out as the event's `patch`. So a
 * client applying the compact events holds pi's `partial` at every step, while a reply
 * costs bytes in proportion to its length.
 *
 * Most events are a text or thinking delta that changes nothing else; those are told by
 * lengths alone, and when pi's snapshot ran ahead of its events the text it appended is
 * read later, once for many events (see {@link AppendRun}). So an event returned by
 * `compact` may be completed later: serialise it only after {@link settle}, which a
 * later `compact` call for anything but such a delta also does first.
 */
export class EventCompactor {
  readonly #copy = new MessageAccumulator();
  #lastEnded: unknown;
  /**
   * Per streamed field (`<contentIndex>:<field>`), the length of pi's deltas so far.
   * While the copy is exactly that long, pi's snapshot has not run ahead of its deltas,
   * and a snapshot one delta longer is the copy plus that delta: checked by length,
   * without reading the text (which would copy pi's whole growing string every event).
   */
  readonly #deltaLengths = new Map<string, number>();
  #run: AppendRun | undefined;

  /** Whether events already returned wait for {@link settle} to be complete. */
  get unsettled(): boolean {
    return this.#run !== undefined;
  }

  /** Completes the events returned so far (reading pi's text once). */
  settle(): void {
    const run = this.#run;
    this.#run = undefined;
    run?.settle();
  }

  compact(event: WireEvent): CompactWireEvent {
    if (event.type !== "message_update") this.settle();
    switch (event.type) {
      case "message_start":
        this.#copy.push(event as ClientEvent);
        this.#deltaLengths.clear();
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
    const streamed = current !== undefined && event.message.role === "assistant";
    if (streamed && (pi.type === "text_delta" || pi.type === "thinking_delta")) {
      const plain = this.#plainDelta(current, pi);
      if (plain) return plain;
    }
    // Anything else reads the copy, or goes out as pi's own event: complete the run first.
    this.settle();
    if (!streamed || !("contentIndex" in pi)) return event as unknown as CompactWireEvent;
    const index = pi.contentIndex;
    const block = (current.content as Fields[])[index];
    const keepContent =
      (pi.type === "text_end" && block?.text !== pi.content) ||
      (pi.type === "thinking_end" && block?.thinking !== pi.content) ||
      (pi.type === "toolcall_end" && !holdsAll(block, pi.toolCall as unknown as Fields));
    const delta = withoutPartial(pi, keepContent);
    const patch = this.#patch(current, pi.partial as unknown as Fields, delta);
    const compact: CompactWireEvent = patch
      ? { type: "message_update", assistantMessageEvent: delta, patch }
      : { type: "message_update", assistantMessageEvent: delta };
    this.#copy.push(compact as ClientEvent);
    return compact;
  }

  /**
   * The compact event of a text or thinking delta after which pi's `partial` differs
   * from the copy only by what its field grew (the delta, or other text when pi's
   * snapshot ran ahead), or undefined for the general case. Allocates nothing but the event.
   */
  #plainDelta(copy: Fields, pi: StreamedDelta): CompactWireEvent | undefined {
    const field = pi.type === "text_delta" ? "text" : "thinking";
    const index = pi.contentIndex;
    const partial = pi.partial as unknown as Fields;
    const content = partial.content as Fields[];
    const copied = copy.content as Fields[];
    const source = content[index];
    const before = copied[index];
    const grows = this.#copy.openBlock(index)?.grows;
    if (!source || !before || content.length !== copied.length) return undefined;
    if (grows?.size !== 1 || !grows.has(field)) return undefined;
    const run = this.#run;
    if (run && (run.source !== source || run.field !== field)) return undefined;
    const value = source[field];
    const was = before[field];
    const text = pi.delta;
    if (typeof value !== "string" || typeof was !== "string" || text === "") return undefined;
    const wasLength = run?.length ?? was.length;
    if (value.length < wasLength) return undefined;
    if (!sameBesides(source, before, field) || !sameBesides(partial, copy, "content")) {
      return undefined;
    }
    const key = `${index}:${field}`;
    const streamed = this.#deltaLengths.get(key) ?? 0;
    this.#deltaLengths.set(key, streamed + text.length);
    const compact: CompactWireEvent & { type: "message_update" } = {
      type: "message_update",
      assistantMessageEvent: { type: pi.type, contentIndex: index, delta: text },
    };
    // While pi's snapshot is as long as its deltas, it has not run ahead of them: it is
    // one delta longer exactly when that delta is what it appended.
    const exact = streamed === wasLength && value.length === wasLength + text.length;
    if (exact && !run) {
      this.#copy.push(compact as ClientEvent);
    } else if (exact) {
      run?.plain(text);
    } else {
      this.#run ??= new AppendRun(source, before, field, wasLength);
      this.#run.ahead(compact, text, value.length);
    }
    return compact;
  }

  /** What the copy, after the delta alone, would lack of pi's `partial`. */
  #patch(copy: Fields, partial: Fields, delta: AssistantMessageDelta): MessagePatch | undefined {
    const patch: MessagePatch = {};
    const index = delta.contentIndex;
    const content = partial.content as Fields[];
    const copied = copy.content as Fields[];
    const message = difference(copy, partial, "content");
    const expectedLength = delta.type.endsWith("_start")
      ? Math.max(copied.length, index + 1)
      : copied.length;
    if (content.length !== expectedLength) {
      message.set = { ...message.set, content: structuredClone(content) };
    }
    if (message.set) patch.message = message.set;
    if (message.unset) patch.unset = { message: message.unset };
    const source = content[index];
    if (source && !message.set?.content) this.#patchBlock(patch, copied[index], source, delta);
    return Object.keys(patch).length > 0 ? patch : undefined;
  }

  #patchBlock(
    patch: MessagePatch,
    before: Fields | undefined,
    source: Fields,
    delta: AssistantMessageDelta,
  ): void {
    const open = this.#copy.openBlock(delta.contentIndex);
    const text = "delta" in delta ? delta.delta : undefined;
    const expected = expectedBlock(before, delta, open?.json ?? "");
    const grows = open?.grows ?? new Set<string>();
    const set: Fields = {};
    const append: Record<string, string> = {};
    const grow: string[] = [];
    for (const key in source) {
      const value = source[key];
      const was = before?.[key];
      if (text !== undefined && typeof value === "string") {
        if (grows.has(key)) {
          // A streamed field takes the delta, unless pi's snapshot moved on by another amount.
          const wasText = typeof was === "string" ? was : "";
          const field = `${delta.contentIndex}:${key}`;
          const streamed = this.#deltaLengths.get(field) ?? 0;
          this.#deltaLengths.set(field, streamed + text.length);
          if (value.length === wasText.length + text.length) {
            if (streamed === wasText.length || value.endsWith(text)) continue;
          }
          if (value.length >= wasText.length) {
            append[key] = value.slice(wasText.length);
            continue;
          }
        } else if (
          text !== "" &&
          typeof was === "string" &&
          value.length === was.length + text.length &&
          value.endsWith(text)
        ) {
          grow.push(key);
          this.#deltaLengths.set(`${delta.contentIndex}:${key}`, value.length);
          continue;
        }
      }
      if (!same(expected[key], value)) set[key] = structuredClone(value);
    }
    const unset = Object.keys(expected).filter((key) => !(key in source));
    if (Object.keys(set).length > 0) patch.block = set;
    if (unset.length > 0) patch.unset = { ...patch.unset, block: unset };
    if (Object.keys(append).length > 0) patch.append = append;
    if (grow.length > 0) patch.grow = grow;
  }
}
