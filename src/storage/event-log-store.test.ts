import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { type EventLogStore, fileEventLogs, memoryEventLogs } from "./event-log-store.js";

const event = (id: number) => ({ id, type: "x", data: `{"type":"x","n":${id}}` });

describe("event log stores", () => {
  const tempDir = useTempDirs("event-log-store-");

  const stores: Array<[string, () => Promise<{ store: EventLogStore; key: string }>]> = [
    ["files", async () => ({ store: fileEventLogs(), key: join(await tempDir(), "s.events") })],
    ["memory", async () => ({ store: memoryEventLogs(), key: "s" })],
  ];

  for (const [name, make] of stores) {
    it(`${name}: tells the last id without opening, keeps events across a reopen, removes`, async () => {
      const { store, key } = await make();
      expect(await store.lastId(key)).toBe(0);
      const log = await store.open(key);
      for (let id = 1; id <= 5; id++) log.append(event(id));
      await log.close();
      expect(await store.lastId(key)).toBe(5);
      const again = await store.open(key);
      expect(again.lastId).toBe(5);
      expect((await again.readAfter(3, 10)).events.map((e) => e.id)).toEqual([4, 5]);
      await again.close();
      await store.remove(key);
      expect(await store.lastId(key)).toBe(0);
    });
  }
});
