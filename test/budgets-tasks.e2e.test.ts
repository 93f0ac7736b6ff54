import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initProjectRepo } from "#test-support/git.js";
import { readJson } from "#test-support/json.js";
import { bootTaskServer, scriptTaskAgent, type TaskTestServer } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

describe("budgets and tasks (real git, faux agent)", () => {
  const tempDir = useTempDirs();
  const running: TaskTestServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ server }) => server.stop()));
  });

  it("aborts the task run that crosses the day budget, then refuses to approve the next task", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace);
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    await initProjectRepo(join(workspace, "demo"));
    scriptTaskAgent(t.faux);
    const put = await t.api("/projects/demo/budget", {
      method: "PUT",
      body: { day: { tokens: 10 } },
    });
    expect(put.status).toBe(200);

    const first = await readJson(
      await t.submit("demo", { title: "One", prompt: "write one.txt 1" }),
    );
    expect(
      (await t.api(`/projects/demo/tasks/${first.id}/approve`, { method: "POST" })).status,
    ).toBe(200);
    const done = await t.waitForTask(
      "demo",
      first.id,
      (task) => task.status !== "approved" && task.status !== "running",
    );
    // Its first model call used far more than 10 tokens: the run was aborted there.
    expect(done.status).toBe("cancelled");
    expect(done.resultText ?? null).toBeNull();

    const second = await readJson(
      await t.submit("demo", { title: "Two", prompt: "write two.txt 2" }),
    );
    const refused = await t.api(`/projects/demo/tasks/${second.id}/approve`, { method: "POST" });
    expect(refused.status).toBe(429);
    const problem = await readJson(refused);
    expect(problem.code).toBe("BUDGET_EXCEEDED");
    expect(problem.budget).toMatchObject({
      scope: "project",
      project: "demo",
      period: "day",
      metric: "tokens",
      limit: 10,
    });
    expect(problem.budget.spent).toBeGreaterThan(10);
    // Refused: the task is still pending, nothing ran.
    expect((await readJson(await t.api(`/projects/demo/tasks/${second.id}`))).status).toBe(
      "pending",
    );
  });
});
