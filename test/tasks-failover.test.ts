import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { scriptTaskAgent } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { useDatabases } from "./support/postgres.js";
import {
  approveTask,
  readTask,
  slowTaskOnNodeA,
  useTaskCluster,
  waitFor,
} from "./support/task-cluster.js";

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("tasks when a node dies or another node acts on them", () => {
  const tempDir = useTempDirs();
  const newDatabase = useDatabases();
  const taskCluster = useTaskCluster();

  /** Node A runs one slow task; node B joins while it runs. */
  async function runningOnA(lostPolicy: "fail" | "requeue", leaseTtlMs = 900) {
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects: ["demo"],
      tasks: { concurrency: 1, lostPolicy, worktreeCleanup: "terminal" },
      leaseTtlMs,
    });
    return { cluster, ...(await slowTaskOnNodeA(cluster, "doomed")) };
  }

  it("fails the running task of a crashed node once its lease ran out, and not before", async () => {
    const { a, b, id, running } = await runningOnA("fail", 1500);
    // Longer than a lease: node A's heartbeats keep the task its own.
    await sleep(1800);
    const meanwhile = await readTask(b.services, "demo", id);
    expect(meanwhile.status).toBe("running");
    expect(meanwhile.sessionStatus).toBeNull();

    await a.node.crash();
    const lease = await b.node.database.query<{ expires_at: Date }>(
      "SELECT expires_at FROM leases WHERE resource = $1",
      [`task:${id}`],
    );
    const failed = await waitFor(
      () => readTask(b.services, "demo", id),
      (task) => task.status !== "running",
      10_000,
    );
    // Not before the crashed node's claim on it ran out.
    const expiresAt = lease.rows[0]?.expires_at;
    expect(expiresAt).toBeInstanceOf(Date);
    expect(Date.parse(failed.finishedAt ?? "")).toBeGreaterThanOrEqual(
      expiresAt?.getTime() ?? Infinity,
    );
    expect(failed).toMatchObject({
      status: "failed",
      error: "node node-a stopped while running it",
      worktreePath: null,
    });
    expect(failed.finishedAt).not.toBeNull();
    expect(await exists(running.worktreePath as string)).toBe(false);
  }, 60_000);

  it("requeues the running task of a crashed node with TASK_LOST_POLICY=requeue, and a survivor runs it", async () => {
    const { a, b, id, running, agent } = await runningOnA("requeue");
    agent.delayMs = 10;
    await a.node.crash();
    const done = await waitFor(
      () => readTask(b.services, "demo", id),
      (task) => ["completed", "failed", "cancelled"].includes(task.status),
      20_000,
    );
    expect(done).toMatchObject({ status: "completed", error: null, worktreePath: null });
    expect(done.startedAt).not.toBe(running.startedAt);
    expect(done.sessionId).not.toBe(running.sessionId);
    expect(done.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(agent.starts).toBe(2);
  }, 60_000);

  it("fails at a restart only the tasks this node id had claimed, at once", async () => {
    const { cluster, a, b, id } = await runningOnA("fail", 10_000);
    const { task: other } = await b.services.tasks.submit("demo", {
      title: "later",
      prompt: "write later.txt later",
    });
    await a.node.crash();
    const restarted = await cluster.add("node-a");
    await restarted.services.tasks.ready();
    expect(await readTask(b.services, "demo", id)).toMatchObject({
      status: "failed",
      error: "The server stopped while the task was running; it was not resumed",
    });
    expect((await readTask(b.services, "demo", other.id)).status).toBe("pending");
  }, 60_000);

  it("stops a task running on one node when another node cancels it", async () => {
    const { a, b, id } = await runningOnA("fail");
    expect(a.services.tasks.runningCount).toBe(1);
    const cancelled = await b.services.tasks.cancel("demo", id);
    expect(cancelled).toMatchObject({ status: "cancelled", error: "Cancelled while running" });
    expect(a.services.tasks.runningCount).toBe(0);
    expect((await readTask(a.services, "demo", id)).status).toBe("cancelled");

    const { task: pending } = await a.services.tasks.submit("demo", { title: "t", prompt: "p" });
    expect((await b.services.tasks.reject("demo", pending.id, "no")).status).toBe("rejected");
    await expect(a.services.tasks.approve("demo", pending.id)).rejects.toMatchObject({
      code: "TASK_STATUS_CONFLICT",
    });
    await b.services.tasks.delete("demo", pending.id);
    await expect(a.services.tasks.get("demo", pending.id)).rejects.toMatchObject({
      code: "TASK_NOT_FOUND",
    });
  }, 60_000);

  it("leaves tasks to worker nodes on an api node, and a worker node that joins runs them", async () => {
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects: ["demo"],
    });
    scriptTaskAgent(cluster.faux, { delayMs: 10 }, 4);
    const worker = await cluster.add("node-a");
    const api = await cluster.add("node-api", {}, "api");
    await api.services.tasks.ready();
    const id = await approveTask(api.services, "demo", "queued");
    await sleep(700);
    expect((await readTask(api.services, "demo", id)).status).toBe("approved");
    await worker.services.tasks.ready();
    const done = await waitFor(
      () => readTask(api.services, "demo", id),
      (task) => task.status === "completed",
      20_000,
    );
    expect(done.error).toBeNull();
  }, 60_000);
});
