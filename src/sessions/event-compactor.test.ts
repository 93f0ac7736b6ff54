import {
  type AssistantMessage,
  type AssistantMessageEvent,
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  registerFauxProvider,
  streamSimple,
} from "@mariozechner/pi-ai";
import { afterEach, describe, expect, it } from "vitest";
import { FullViewExpander } from "../client/full-view.js";
import { MessageAccumulator, parseStreamingArguments } from "../client/message-accumulator.js";
import type { CompactWireEvent as PublishedEvent } from "../contract/compact-events.js";
import type { CompactWireEvent } from "../contract/wire-event.generated.js";
import type { WireEvent } from "../contract/wire-event.js";
import { EventCompactor } from "./event-compactor.js";
import { compactEventJson } from "./session-hub.js";

/**
 * Wraps a provider's stream the way pi's agent loop does (`message_start` on `start`,
 * `message_update` with `message: { ...partial }` per delta, `message_end`), and checks
 * at every step that a client fed the compact events (as JSON, like off the wire) holds
 * exactly pi's `partial`, and that the full view rebuilt from them is pi's event. As the
 * hub does, an event is serialised at once unless the compactor is left unsettled, and
 * the compactor is settled every `settleEvery` events (the hub: once per batch it sends).
 */
async function replayThroughCompactView(
  stream: AsyncIterable<AssistantMessageEvent>,
  settleEvery = 1,
) {
  const compactor = new EventCompactor();
  const client = new MessageAccumulator();
  const expander = new FullViewExpander();
  const sizes = { full: 0, compact: 0, updates: 0 };
  const toolcallEnds: CompactWireEvent[] = [];
  let final: AssistantMessage | undefined;
  const batch: { fullJson: string; compact: string | PublishedEvent }[] = [];
  const check = () => {
    compactor.settle();
    for (const { fullJson, compact: event } of batch.splice(0)) {
      const compactJson = typeof event === "string" ? event : compactEventJson(event);
      expect(compactJson).toBe(JSON.stringify(JSON.parse(compactJson)));
      sizes.full += fullJson.length;
      sizes.compact += compactJson.length;
      const compact = JSON.parse(compactJson) as CompactWireEvent;
      const accumulated = client.push(compact);
      if (compact.type === "message_update") {
        sizes.updates += 1;
        if (compact.assistantMessageEvent.type === "toolcall_end") toolcallEnds.push(compact);
        expect(accumulated).toEqual(JSON.parse(fullJson).assistantMessageEvent.partial);
      }
      expect(JSON.parse(JSON.stringify(expander.expand(compact)))).toEqual(JSON.parse(fullJson));
    }
  };
  for await (const event of stream) {
    let raw: WireEvent;
    if (event.type === "start") raw = { type: "message_start", message: { ...event.partial } };
    else if (event.type === "done") raw = { type: "message_end", message: event.message };
    else if (event.type === "error") raw = { type: "message_end", message: event.error };
    else
      raw = { type: "message_update", assistantMessageEvent: event, message: { ...event.partial } };
    if (raw.type === "message_end") final = raw.message as AssistantMessage;
    const compact = compactor.compact(raw);
    batch.push({
      fullJson: JSON.stringify(raw),
      compact: compactor.unsettled ? compact : compactEventJson(compact),
    });
    if (batch.length >= settleEvery) check();
  }
  check();
  return { sizes, final, toolcallEnds };
}

