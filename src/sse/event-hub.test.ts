import { describe, expect, it } from "vitest";
import { EventHub } from "./event-hub.js";
import { EventSequence } from "./sequence.js";

const decoder = new TextDecoder();

type Event = { type: string; n?: number; text?: string };

function collector() {
  const frames: string[] = [];
  return {
    frames,
    subscriber: {
      // A replay may join several frames into one chunk.
      send: (chunk: Uint8Array) => frames.push(...decoder.decode(chunk).split(/(?<=\n\n)/)) > 0,
      close() {},
    },
  };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("EventHub", () => {
  it("numbers events, serialises each once per frame and replays after Last-Event-ID", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), bufferSize: 4 });
    hub.publish({ type: "a" });
    hub.publish({ type: "b" });
    const late = collector();
    hub.subscribe(late.subscriber, { lastEventId: 1 });
    hub.publish({ type: "message_update" });
    expect(late.frames).toHaveLength(1); // the replay at once, a burst's frames at the end of the turn
    await endOfTurn();
    expect(late.frames).toEqual([
      'id: 2\ndata: {"type":"b"}\n\n',
      'id: 3\ndata: {"type":"message_update"}\n\n',
    ]);
  });

  it("sends events at the end of the turn, agent_end once its publisher is done, with what waits before it", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const live = collector();
    hub.subscribe(live.subscriber);
    hub.publish({ type: "message_update", n: 1 });
    hub.publish({ type: "tool_execution_end", n: 2 });
    expect(live.frames).toEqual([]);
    hub.publish({ type: "agent_end" });
    expect(live.frames).toEqual([]);
    await Promise.resolve();
    expect(live.frames).toEqual([
      'id: 1\ndata: {"type":"message_update","n":1}\n\n',
      'id: 2\ndata: {"type":"tool_execution_end","n":2}\n\n',
      'id: 3\ndata: {"type":"agent_end"}\n\n',
    ]);
    hub.publish({ type: "message_update", n: 4 });
    expect(live.frames).toHaveLength(3);
    await endOfTurn();
    expect(live.frames).toHaveLength(4);
  });

  it("sends a long burst in parts a few milliseconds apart, not all at the end of its turn", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const live = collector();
    hub.subscribe(live.subscriber);
    const started = performance.now();
    let n = 0;
    while (performance.now() - started < 30) hub.publish({ type: "message_update", n: n++ });
    // Still in the same turn of the event loop: most of the burst has gone out already.
    expect(live.frames.length).toBeGreaterThan(n / 2);
    await endOfTurn();
    expect(live.frames).toHaveLength(n);
  });

  it("serialises a late event when it is sent, after its publisher settled it, with the events behind it in order", async () => {
    const pending: Event[] = [];
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      settle: () => {
        for (const event of pending.splice(0)) event.text = "settled";
      },
    });
    const live = collector();
    const seen: number[] = [];
    hub.subscribe(live.subscriber);
    hub.observe({ event: (_event, id) => seen.push(id), close: () => undefined });
    const late = { type: "message_update", text: "unsettled" };
    pending.push(late);
    hub.publish(late, undefined, true);
    const after = { type: "message_update", text: "as published" };
    hub.publish(after);
    after.text = "changed later";
    expect(hub.lastId).toBe(2);
    expect(seen).toEqual([]); // held until sent
    await endOfTurn();
    expect(seen).toEqual([1, 2]);
    expect(live.frames).toEqual([
      'id: 1\ndata: {"type":"message_update","text":"settled"}\n\n',
      'id: 2\ndata: {"type":"message_update","text":"as published"}\n\n',
    ]);
    const page = await hub.page(0, 10);
    expect(page.events.map((event) => event.id)).toEqual([1, 2]);
  });

  it("reports a gap when the requested events are no longer buffered", () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), bufferSize: 2 });
    for (let n = 0; n < 5; n++) hub.publish({ type: "x", n });
    const gaps: Array<number | undefined> = [];
    hub.subscribe(collector().subscriber, { lastEventId: 1, onGap: (oldest) => gaps.push(oldest) });
    expect(gaps).toEqual([4]);
  });

  it("drops a subscriber that cannot keep up", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const closed: string[] = [];
    hub.subscribe({ send: () => false, close: (reason) => closed.push(reason) });
    hub.publish({ type: "a" });
    await endOfTurn();
    expect(closed).toEqual(["overloaded"]);
    expect(hub.subscriberCount).toBe(0);
  });

  it("hands observers the published objects without counting them as subscribers", () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const seen: Event[] = [];
    let closed = false;
    const stop = hub.observe({ event: (event) => seen.push(event), close: () => (closed = true) });
    const event = { type: "a" };
    hub.publish(event);
    expect(seen[0]).toBe(event);
    expect(hub.subscriberCount).toBe(0);
    stop();
    hub.publish({ type: "b" });
    expect(seen).toHaveLength(1);
    hub.observe({ event: (e) => seen.push(e), close: () => (closed = true) });
    hub.close();
    expect(closed).toBe(true);
    const refused: string[] = [];
    hub.observe({ event: () => undefined, close: () => refused.push("closed") });
    expect(refused).toEqual(["closed"]);
  });
});

describe("issue 14.4: session memory after a long reply", () => {
  const frameBytes = (n: number) =>
    new TextEncoder().encode(`id: ${n}\ndata: ${JSON.stringify({ type: "x", n })}\n\n`).byteLength;

  it("bounds the replay buffer by bytes, evicting the oldest frames first", () => {
    const maxBytes = 3 * frameBytes(10);
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), maxBytes });
    for (let n = 1; n <= 20; n++) hub.publish({ type: "x", n });
    expect(hub.replayBytes).toBeLessThanOrEqual(maxBytes);
    expect(hub.replayBytes).toBe(frameBytes(18) + frameBytes(19) + frameBytes(20));
    const late = collector();
    hub.subscribe(late.subscriber, { lastEventId: 17 });
    expect(late.frames.map((frame) => frame.split("\n")[0])).toEqual([
      "id: 18",
      "id: 19",
      "id: 20",
    ]);
  });

  it("reports a gap to a client whose Last-Event-ID fell out of the byte bound", () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), maxBytes: 200 });
    for (let n = 1; n <= 50; n++) hub.publish({ type: "x", n });
    const gaps: Array<number | undefined> = [];
    const stale = collector();
    hub.subscribe(stale.subscriber, { lastEventId: 2, onGap: (oldest) => gaps.push(oldest) });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toBeGreaterThan(3);
    expect(stale.frames).toEqual([]);
  });

  it("keeps no frame larger than the bound, and frees the bytes of evicted frames", () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), maxBytes: 100 });
    hub.publish({ type: "x", n: 1 });
    const small = hub.replayBytes;
    expect(small).toBeGreaterThan(0);
    hub.publish({ type: "x".repeat(200) });
    expect(hub.replayBytes).toBe(0);
    const gaps: Array<number | undefined> = [];
    hub.subscribe(collector().subscriber, { lastEventId: 1, onGap: (oldest) => gaps.push(oldest) });
    expect(gaps).toEqual([undefined]);
  });

  it("still bounds by count, and the byte total follows count evictions", () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), bufferSize: 2 });
    for (let n = 1; n <= 5; n++) hub.publish({ type: "x", n });
    expect(hub.replayBytes).toBe(frameBytes(4) + frameBytes(5));
  });
});
