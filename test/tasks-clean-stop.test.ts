import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { useDatabases } from "./support/postgres.js";
import {
  readTask,
  slowTaskOnNodeA,
  type TaskNode,
  useTaskCluster,
  waitFor,
} from "./support/task-cluster.js";

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clean stop (SIGTERM) of a node: services first, then it leaves the cluster. */
async function stopCleanly(node: TaskNode): Promise<void> {
  await node.services.stop();
  await node.services.close();
  await node.node.leave();
}

describe("tasks of a node stopped cleanly (SIGTERM)", () => {
  const tempDir = useTempDirs();
  const newDatabase = useDatabases();
  const taskCluster = useTaskCluster();

  /** Node A runs one slow task; node B runs tasks too. */
  async function runningOnA(lostPolicy: "fail" | "requeue") {
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects: ["demo"],
      tasks: { concurrency: 1, lostPolicy, worktreeCleanup: "terminal", abortGraceMs: 500 },
      leaseTtlMs: 900,
    });
    return slowTaskOnNodeA(cluster, "interrupted");
  }

  it("puts its running task back to approved with TASK_LOST_POLICY=requeue, and another node runs it", async () => {
    const { a, b, id, running, agent } = await runningOnA("requeue");
    agent.delayMs = 10;
    await a.services.stop();
    const requeued = await readTask(b.services, "demo", id);
    expect(requeued).toMatchObject({
      status: "approved",
      startedAt: null,
      finishedAt: null,
      sessionId: null,
      branch: null,
      worktreePath: null,
      error: null,
    });
    expect(await exists(running.worktreePath as string)).toBe(false);
    await a.services.close();
    await a.node.leave();
    const done = await waitFor(
      () => readTask(b.services, "demo", id),
      (task) => ["completed", "failed", "cancelled"].includes(task.status),
      20_000,
    );
    expect(done).toMatchObject({ status: "completed", error: null });
    expect(done.startedAt).not.toBe(running.startedAt);
    expect(done.sessionId).not.toBe(running.sessionId);
    expect(agent.starts).toBe(2);
  }, 60_000);

  it("fails its running task with TASK_LOST_POLICY=fail, and nobody runs it again", async () => {
    const { a, b, id, agent } = await runningOnA("fail");
    agent.delayMs = 10;
    await stopCleanly(a);
    expect(await readTask(b.services, "demo", id)).toMatchObject({
      status: "failed",
      error: "The server shut down while the task was running",
    });
    await sleep(1000);
    expect((await readTask(b.services, "demo", id)).status).toBe("failed");
    expect(agent.starts).toBe(1);
  }, 60_000);
});