/** A provider stream shaped like pi-ai's OpenAI-compatible one: arguments re-parsed per delta, usage and ids arriving mid-stream, a working field dropped at the end. */
async function* openAiShapedStream(): AsyncGenerator<AssistantMessageEvent> {
  const output = {
    role: "assistant",
    content: [] as Record<string, unknown>[],
    api: "openai-completions",
    provider: "test",
    model: "m",
    usage: {
      input: 0,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
      totalTokens: 0,
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
    },
    stopReason: "stop",
    timestamp: 1,
  } as unknown as AssistantMessage & Record<string, unknown>;
  const partial = () => output;
  yield { type: "start", partial: partial() };
  output.responseId = "resp-1";
  output.content.push({ type: "text", text: "" });
  yield { type: "text_start", contentIndex: 0, partial: partial() };
  for (const piece of ["Let me ", "write ", "that."]) {
    (output.content[0] as { text: string }).text += piece;
    yield { type: "text_delta", contentIndex: 0, delta: piece, partial: partial() };
  }
  yield { type: "text_end", contentIndex: 0, content: "Let me write that.", partial: partial() };
  const call: Record<string, unknown> = {
    type: "toolCall",
    id: "call-1",
    name: "write",
    arguments: {},
    partialArgs: "",
  };
  output.content.push(call as never);
  yield { type: "toolcall_start", contentIndex: 1, partial: partial() };
  const json = JSON.stringify({ path: "notes.md", content: 'line "one"\nline two' });
  for (let i = 0; i < json.length; i += 5) {
    const piece = json.slice(i, i + 5);
    call.partialArgs += piece;
    call.arguments = parseStreamingArguments(call.partialArgs as string);
    if (i === 20) output.usage = { ...output.usage, input: 12, output: 7, totalTokens: 19 };
    yield { type: "toolcall_delta", contentIndex: 1, delta: piece, partial: partial() };
  }
  delete call.partialArgs;
  call.arguments = JSON.parse(json);
  output.stopReason = "toolUse";
  yield { type: "toolcall_end", contentIndex: 1, toolCall: call as never, partial: partial() };
  yield { type: "done", reason: "toolUse", message: output };
}

/**
 * A provider whose parser runs ahead of its events, as pi's agent loop sees when chunks
 * arrive in a burst: when a delta is handed on, the snapshot already holds up to three
 * later deltas. Usage changes mid-block; deltas differ, so a delta is not what its
 * snapshot appended.
 */
async function* runningAheadStream(): AsyncGenerator<AssistantMessageEvent> {
  const output = {
    role: "assistant",
    content: [] as Record<string, string>[],
    api: "openai-completions",
    provider: "test",
    model: "m",
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0 },
    stopReason: "stop",
    timestamp: 1,
  } as unknown as AssistantMessage & { content: Record<string, string>[] };
  yield { type: "start", partial: output };
  const words = "one two three four five six seven eight nine ten eleven twelve thirteen".split(
    " ",
  );
  for (const kind of ["thinking", "text"] as const) {
    const field = kind;
    const block: Record<string, string> = { type: kind, [field]: "" };
    const contentIndex = output.content.push(block) - 1;
    yield { type: `${kind}_start`, contentIndex, partial: output };
    let applied = 0;
    for (let i = 0; i < words.length; i++) {
      const ahead = [0, 1, 1, 1, 3, 3, 2, 0, 0][i % 9] as number;
      while (applied < Math.min(words.length, i + 1 + ahead)) {
        block[field] += `${words[applied++]} `;
      }
      if (i === 5) output.usage = { ...output.usage, output: i };
      const delta = `${words[i]} `;
      yield { type: `${kind}_delta`, contentIndex, delta, partial: output };
    }
    yield { type: `${kind}_end`, contentIndex, content: block[field] as string, partial: output };
  }
  yield { type: "done", reason: "stop", message: output };
}

