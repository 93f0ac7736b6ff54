import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bareRemote, git, initProjectRepo } from "#test-support/git.js";
import { type Json, readJson } from "#test-support/json.js";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

describe("tasks under SIGKILL", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it("leaves no task running after a restart, the store intact and the worktree removed", async () => {
    const workspace = await tempDir();
    const env = {
      WORKSPACE_DIR: workspace,
      AGENT_SERVER_PORT: "0",
      WEBHOOK_SECRET: webhookSecret,
      TASK_WORKTREE_CLEANUP: "terminal",
    };
    const proc = runTs("test/fixtures/task-server.ts", { env });
    const url = (await waitForOutput(proc, /listening on (http:\/\/\S+)/))[1] as string;
    const call = (path: string, method = "GET", body?: unknown, token?: string) =>
      fetch(`${url}/v1${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    await call("/projects", "POST", { name: "Demo" });
    const projectDir = join(workspace, "demo");
    await initProjectRepo(projectDir, await bareRemote(await tempDir()));
    const queued: string[] = [];
    for (const title of ["runs", "waits"]) {
      const response = await call(
        "/projects/demo/tasks",
        "POST",
        { title, prompt: `write ${title}.txt x` },
        webhookSecret,
      );
      queued.push((await readJson(response)).id);
    }
    const [runningId, waitingId] = queued as [string, string];
    await call(`/projects/demo/tasks/${runningId}/approve`, "POST");
    let task: Json;
    for (let i = 0; i < 400; i++) {
      task = await readJson(await call(`/projects/demo/tasks/${runningId}`));
      if (task.sessionStatus === "streaming") break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(task.sessionStatus).toBe("streaming");
    // The write tool creates the file before it fills it: wait for the content itself.
    const written = () => readFile(join(task.worktreePath, "runs.txt"), "utf8").catch(() => "");
    for (let i = 0; i < 400; i++) {
      if ((await written()) === "x") break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await written()).toBe("x");
    await call(`/projects/demo/tasks/${waitingId}/approve`, "POST");

    proc.child.kill("SIGKILL");
    expect(await proc.exited).toBe("SIGKILL");

    const itemsDir = join(workspace, ".pi-global", "tasks", "items");
    const files = (await readdir(itemsDir)).filter((name) => name.endsWith(".json"));
    expect(files.sort()).toEqual([`${runningId}.json`, `${waitingId}.json`].sort());
    for (const file of files) JSON.parse(await readFile(join(itemsDir, file), "utf8"));

    // Restart without a model: the approved task is still queued and must not be lost.
    const server = await startServer(loadConfig({ ...env, TASK_CONCURRENCY: "1" }), silentLogger);
    servers.push(server);
    const after = await readJson(await fetch(`${server.url}/v1/projects/demo/tasks/${runningId}`));
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/server stopped while the task was running/);
    expect(after.worktreePath).toBeNull();
    await expect(stat(task.worktreePath)).rejects.toThrow();
    expect(git(projectDir, "worktree", "list")).not.toContain(runningId);
    expect(git(projectDir, "branch", "--list", `tasks/${runningId}`)).toContain(runningId);

    // The interrupted run's session is still a session of the project.
    const session = await fetch(`${server.url}/v1/projects/demo/sessions/${task.sessionId}`);
    expect(session.status).toBe(200);
    const roles = (await readJson(session)).messages.map((m: { role: string }) => m.role);
    expect(roles).toEqual(["user", "assistant", "toolResult"]);

    const waiting = await readJson(
      await fetch(`${server.url}/v1/projects/demo/tasks/${waitingId}`),
    );
    expect(["approved", "running", "failed"]).toContain(waiting.status);
    expect(waiting.error ?? "").not.toMatch(/server stopped/);
  }, 60_000);
});
