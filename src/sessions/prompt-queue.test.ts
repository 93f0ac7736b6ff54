import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { PromptQueue, PromptQueueStore } from "./prompt-queue.js";

const image = { type: "image" as const, data: "aGVsbG8=", mimeType: "image/png" };

describe("PromptQueue", () => {
  const tempDir = useTempDirs();

  it("keeps prompts in the order they were added, numbered from 1, across a reload", async () => {
    const store = new PromptQueueStore(await tempDir());
    const queue = await PromptQueue.open(store, "s1");
    const first = await queue.add("one", undefined, new Date("2026-01-01T00:00:00Z"));
    await queue.add("two", [image]);
    await queue.add("three");
    expect(first).toEqual({
      id: expect.any(String),
      text: "one",
      imageCount: 0,
      queuedAt: "2026-01-01T00:00:00.000Z",
      position: 1,
    });

    const reloaded = await PromptQueue.open(store, "s1");
    expect(reloaded.list().map((item) => [item.text, item.position, item.imageCount])).toEqual([
      ["one", 1, 0],
      ["two", 2, 1],
      ["three", 3, 0],
    ]);
    expect(reloaded.list()).toEqual(queue.list());
    expect(reloaded.head()).toMatchObject({ id: first.id, text: "one" });
  });

  it("keeps a prompt's images on disk for its run, without listing their data", async () => {
    const store = new PromptQueueStore(await tempDir());
    const queue = await PromptQueue.open(store, "s1");
    await queue.add("look", [image]);
    const reloaded = await PromptQueue.open(store, "s1");
    expect(reloaded.head()?.images).toEqual([image]);
    expect(JSON.stringify(reloaded.list())).not.toContain(image.data);
  });

  it("removes one prompt and renumbers the rest; an unknown id changes nothing", async () => {
    const store = new PromptQueueStore(await tempDir());
    const queue = await PromptQueue.open(store, "s1");
    await queue.add("one");
    const two = await queue.add("two");
    await queue.add("three");
    expect(await queue.remove(two.id)).toBe(true);
    expect(await queue.remove(two.id)).toBe(false);
    expect(await queue.remove("nope")).toBe(false);
    const reloaded = await PromptQueue.open(store, "s1");
    expect(reloaded.list().map((item) => `${item.position}:${item.text}`)).toEqual([
      "1:one",
      "2:three",
    ]);
  });

  it("keeps the on-busy default beside the queue, `reject` until set", async () => {
    const store = new PromptQueueStore(await tempDir());
    const queue = await PromptQueue.open(store, "s1");
    expect(queue.defaultPolicy).toBe("reject");
    await queue.setDefaultPolicy("enqueue");
    expect((await PromptQueue.open(store, "s1")).defaultPolicy).toBe("enqueue");
    expect((await PromptQueue.open(store, "s2")).defaultPolicy).toBe("reject");
  });

  it("deletes the file once nothing is left to keep, and finds only sessions with prompts", async () => {
    const dir = await tempDir();
    const store = new PromptQueueStore(dir);
    const a = await PromptQueue.open(store, "a");
    const b = await PromptQueue.open(store, "b");
    const c = await PromptQueue.open(store, "c");
    const item = await a.add("one");
    await b.add("two");
    await c.setDefaultPolicy("interrupt");
    expect((await store.sessionsWithQueuedPrompts()).sort()).toEqual(["a", "b"]);
    await a.remove(item.id);
    expect(await store.sessionsWithQueuedPrompts()).toEqual(["b"]);
    expect((await readdir(dir)).sort()).toEqual(["b.prompt-queue.json", "c.prompt-queue.json"]);
    await b.destroy();
    await b.add("after destroy");
    expect(await readdir(dir)).toEqual(["c.prompt-queue.json"]);
  });

  it("writes changes made at once in order, so the file ends with the last", async () => {
    const store = new PromptQueueStore(await tempDir());
    const queue = await PromptQueue.open(store, "s1");
    await Promise.all(Array.from({ length: 20 }, (_, i) => queue.add(`p${i}`)));
    const reloaded = await PromptQueue.open(store, "s1");
    expect(reloaded.list().map((item) => item.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `p${i}`),
    );
  });

  it("moves a file that does not parse aside and starts empty", async () => {
    const dir = await tempDir();
    const store = new PromptQueueStore(dir);
    await writeFile(join(dir, "s1.prompt-queue.json"), '{"version":1,"items":[{"id":');
    const queue = await PromptQueue.open(store, "s1");
    expect(queue.length).toBe(0);
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^s1\.prompt-queue\.json\.corrupt-\d+$/);
    expect(await readFile(join(dir, names[0] as string), "utf8")).toContain('"items"');
  });

  it("undoes a change whose write failed", async () => {
    class FullDisk extends PromptQueueStore {
      override save(): Promise<void> {
        return Promise.reject(new Error("disk full"));
      }
    }
    const queue = await PromptQueue.open(new FullDisk(await tempDir()), "s1");
    await expect(queue.add("lost")).rejects.toThrow("disk full");
    await queue.flush();
    expect(queue.length).toBe(0);
  });

  it("lives in memory without a store", async () => {
    const queue = PromptQueue.inMemory("s1");
    await queue.add("one");
    expect(queue.list()).toHaveLength(1);
    await queue.flush();
  });
});
