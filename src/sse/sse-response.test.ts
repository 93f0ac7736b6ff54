import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { EventHub } from "./event-hub.js";
import { EventSequence } from "./sequence.js";
import { createSseResponse } from "./sse-response.js";

interface Frame {
  id: string | undefined;
  type: string;
}

/** Reads frames from an SSE response until `count` arrived, then cancels it. */
async function readFrames(response: Response, count: number): Promise<Frame[]> {
  const frames: Frame[] = [];
  const parser = createParser({
    onEvent: (message) => frames.push({ id: message.id, type: JSON.parse(message.data).type }),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  while (frames.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  await reader.cancel();
  return frames;
}

describe("issue 14.8: replay_gap has no SSE id, so Last-Event-ID stays exact", () => {
  it("sends the gap without an id and every id names one event", async () => {
    const hub = new EventHub<{ type: string }>({
      sequence: EventSequence.inMemory(),
      bufferSize: 2,
    });
    for (let n = 0; n < 5; n++) hub.publish({ type: "turn_start" });
    const response = createSseResponse({ hub, label: "s1", lastEventId: 1, heartbeatMs: 60_000 });
    const reading = readFrames(response, 2);
    await Promise.resolve();
    hub.publish({ type: "turn_end" });
    const frames = await reading;

    expect(frames).toEqual([
      { id: undefined, type: "replay_gap" },
      { id: "6", type: "turn_end" },
    ]);
  });

  it("omits the id also when the client is ahead of the server", async () => {
    const hub = new EventHub<{ type: string }>({ sequence: EventSequence.inMemory() });
    hub.publish({ type: "turn_start" });
    const frames = await readFrames(
      createSseResponse({ hub, label: "s1", lastEventId: 40, heartbeatMs: 60_000 }),
      1,
    );
    expect(frames).toEqual([{ id: undefined, type: "replay_gap" }]);
  });
});
