import { describe, expect, it } from "vitest";
import { MemoryEventLog } from "../storage/index.js";
import { EventHub, type FullView } from "./event-hub.js";
import { EventSequence } from "./sequence.js";

const decoder = new TextDecoder();
type Event = { type: string; n?: number; sum?: number };

function collector() {
  const frames: string[] = [];
  const gaps: Array<number | undefined> = [];
  return {
    frames,
    gaps,
    ids: () => frames.map((frame) => Number(/^id: (\d+)/.exec(frame)?.[1])),
    data: () => frames.map((frame) => JSON.parse(/data: (.*)\n/.exec(frame)?.[1] ?? "null")),
    sink: {
      send: (chunk: Uint8Array) => frames.push(...decoder.decode(chunk).split(/(?<=\n\n)/)) > 0,
      close() {},
    },
    onGap: (oldest: number | undefined) => gaps.push(oldest),
  };
}

/** A full view that adds the running sum of `n` since the last `start` event. */
const sumView: FullView<Event> = {
  primeTypes: new Set(["start"]),
  expander() {
    let sum: number | undefined;
    return {
      lacksContext: (event) => event.type === "add" && sum === undefined,
      expand(event) {
        if (event.type === "start") sum = 0;
        if (event.type === "add") sum = (sum ?? 0) + (event.n ?? 0);
        return { ...event, sum };
      },
    };
  },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A memory log that records where each read started. */
class ReadCountingLog extends MemoryEventLog {
  readonly reads: number[] = [];
  override readAfter(afterId: number, limit: number) {
    this.reads.push(afterId);
    return super.readAfter(afterId, limit);
  }
}

describe("EventHub with a log", () => {
  it("reads the log's primes once after a restart, not on every full-view replay", async () => {
    const log = new ReadCountingLog();
    for (let id = 1; id <= 100; id++) {
      const type = id === 1 || id === 51 ? "start" : "add";
      log.append({ id, type, data: JSON.stringify({ type, n: 1 }) });
    }
    // A new hub over the log, as after a restart: no primes in memory, a ring too small.
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log,
      fullView: sumView,
      bufferSize: 4,
    });
    const first = collector();
    hub.subscribe(first.sink, { lastEventId: 80, view: "full" });
    await settle();
    expect(first.ids()).toEqual(Array.from({ length: 20 }, (_, i) => i + 81));
    expect(first.data()[0]).toMatchObject({ type: "add", sum: 30 });
    expect(log.reads[0]).toBe(0); // the one scan for primes

    log.reads.length = 0;
    const second = collector();
    hub.subscribe(second.sink, { lastEventId: 90, view: "full" });
    const page = await hub.page(95, 10, "full");
    await settle();
    expect(second.ids()).toEqual(Array.from({ length: 10 }, (_, i) => i + 91));
    expect(second.data()[0]).toMatchObject({ type: "add", sum: 40 });
    expect(page.events.map((event) => event.id)).toEqual([96, 97, 98, 99, 100]);
    expect(log.reads.every((after) => after >= 50)).toBe(true); // from the prime, no scan
    await hub.close();
  });

  it("names the log's newest event as its last id after a restart, not the ids reserved past it", async () => {
    const log = new MemoryEventLog();
    for (let id = 1; id <= 5; id++) log.append({ id, type: "add", data: "{}" });
    const sequence = EventSequence.inMemory(100_005); // what a restart resumes above
    const hub = new EventHub<Event>({ sequence, log });
    expect(hub.lastId).toBe(5);
    const page = await hub.page(4, 10);
    expect(page.events.map((event) => event.id)).toEqual([5]);
    expect(hub.publish({ type: "add", n: 1 })).toBe(100_006);
    expect(hub.lastId).toBe(100_006);
    await hub.close();
  });

  it("replays from the log what the ring no longer holds, then goes live without gap or duplicate", async () => {
    const log = new MemoryEventLog();
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), log, bufferSize: 4 });
    for (let n = 1; n <= 20; n++) hub.publish({ type: "add", n });
    const late = collector();
    hub.subscribe(late.sink, { lastEventId: 5, onGap: late.onGap });
    hub.publish({ type: "add", n: 21 }); // published while the replay is read
    await settle();
    hub.publish({ type: "add", n: 22 });
    await settle();
    expect(late.gaps).toEqual([]);
    expect(late.ids()).toEqual(Array.from({ length: 17 }, (_, i) => i + 6));
  });

  it("rebuilds the full view from the last prime before the client's id", async () => {
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log: new MemoryEventLog(),
      fullView: sumView,
      bufferSize: 2,
    });
    hub.publish({ type: "start" });
    for (let n = 1; n <= 5; n++) hub.publish({ type: "add", n });
    const full = collector();
    hub.subscribe(full.sink, { lastEventId: 4, view: "full" });
    await settle();
    hub.publish({ type: "add", n: 6 }, { type: "add", n: 6, sum: 21 });
    await settle();
    expect(full.data()).toEqual([
      { type: "add", n: 4, sum: 10 },
      { type: "add", n: 5, sum: 15 },
      { type: "add", n: 6, sum: 21 },
    ]);
  });

  it("reports a gap when retention removed events after the client's id", async () => {
    const log = new MemoryEventLog({ retention: { maxBytes: 200 }, segmentBytes: 100 });
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), log, bufferSize: 2 });
    for (let n = 1; n <= 40; n++) hub.publish({ type: "add", n });
    const stale = collector();
    hub.subscribe(stale.sink, { lastEventId: 1, onGap: stale.onGap });
    await settle();
    expect(stale.gaps).toHaveLength(1);
    expect(stale.gaps[0]).toBeGreaterThan(2);
    expect(stale.frames).toEqual([]);
  });

  it("pages events in order with a cursor that reaches the newest id", async () => {
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log: new MemoryEventLog(),
      fullView: sumView,
      bufferSize: 3,
    });
    hub.publish({ type: "start" });
    for (let n = 1; n <= 9; n++) hub.publish({ type: "add", n });
    const first = await hub.page(0, 4);
    expect(first.events.map((event) => event.id)).toEqual([1, 2, 3, 4]);
    expect(first.complete).toBe(false);
    const rest = await hub.page(4, 100, "full");
    expect(rest.events.map((event) => JSON.parse(event.data).sum)).toEqual([
      10, 15, 21, 28, 36, 45,
    ]);
    expect(rest.complete).toBe(true);
    expect(rest.lastId).toBe(10);
  });

  it("drops a subscriber whose replay is still being read when too many live frames wait", () => {
    const log = new MemoryEventLog();
    log.readAfter = () => new Promise(() => undefined); // a log that never answers
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory(), log, bufferSize: 2 });
    for (let n = 1; n <= 5; n++) hub.publish({ type: "add", n });
    const closed: string[] = [];
    hub.subscribe({ send: () => true, close: (reason) => closed.push(reason) }, { lastEventId: 1 });
    for (let n = 0; n < 4096; n++) hub.publish({ type: "add", n });
    expect(closed).toEqual([]);
    hub.publish({ type: "add" });
    expect(closed).toEqual(["overloaded"]);
    expect(hub.subscriberCount).toBe(0);
  });
});
