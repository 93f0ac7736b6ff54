import { describe, expect, it } from "vitest";
import { currentLease, tryAcquireLease } from "../src/cluster/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { takeOverLostTasks } from "../src/tasks/pg-task-failover.js";
import { PgTaskStore } from "../src/tasks/pg-task-store.js";
import { newTaskRecord, type TaskRecord } from "../src/tasks/task-types.js";
import type { TaskWorktrees } from "../src/tasks/task-worktrees.js";
import { type TestClusterNode, useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const approved = (n: number, projectId: string, priority = 0): TaskRecord => ({
  ...newTaskRecord(
    id(n),
    projectId,
    { title: `t${n}`, prompt: "p", priority },
    new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  ),
  status: "approved",
});
const plan = (task: TaskRecord) => ({ branch: `tasks/${task.id}`, worktreePath: `/w/${task.id}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Worktrees that record what was cleaned, standing in for git on a volume. */
function recordingWorktrees(cleaned: string[]): TaskWorktrees {
  return {
    cleanUp: async (task: TaskRecord) => {
      cleaned.push(task.id);
      return { worktreePath: null };
    },
    discard: async (task: TaskRecord) => {
      cleaned.push(task.id);
    },
  } as unknown as TaskWorktrees;
}

describe("claims and failover on the shared tasks table", () => {
  const newDatabase = useDatabases();
  const joinNode = useClusterNodes();

  async function nodes(count: number, options: { leaseTtlMs?: number } = {}) {
    const url = await newDatabase();
    const joined: TestClusterNode[] = [];
    for (let i = 0; i < count; i++)
      joined.push(await joinNode(url, { nodeId: `n${i}`, ...options }));
    return joined;
  }

  it("gives every task to exactly one of several racing nodes, and a project to one node at a time", async () => {
    const cluster = await nodes(3);
    const stores = cluster.map((cluster) => new PgTaskStore({ cluster }));
    for (let n = 1; n <= 30; n++) await stores[0]?.insert(approved(n, `p${n % 5}`));
    const claimedBy = new Map<string, string[]>();
    await Promise.all(
      stores.map(async (store, index) => {
        for (let round = 0; round < 30; round++) {
          const task = await store.claim(plan);
          if (task) claimedBy.set(task.id, [...(claimedBy.get(task.id) ?? []), `n${index}`]);
        }
      }),
    );
    expect(claimedBy.size).toBe(30);
    expect([...claimedBy.values()].every((claimants) => claimants.length === 1)).toBe(true);
    const db = (cluster[0] as TestClusterNode).database;
    for (let p = 0; p < 5; p++) {
      const owner = (await currentLease(db, `project:p${p}`))?.nodeId;
      const runners = new Set(
        [...claimedBy]
          .filter(([taskId]) => Number(taskId.slice(-12)) % 5 === p)
          .map(([, by]) => by[0]),
      );
      expect([...runners]).toEqual([owner]);
    }
  });

  it("stops at the cluster-wide cap whichever node claims", async () => {
    const cluster = await nodes(2);
    const stores = cluster.map((cluster) => new PgTaskStore({ cluster, clusterConcurrency: 4 }));
    for (let n = 1; n <= 12; n++) await stores[0]?.insert(approved(n, `p${n % 6}`));
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => stores[i % 2]?.claim(plan)),
    );
    expect(claims.filter(Boolean)).toHaveLength(4);
    const first = claims.find((claimed) => claimed !== undefined) as TaskRecord;
    await stores[0]?.update(first.id, (task) => ({ ...task, status: "completed" }));
    expect(await stores[1]?.claim(plan)).toBeDefined();
    expect(await stores[0]?.claim(plan)).toBeUndefined();
  });

  it("skips tasks of a project another live node owns", async () => {
    const [a, b] = await nodes(2);
    const storeB = new PgTaskStore({ cluster: b as TestClusterNode });
    await storeB.insert(approved(1, "owned", 10));
    await storeB.insert(approved(2, "free", 0));
    await tryAcquireLease((a as TestClusterNode).database, "project:owned", "n0", 60_000);
    expect((await storeB.claim(plan))?.id).toBe(id(2));
    expect(await storeB.claim(plan)).toBeUndefined();
  });

  it("lets exactly one survivor take over each task of a dead node, and only after its lease", async () => {
    const [dead, ...survivors] = await nodes(4, { leaseTtlMs: 1500 });
    const deadStore = new PgTaskStore({ cluster: dead as TestClusterNode });
    for (let n = 1; n <= 6; n++) await deadStore.insert(approved(n, `p${n % 2}`));
    for (let n = 1; n <= 6; n++) expect(await deadStore.claim(plan)).toBeDefined();
    await deadStore.requestCancel(id(6));
    const cleaned: string[] = [];
    const sweep = (node: TestClusterNode) =>
      takeOverLostTasks({
        database: node.database,
        nodeId: node.nodeId,
        policy: "fail",
        worktrees: recordingWorktrees(cleaned),
        now: () => new Date(),
        logger: silentLogger,
      });
    expect(await sweep(survivors[0] as TestClusterNode)).toEqual([]);
    await (dead as TestClusterNode).crash();
    await sleep(1800); // past the dead node's lease
    const results = await Promise.all(survivors.map((node) => sweep(node)));
    const taken = results.flat();
    expect(taken.map((task) => task.id).sort()).toEqual([1, 2, 3, 4, 5, 6].map(id));
    expect(cleaned.sort()).toEqual([1, 2, 3, 4, 5, 6].map(id));
    const store = new PgTaskStore({ cluster: survivors[0] as TestClusterNode });
    for (let n = 1; n <= 5; n++) {
      expect(await store.get(id(n))).toMatchObject({
        status: "failed",
        error: "node n0 stopped while running it",
        worktreePath: null,
      });
    }
    expect((await store.get(id(6)))?.status).toBe("cancelled");
    expect(
      await currentLease((survivors[0] as TestClusterNode).database, `task:${id(1)}`),
    ).toBeUndefined();
  });

  it("requeues a dead node's tasks with their run fields cleared, ready for another claim", async () => {
    const [dead, survivor] = await nodes(2, { leaseTtlMs: 600 });
    const deadStore = new PgTaskStore({ cluster: dead as TestClusterNode });
    await deadStore.insert(approved(1, "demo"));
    await deadStore.claim(plan);
    await deadStore.update(id(1), (task) => ({ ...task, sessionId: "s1", resultText: "half" }));
    await (dead as TestClusterNode).crash();
    await sleep(1800); // past the dead node's lease
    const discarded: string[] = [];
    const [requeued] = await takeOverLostTasks({
      database: (survivor as TestClusterNode).database,
      nodeId: "n1",
      policy: "requeue",
      worktrees: recordingWorktrees(discarded),
      now: () => new Date(),
      logger: silentLogger,
    });
    expect(requeued).toMatchObject({
      status: "approved",
      sessionId: null,
      branch: null,
      worktreePath: null,
      startedAt: null,
      resultText: null,
    });
    expect(discarded).toEqual([id(1)]);
    const store = new PgTaskStore({ cluster: survivor as TestClusterNode });
    expect((await store.claim(plan))?.id).toBe(id(1));
  });
});
