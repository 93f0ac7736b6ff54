import { describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger.js";
import { EventHub } from "../sse/event-hub.js";
import { EventSequence } from "../sse/sequence.js";
import { createEventClassifier } from "./event-classifier.js";
import type { WireEvent } from "./wire-event.js";
import { modelledEventTypes } from "./wire-event-schema.js";

const decoder = new TextDecoder();

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "debug", write: (line) => lines.push(line) }) };
}

/** An event pi might emit after an upgrade, before the contract is regenerated. */
const unmodelled = (type: string) => ({ type }) as unknown as WireEvent;

describe("createEventClassifier", () => {
  it("stays silent for every modelled type", () => {
    const { lines, logger } = capture();
    const classify = createEventClassifier(logger);
    for (const type of modelledEventTypes) classify({ type });
    expect(modelledEventTypes.has("message_update")).toBe(true);
    expect(modelledEventTypes.has("extension_ui_request")).toBe(true);
    expect(lines).toEqual([]);
  });

  it("logs one warning per unknown type, not per event", () => {
    const { lines, logger } = capture();
    const classify = createEventClassifier(logger);
    for (let i = 0; i < 5; i++) classify({ type: "future_event" });
    classify({ type: "other_event" });
    classify({});
    classify({});
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/warn forwarding an event type the contract does not model/);
    expect(lines[0]).toContain("eventType=future_event");
    expect(lines[1]).toContain("eventType=other_event");
    expect(lines[2]).toContain('eventType="(missing)"');
  });

  it("stops remembering new unknown types at maxReported", () => {
    const { lines, logger } = capture();
    const classify = createEventClassifier(logger, { maxReported: 2 });
    for (let i = 0; i < 50; i++) classify({ type: `garbage_${i}` });
    expect(lines).toHaveLength(2);
  });
});

describe("EventHub classification", () => {
  it("forwards an unmodelled event unchanged and reports its type once", async () => {
    const { lines, logger } = capture();
    const hub = new EventHub({
      sequence: EventSequence.inMemory(),
      classify: createEventClassifier(logger),
    });
    const frames: string[] = [];
    hub.subscribe({
      send: (frame) => frames.push(decoder.decode(frame)) > 0,
      close: () => undefined,
    });
    hub.publish(unmodelled("future_event"));
    hub.publish(unmodelled("future_event"));
    hub.publish({ type: "agent_start" });
    await new Promise((resolve) => setImmediate(resolve)); // frames go out once per turn
    expect(frames.join("")).toBe(
      'id: 1\ndata: {"type":"future_event"}\n\n' +
        'id: 2\ndata: {"type":"future_event"}\n\n' +
        'id: 3\ndata: {"type":"agent_start"}\n\n',
    );
    expect(lines).toHaveLength(1);
  });
});
