import { describe, expect, it } from "vitest";
import { type EventPageReader, openReplyStart, type StoredEvent } from "./resume-point.js";

/** A reader over `events`, numbered from 1, recording the pages asked for. */
function readerOf(types: string[], options: { keptFrom?: number } = {}) {
  const events: StoredEvent[] = types.map((type, index) => {
    const [kind, role] = type.split(":");
    return {
      id: index + 1,
      event: { type: kind ?? type, ...(role ? { message: { role } } : {}) },
    };
  });
  const asked: Array<[number, number]> = [];
  const read: EventPageReader = async (after, limit) => {
    asked.push([after, limit]);
    const keptFrom = options.keptFrom ?? 1;
    const from = Math.max(after, keptFrom - 1);
    return {
      events: events.filter((event) => event.id > from && event.id <= from + limit),
      gap: after < keptFrom - 1,
    };
  };
  return { read, asked };
}

const run = [
  "agent_start",
  "message_start:user",
  "message_end:user",
  "message_start:assistant",
  "message_update",
  "message_update",
  "message_update",
];

describe("finding where the reply being streamed began", () => {
  it("is the id of the open assistant message_start", async () => {
    const { read } = readerOf(run);
    expect(await openReplyStart(read, 7)).toBe(4);
  });

  it("is undefined when the newest message has ended", async () => {
    const { read } = readerOf([...run, "message_end:assistant", "tool_execution_start"]);
    expect(await openReplyStart(read, 9)).toBeUndefined();
  });

  it("reads back page by page", async () => {
    const updates = Array.from({ length: 25 }, () => "message_update");
    const { read, asked } = readerOf([...run, ...updates]);
    expect(await openReplyStart(read, 32, { pageSize: 10 })).toBe(4);
    expect(asked).toEqual([
      [22, 10],
      [12, 10],
      [2, 10],
    ]);
  });

  it("gives up when the start is no longer kept, or too far back", async () => {
    const updates = Array.from({ length: 30 }, () => "message_update");
    expect(
      await openReplyStart(readerOf([...run, ...updates], { keptFrom: 20 }).read, 37, {
        pageSize: 10,
      }),
    ).toBeUndefined();
    expect(
      await openReplyStart(readerOf([...run, ...updates]).read, 37, { pageSize: 10, maxPages: 2 }),
    ).toBeUndefined();
  });
});
