import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { FileTaskStore } from "./file-task-store.js";
import { newTaskRecord } from "./task-types.js";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const record = (
  n: number,
  createdAt: string,
  extra: { projectId?: string; externalId?: string } = {},
) =>
  newTaskRecord(
    id(n),
    extra.projectId ?? "demo",
    { title: `t${n}`, prompt: "p", source: "s", externalId: extra.externalId },
    createdAt,
  );

describe("FileTaskStore", () => {
  const tempDir = useTempDirs();

  it("persists inserts, updates and deletes across reopening", async () => {
    const dir = await tempDir();
    const store = await FileTaskStore.open(dir);
    await store.insert(record(1, "2026-01-01T00:00:00.000Z", { externalId: "x" }));
    await store.insert(record(2, "2026-01-01T00:00:01.000Z"));
    await store.update(id(1), (task) => ({ ...task, status: "approved" }));
    await store.delete(id(2));
    const reopened = await FileTaskStore.open(dir);
    expect(reopened.size).toBe(1);
    expect((await reopened.get(id(1)))?.status).toBe("approved");
    expect((await reopened.findExternal("demo", "s", "x"))?.id).toBe(id(1));
    expect(await reopened.findExternal("other", "s", "x")).toBeUndefined();
    expect(await readdir(dir)).toEqual([`${id(1)}.json`]);
  });

  it("applies a refused update to neither memory nor disk", async () => {
    const dir = await tempDir();
    const store = await FileTaskStore.open(dir);
    await store.insert(record(1, "2026-01-01T00:00:00.000Z"));
    await expect(
      store.update(id(1), () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await store.get(id(1)))?.status).toBe("pending");
    const file = JSON.parse(await readFile(join(dir, `${id(1)}.json`), "utf8"));
    expect(file.task.status).toBe("pending");
  });

  it("lands concurrent updates of one task in order", async () => {
    const dir = await tempDir();
    const store = await FileTaskStore.open(dir);
    await store.insert(record(1, "2026-01-01T00:00:00.000Z"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update(id(1), (task) => ({ ...task, priority: i })),
      ),
    );
    const file = JSON.parse(await readFile(join(dir, `${id(1)}.json`), "utf8"));
    expect(file.task.priority).toBe(19);
  });

  it("sweeps interrupted writes and leaves invalid files in place, logged", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, ".tmp-abc.json.0123456789ab"), "{");
    await writeFile(join(dir, `${id(9)}.json`), "{torn");
    const lines: string[] = [];
    const store = await FileTaskStore.open(
      dir,
      createLogger({ write: (line) => lines.push(line) }),
    );
    expect(store.size).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([`${id(9)}.json`]);
    expect(lines.join("\n")).toContain("unreadable task file");
  });

  it("lists newest first with filters and paging", async () => {
    const store = await FileTaskStore.open(await tempDir());
    await store.insert(record(1, "2026-01-01T00:00:01.000Z"));
    await store.insert(record(2, "2026-01-01T00:00:02.000Z", { projectId: "other" }));
    await store.insert(record(3, "2026-01-01T00:00:03.000Z"));
    await store.update(id(3), (task) => ({ ...task, status: "rejected" }));
    const all = await store.list({ limit: 10, offset: 0 });
    expect(all.items.map((task) => task.id)).toEqual([id(3), id(2), id(1)]);
    expect((await store.list({ projectId: "demo", limit: 10, offset: 0 })).total).toBe(2);
    expect((await store.list({ status: "rejected", limit: 10, offset: 0 })).items[0]?.id).toBe(
      id(3),
    );
    expect((await store.list({ limit: 1, offset: 1 })).items.map((task) => task.id)).toEqual([
      id(2),
    ]);
  });

  it("hands out strictly increasing creation times", async () => {
    const store = await FileTaskStore.open(await tempDir());
    await store.insert(record(1, "2026-01-01T00:00:05.000Z"));
    const frozen = new Date("2026-01-01T00:00:05.000Z");
    const first = store.creationTime(frozen);
    const second = store.creationTime(frozen);
    expect(first > "2026-01-01T00:00:05.000Z").toBe(true);
    expect(second > first).toBe(true);
  });
});