describe("the compact view", () => {
  const unregister: Array<() => void> = [];
  afterEach(() => {
    for (const fn of unregister.splice(0)) fn();
  });

  it("rebuilds pi's partial at every step for text, thinking and tool-call arguments (faux provider)", async () => {
    const faux = registerFauxProvider({ tokenSize: { min: 2, max: 5 } });
    unregister.push(faux.unregister);
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(20);
    faux.setResponses([
      fauxAssistantMessage(
        [
          fauxThinking("First I think about the request, then I answer it."),
          fauxText(text),
          fauxToolCall("write", { path: "a.txt", content: "hello\n".repeat(30) }),
        ],
        { stopReason: "toolUse" },
      ),
    ]);
    const stream = streamSimple(faux.getModel(), {
      messages: [{ role: "user", content: "go", timestamp: Date.now() }],
    });
    const { sizes, final, toolcallEnds } = await replayThroughCompactView(stream);
    expect(final?.content.map((block) => block.type)).toEqual(["thinking", "text", "toolCall"]);
    // The arguments streamed already: the end of the tool call does not send them again.
    expect(toolcallEnds).toEqual([
      { type: "message_update", assistantMessageEvent: { type: "toolcall_end", contentIndex: 2 } },
    ]);
    expect(sizes.updates).toBeGreaterThan(50);
    // The full view repeats the message in every update; the compact view does not.
    expect(sizes.compact * 10).toBeLessThan(sizes.full);
  });

  it("carries what a provider changes besides the delta (usage, ids, re-parsed arguments, dropped fields)", async () => {
    const { sizes, final, toolcallEnds } = await replayThroughCompactView(openAiShapedStream());
    expect(final?.stopReason).toBe("toolUse");
    // pi re-parses the arguments and drops its working field: a patch says so, not the call.
    const end = toolcallEnds[0] as CompactWireEvent & { type: "message_update" };
    expect(end.assistantMessageEvent).toEqual({ type: "toolcall_end", contentIndex: 1 });
    expect(end.patch?.unset).toEqual({ block: ["partialArgs"] });
    expect(sizes.updates).toBeGreaterThan(5);
  });

  it("rebuilds pi's partial at every step while its snapshot runs ahead, however often it is settled", async () => {
    for (const settleEvery of [1, 4, 1000]) {
      const { sizes, final } = await replayThroughCompactView(runningAheadStream(), settleEvery);
      expect(final?.content.map((block) => block.type)).toEqual(["thinking", "text"]);
      expect(sizes.updates).toBe(2 * 15);
    }
  });

  it("completes a pending run before it hands on an event it does not compact", () => {
    const compactor = new EventCompactor();
    const block = { type: "text", text: "" };
    const partial = { role: "assistant", content: [block] } as unknown as AssistantMessage;
    compactor.compact({ type: "message_start", message: { ...partial, content: [] } });
    const start = { type: "text_start", contentIndex: 0, partial } as const;
    compactor.compact({ type: "message_update", assistantMessageEvent: start, message: partial });
    block.text = "ab cd "; // pi's parser ran one delta ahead
    const ahead = compactor.compact({
      type: "message_update",
      assistantMessageEvent: { type: "text_delta", contentIndex: 0, delta: "ab ", partial },
      message: partial,
    });
    expect(compactor.unsettled).toBe(true);
    const odd = {
      type: "message_update",
      assistantMessageEvent: { type: "start", partial },
      message: partial,
    };
    expect(compactor.compact(odd as unknown as WireEvent)).toBe(odd);
    expect(compactor.unsettled).toBe(false);
    expect(ahead).toEqual({
      type: "message_update",
      assistantMessageEvent: { type: "text_delta", contentIndex: 0, delta: "ab " },
      patch: { append: { text: "ab cd " } },
    });
  });

  it("leaves out turn_end's message only when message_end carried that very message", () => {
    const compactor = new EventCompactor();
    const message = { role: "assistant", content: [] } as unknown as AssistantMessage;
    compactor.compact({ type: "turn_start" });
    compactor.compact({ type: "message_end", message });
    expect(compactor.compact({ type: "turn_end", message, toolResults: [] })).toEqual({
      type: "turn_end",
      toolResults: [],
    });
    const other = { ...message };
    expect(compactor.compact({ type: "turn_end", message: other, toolResults: [] })).toEqual({
      type: "turn_end",
      message: other,
      toolResults: [],
    });
  });
});
