import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { FileTaskStore } from "../src/tasks/file-task-store.js";
import { PgTaskStore } from "../src/tasks/pg-task-store.js";
import type { TaskStore } from "../src/tasks/task-store.js";
import { newTaskRecord, type TaskRecord } from "../src/tasks/task-types.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

function task(
  n: number,
  extra: Partial<TaskRecord> & { source?: string | null; externalId?: string | null } = {},
): TaskRecord {
  const base = newTaskRecord(id(n), "demo", { title: `t${n}`, prompt: `p${n}` }, at(n));
  return { ...base, ...extra };
}

const runningPlan = (current: TaskRecord) => ({
  branch: `tasks/${current.id}`,
  worktreePath: `/w/${current.id}`,
  startedAt: at(99),
});

const newDatabase = useDatabases();
const tempDir = useTempDirs();
const joinNode = useClusterNodes();

const backends: Array<[string, () => Promise<TaskStore>]> = [
  ["file", async () => FileTaskStore.open(await tempDir())],
  [
    "postgres",
    async () => new PgTaskStore({ cluster: await joinNode(await newDatabase(), { nodeId: "n1" }) }),
  ],
];

describe.each(backends)("task store conformance: %s", (_name, open) => {
  it("keeps a task as inserted and replaced, and forgets a deleted one", async () => {
    const store = await open();
    const original = task(1, { metadata: { issue: 7, labels: ["a"] }, source: "gh" });
    expect(await store.insert(original)).toEqual({ task: original, created: true });
    expect(await store.get(id(1))).toEqual(original);
    const updated = await store.update(id(1), (current) => ({ ...current, status: "approved" }));
    expect(updated.status).toBe("approved");
    expect(await store.get(id(1))).toEqual(updated);
    await store.delete(id(1));
    expect(await store.get(id(1))).toBeUndefined();
    await expect(store.update(id(1), (current) => current)).rejects.toThrow(/not in the store/);
  });

  it("deduplicates (project, source, external id), even when submissions race", async () => {
    const store = await open();
    const first = task(1, { source: "gh", externalId: "42" });
    await store.insert(first);
    const again = await store.insert(task(2, { source: "gh", externalId: "42" }));
    expect(again).toEqual({ task: first, created: false });
    expect((await store.insert(task(3, { source: "jira", externalId: "42" }))).created).toBe(true);
    expect(
      (await store.insert(task(4, { projectId: "other", source: "gh", externalId: "42" }))).created,
    ).toBe(true);
    expect((await store.findExternal("demo", "gh", "42"))?.id).toBe(id(1));
    expect(await store.findExternal("demo", "gh", "43")).toBeUndefined();
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.insert(task(10 + i, { source: null, externalId: "race" })),
      ),
    );
    expect(racing.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(racing.map((result) => result.task.id)).size).toBe(1);
  });

  it("lists newest first, filtered and paged, with the full total", async () => {
    const store = await open();
    await store.insert(task(1));
    await store.insert(task(2, { projectId: "other" }));
    await store.insert(task(3));
    await store.update(id(3), (current) => ({ ...current, status: "rejected" }));
    const all = await store.list({ limit: 10, offset: 0 });
    expect(all.items.map((item) => item.id)).toEqual([id(3), id(2), id(1)]);
    expect(all.total).toBe(3);
    expect((await store.list({ projectId: "demo", limit: 10, offset: 0 })).total).toBe(2);
    const rejected = await store.list({ status: "rejected", limit: 10, offset: 0 });
    expect(rejected.items.map((item) => item.id)).toEqual([id(3)]);
    const page = await store.list({ limit: 1, offset: 1 });
    expect(page).toEqual({ items: [await store.get(id(2))], total: 3 });
    expect((await store.list({ limit: 5, offset: 10 })).total).toBe(3);
    expect((await store.ofProject("demo")).map((item) => item.id).sort()).toEqual([id(1), id(3)]);
  });

  it("changes nothing when a change refuses", async () => {
    const store = await open();
    await store.insert(task(1));
    await expect(
      store.update(id(1), () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await store.get(id(1)))?.status).toBe("pending");
  });

  it("loses no update when many change one task at once", async () => {
    const store = await open();
    await store.insert(task(1));
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.update(id(1), (current) => ({ ...current, priority: current.priority + 1 })),
      ),
    );
    expect((await store.get(id(1)))?.priority).toBe(25);
  });

  it("claims approved tasks by priority, then age, each once", async () => {
    const store = await open();
    const approved = (n: number, priority: number) =>
      task(n, { status: "approved", priority, projectId: `p${n % 3}` });
    for (const record of [approved(1, 0), approved(2, 5), approved(3, 5), approved(4, -1)]) {
      await store.insert(record);
    }
    await store.insert(task(5, { priority: 100 }));
    const order: string[] = [];
    for (;;) {
      const claimed = await store.claim(runningPlan);
      if (!claimed) break;
      expect(claimed).toMatchObject({ status: "running", branch: `tasks/${claimed.id}` });
      expect(await store.get(claimed.id)).toEqual(claimed);
      order.push(claimed.id);
    }
    expect(order).toEqual([id(2), id(3), id(1), id(4)]);
  });

  it("gives each approved task to exactly one of many concurrent claims", async () => {
    const store = await open();
    for (let n = 1; n <= 12; n++) await store.insert(task(n, { status: "approved" }));
    const claims = await Promise.all(Array.from({ length: 30 }, () => store.claim(runningPlan)));
    const ids = claims.flatMap((claimed) => (claimed ? [claimed.id] : []));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it("counts tasks by status and knows the task of a session it ran", async () => {
    const store = await open();
    await store.insert(task(1));
    await store.insert(task(2, { status: "approved" }));
    await store.insert(task(3, { status: "approved" }));
    await store.update(id(2), (current) => ({ ...current, sessionId: "s-2" }));
    if (store instanceof PgTaskStore) await store.refreshCounts();
    expect(store.countsByStatus()).toMatchObject({ pending: 1, approved: 2, running: 0 });
    expect(store.taskIdForSession("demo", "s-2")).toBe(id(2));
    expect(store.taskIdForSession("other", "s-2")).toBeUndefined();
  });

  it("hands out strictly increasing creation times", async () => {
    const store = await open();
    const frozen = new Date("2026-01-01T00:00:05.000Z");
    const first = store.creationTime(frozen);
    const second = store.creationTime(frozen);
    expect(first).toBe("2026-01-01T00:00:05.000Z");
    expect(second > first).toBe(true);
  });
});
