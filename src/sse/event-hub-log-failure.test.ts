import { describe, expect, it } from "vitest";
import { type LoggedEvent, MemoryEventLog } from "../storage/index.js";
import { EventHub } from "./event-hub.js";
import { EventSequence } from "./sequence.js";

const decoder = new TextDecoder();
type Event = { type: string; n?: number };
const diskFull = () =>
  Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A log that refuses appends for good once `refuseFrom` events were taken, as a full disk does. */
class RefusingLog extends MemoryEventLog {
  refuseFrom = Number.POSITIVE_INFINITY;
  closed = false;
  override append(event: LoggedEvent): void {
    if (event.id >= this.refuseFrom) throw diskFull();
    super.append(event);
  }
  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
  }
}

/** A log whose flushes fail while `failing` is set, keeping what it could not write. */
class FlakyLog extends MemoryEventLog {
  failing = false;
  override async flush(): Promise<void> {
    if (this.failing) throw new Error("connection refused");
  }
}

function subscriber() {
  const ids: number[] = [];
  return {
    ids,
    sink: {
      send: (chunk: Uint8Array) => {
        for (const match of decoder.decode(chunk).matchAll(/^id: (\d+)$/gm))
          ids.push(Number(match[1]));
        return true;
      },
      close() {},
    },
  };
}

describe("EventHub whose log fails", () => {
  it("goes on in memory when the log refuses an append, telling its owner once", async () => {
    const log = new RefusingLog();
    log.refuseFrom = 4;
    const errors: Array<{ message: string; dropped: boolean }> = [];
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log,
      onLogError: (error, dropped) => errors.push({ message: (error as Error).message, dropped }),
    });
    const live = subscriber();
    hub.subscribe(live.sink);
    for (let n = 1; n <= 6; n++) hub.publish({ type: "add", n }); // 4 to 6 refused by the log
    await nextTurn();
    // Late events are completed and logged in the batcher's turn: no throw escapes there either.
    hub.publish({ type: "add", n: 7 }, undefined, true);
    await nextTurn();
    expect(live.ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(errors).toEqual([{ message: "ENOSPC: no space left on device", dropped: true }]);
    expect(log.closed).toBe(true);
    expect(log.lastId).toBe(3);

    // Replay now reaches as far back as the ring.
    const resumed = subscriber();
    hub.subscribe(resumed.sink, { lastEventId: 2 });
    expect(resumed.ids).toEqual([3, 4, 5, 6, 7]);
    const page = await hub.page(0, 10);
    expect(page.events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await hub.close();
  });

  it("drops what is published after it closed, with no log failure to tell", async () => {
    const log = new RefusingLog();
    const errors: unknown[] = [];
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log,
      onLogError: (error) => errors.push(error),
    });
    expect(hub.publish({ type: "add", n: 1 })).toBe(1);
    await hub.close();
    expect(hub.publish({ type: "add", n: 2 })).toBe(0);
    hub.publish({ type: "add", n: 3 }, undefined, true);
    await nextTurn();
    expect(errors).toEqual([]);
    expect([hub.lastId, log.lastId]).toEqual([1, 1]);
  });

  it("tells its owner of failed writes once per run of failures, still sending the events", async () => {
    const log = new FlakyLog();
    const errors: boolean[] = [];
    const hub = new EventHub<Event>({
      sequence: EventSequence.inMemory(),
      log,
      onLogError: (_error, dropped) => errors.push(dropped),
    });
    const live = subscriber();
    hub.subscribe(live.sink);
    log.failing = true;
    for (let n = 1; n <= 3; n++) {
      hub.publish({ type: "add", n });
      await nextTurn();
    }
    expect(errors).toEqual([false]);
    log.failing = false;
    hub.publish({ type: "add", n: 4 });
    await nextTurn();
    log.failing = true;
    hub.publish({ type: "add", n: 5 });
    await nextTurn();
    expect(errors).toEqual([false, false]);
    expect(live.ids).toEqual([1, 2, 3, 4, 5]);
    expect(log.lastId).toBe(5);
    log.failing = false;
    await hub.close();
  });
});
