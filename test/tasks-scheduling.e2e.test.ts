import { stat } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { bootTaskServer, scriptTaskAgent, type TaskTestServer } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const finished = (task: { status: string }) =>
  !["pending", "approved", "running"].includes(task.status);

describe("task scheduling", () => {
  const tempDir = useTempDirs();
  const running: TaskTestServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ server }) => server.stop()));
  });

  async function setup(concurrency: number) {
    const t = await bootTaskServer(await tempDir(), { TASK_CONCURRENCY: String(concurrency) });
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    return t;
  }

  async function submit(t: TaskTestServer, name: string, priority = 0) {
    const response = await t.submit("demo", {
      title: name,
      prompt: `write ${name}.txt ${name}`,
      priority,
    });
    return (await readJson(response)).id as string;
  }

  const approve = (t: TaskTestServer, id: string) =>
    t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });

  it("runs queued tasks by priority (desc), then age, one at a time", async () => {
    const t = await setup(1);
    const started: string[] = [];
    scriptTaskAgent(t.faux, {
      delayMs: (prompt) => (prompt.includes("blocker") ? 400 : 20),
      onStart: (prompt) => started.push(prompt.split(" ")[1]?.replace(".txt", "") ?? "?"),
    });
    const blocker = await submit(t, "blocker");
    await approve(t, blocker);
    await t.waitForTask("demo", blocker, (task) => task.status === "running");

    const low = await submit(t, "low", 1);
    const highOld = await submit(t, "high-old", 5);
    const highNew = await submit(t, "high-new", 5);
    const top = await submit(t, "top", 10);
    // Approved in an order unrelated to priority; the queue decides.
    for (const id of [low, highNew, top, highOld]) expect((await approve(t, id)).status).toBe(200);

    const all = [blocker, low, highOld, highNew, top];
    for (const id of all) {
      expect((await t.waitForTask("demo", id, finished)).status).toBe("completed");
    }
    expect(started).toEqual(["blocker", "top", "high-old", "high-new", "low"]);
  });

  it("never runs more than TASK_CONCURRENCY tasks at once, and uses all of it", async () => {
    const t = await setup(2);
    let active = 0;
    let peak = 0;
    scriptTaskAgent(t.faux, {
      delayMs: 150,
      onStart: () => {
        active += 1;
        peak = Math.max(peak, active);
      },
      onEnd: () => {
        active -= 1;
      },
    });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(t, `task-${i}`));
    await Promise.all(ids.map((id) => approve(t, id)));
    const seen = new Set<number>();
    for (const id of ids) {
      const task = await t.waitForTask("demo", id, (candidate) => {
        seen.add(t.server.tasks.runningCount);
        return finished(candidate);
      });
      expect(task.status).toBe("completed");
    }
    expect(peak).toBe(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
  });

  it("cancels a queued task before it runs; it never starts", async () => {
    const t = await setup(1);
    const started: string[] = [];
    scriptTaskAgent(t.faux, {
      delayMs: (prompt) => (prompt.includes("blocker") ? 300 : 0),
      onStart: (prompt) => started.push(prompt),
    });
    const blocker = await submit(t, "blocker");
    await approve(t, blocker);
    await t.waitForTask("demo", blocker, (task) => task.status === "running");
    const queued = await submit(t, "queued");
    await approve(t, queued);
    const cancelled = await t.api(`/projects/demo/tasks/${queued}/cancel`, { method: "POST" });
    expect(await readJson(cancelled)).toMatchObject({ status: "cancelled", startedAt: null });
    expect((await t.waitForTask("demo", blocker, finished)).status).toBe("completed");
    expect(started).toEqual(["write blocker.txt blocker"]);
  });

  it("fails a running task on shutdown and keeps it failed after a restart", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    scriptTaskAgent(t.faux, { delayMs: 60_000 });
    const id = await submit(t, "slow");
    await approve(t, id);
    await t.waitForTask("demo", id, (task) => task.sessionStatus === "streaming");
    await t.server.stop();
    t.faux.unregister();

    const again = await bootTaskServer(workspace);
    running.push(again);
    const task = await readJson(await again.api(`/projects/demo/tasks/${id}`));
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/shut down while the task was running/);
  });

  it("removes a project's tasks and worktrees when the project is deleted mid-run", async () => {
    const t = await setup(1);
    scriptTaskAgent(t.faux, { delayMs: 60_000 });
    const id = await submit(t, "doomed");
    await approve(t, id);
    const runningTask = await t.waitForTask(
      "demo",
      id,
      (task) => task.sessionStatus === "streaming",
    );
    expect(runningTask.worktreePath).toContain(id);
    expect((await t.api("/projects/demo", { method: "DELETE" })).status).toBe(204);
    expect((await readJson(await t.api("/tasks"))).total).toBe(0);
    expect(t.server.tasks.runningCount).toBe(0);
    await expect(stat(runningTask.worktreePath)).rejects.toThrow();
  });
});
