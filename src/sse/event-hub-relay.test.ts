import { describe, expect, it } from "vitest";
import { MemoryEventLog } from "../storage/index.js";
import { EventHub } from "./event-hub.js";
import { EventSequence } from "./sequence.js";

const decoder = new TextDecoder();
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

function collector() {
  const frames: string[] = [];
  return {
    frames,
    subscriber: {
      send: (chunk: Uint8Array) => frames.push(...decoder.decode(chunk).split(/(?<=\n\n)/)) > 0,
      close() {},
    },
  };
}

describe("EventHub.relay", () => {
  it("sends logged events under their own ids, without logging them again", async () => {
    const log = new MemoryEventLog();
    const fullView = {
      primeTypes: new Set<string>(),
      expander: () => ({ expand: (event: unknown) => event, lacksContext: () => false }),
    };
    const hub = new EventHub<{ type: string }>({
      sequence: EventSequence.inMemory(),
      log,
      fullView,
    });
    const live = collector();
    const full = collector();
    hub.subscribe(live.subscriber);
    hub.subscribe(full.subscriber, { view: "full" });
    const seen: number[] = [];
    hub.observe({ event: (_event, id) => seen.push(id), close() {} });
    hub.relay({ id: 7, type: "a", data: '{"type":"a"}' });
    hub.relay({ id: 9, type: "b", data: '{"type":"b"}' }, { type: "b", expanded: true });
    await endOfTurn();
    expect(live.frames).toEqual(['id: 7\ndata: {"type":"a"}\n\n', 'id: 9\ndata: {"type":"b"}\n\n']);
    expect(full.frames).toEqual([
      'id: 7\ndata: {"type":"a"}\n\n',
      'id: 9\ndata: {"type":"b","expanded":true}\n\n',
    ]);
    expect(hub.lastId).toBe(9);
    expect(seen).toEqual([7, 9]);
    expect(log.lastId).toBe(0);
    const late = collector();
    hub.subscribe(late.subscriber, { lastEventId: 7 });
    expect(late.frames).toEqual(['id: 9\ndata: {"type":"b"}\n\n']);
  });

  it("refuses an id at or below the last one, changing nothing", async () => {
    const hub = new EventHub<{ type: string }>({ sequence: EventSequence.inMemory() });
    hub.relay({ id: 3, type: "a", data: '{"type":"a"}' });
    expect(() => hub.relay({ id: 3, type: "a", data: '{"type":"a"}' })).toThrow(RangeError);
    expect(() => hub.relay({ id: 2, type: "a", data: '{"type":"a"}' })).toThrow(RangeError);
    expect(hub.lastId).toBe(3);
    expect(hub.publish({ type: "next" })).toBe(4);
  });
});
