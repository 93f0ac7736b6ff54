import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "./helpers/json.js";
import { bootTaskServer, scriptTaskAgent, type TaskTestServer } from "./helpers/tasks.js";
import { useTempDirs } from "./helpers/temp-dir.js";

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
});
