import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bareRemote, git, initProjectRepo, rejectPushes } from "#test-support/git.js";
import { readJson } from "#test-support/json.js";
import { parsePrometheusText, sampleValue } from "#test-support/prometheus-text.js";
import { openSse } from "#test-support/sse-client.js";
import {
  apiToken,
  bootTaskServer,
  scriptTaskAgent,
  type TaskTestServer,
} from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

describe("tasks end to end (real git, faux agent)", () => {
  const tempDir = useTempDirs();
  const running: TaskTestServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ server }) => server.stop()));
  });

  async function setup(env: Record<string, string> = {}, remote: "ok" | "reject" | "none" = "ok") {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace, env);
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    const projectDir = join(workspace, "demo");
    const remoteDir = remote === "none" ? undefined : await bareRemote(await tempDir());
    await initProjectRepo(projectDir, remoteDir);
    if (remote === "reject" && remoteDir) await rejectPushes(remoteDir);
    return { ...t, workspace, projectDir, remoteDir };
  }

  it("submit → pending → approve → running → completed, with the branch pushed", async () => {
    const t = await setup();
    scriptTaskAgent(t.faux);
    const stream = await openSse(`${t.server.url}/v1/tasks/events`);
    const submitted = await t.submit("demo", {
      title: "Add a greeting",
      prompt: "write hello.txt hi there",
    });
    expect(submitted.status).toBe(201);
    const { id, status } = await readJson(submitted);
    expect(status).toBe("pending");

    const approved = await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    expect(approved.status).toBe(200);
    const done = await t.waitForTask(
      "demo",
      id,
      (task) => task.status !== "approved" && task.status !== "running",
    );
    expect(done).toMatchObject({
      status: "completed",
      branch: `tasks/${id}`,
      pushed: true,
      error: null,
      resultText: "Wrote hello.txt.",
    });
    expect(done.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(git(t.remoteDir as string, "rev-parse", `refs/heads/tasks/${id}`)).toBe(done.commit);
    expect(git(t.remoteDir as string, "show", `tasks/${id}:hello.txt`)).toBe("hi there");
    expect(git(t.remoteDir as string, "log", "-1", "--format=%B", `tasks/${id}`)).toContain(
      `Task: ${id}`,
    );
    // The project's own checkout is untouched; the default policy removed the worktree.
    await expect(stat(join(t.projectDir, "hello.txt"))).rejects.toThrow();
    expect(done.worktreePath).toBeNull();
    expect(git(t.projectDir, "worktree", "list")).not.toContain(id);

    // The task's session is a normal session of the project.
    const history = await readJson(await t.api(`/projects/demo/sessions/${done.sessionId}`));
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "toolResult",
      "assistant",
    ]);
    const replay = await openSse(
      `${t.server.url}/v1/projects/demo/sessions/${done.sessionId}/events`,
      { lastEventId: 0 },
    );
    await replay.waitFor((events) =>
      events.some((e) => e.data.type === "task_status" && e.data.status === "completed"),
    );
    replay.close();
    expect(replay.events.map((e) => e.data.type)).toContain("agent_end");

    await stream.waitFor((events) => events.some((e) => e.data.status === "completed"));
    stream.close();
    const statuses = stream.events.map((e) => e.data.status as string);
    expect(statuses.filter((status, i) => status !== statuses[i - 1])).toEqual([
      "pending",
      "approved",
      "running",
      "completed",
    ]);
    expect(stream.events.map((e) => e.data.sessionStatus)).toContain("streaming");
    expect(stream.events.every((e) => e.data.taskId === id && e.data.projectId === "demo")).toBe(
      true,
    );

    // Usage records name the task; /metrics counts tasks by status.
    await t.server.usage.flush();
    const usageDir = join(t.workspace, ".pi-global", "usage");
    const logs = await Promise.all(
      (await readdir(usageDir)).map((file) => readFile(join(usageDir, file), "utf8")),
    );
    expect(logs.join("")).toContain(`"${id}"`);
    const scraped = await fetch(`${t.server.url}/metrics`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    const families = parsePrometheusText(await scraped.text());
    expect(sampleValue(families, "pi_tasks", { status: "completed" })).toBe(1);
    expect(sampleValue(families, "pi_tasks", { status: "running" })).toBe(0);
  });

  const finished = (task: { status: string }) =>
    !["pending", "approved", "running"].includes(task.status);

  async function start(t: TaskTestServer, body: Record<string, unknown>) {
    const { id } = await readJson(await t.submit("demo", body));
    expect((await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" })).status).toBe(
      200,
    );
    return id as string;
  }

  it("initialises a project without a repository and completes without pushing", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace);
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    scriptTaskAgent(t.faux);
    const id = await start(t, { title: "First", prompt: "write notes.md hello" });
    const done = await t.waitForTask("demo", id, finished);
    expect(done).toMatchObject({ status: "completed", pushed: null, prUrl: null });
    const projectDir = join(workspace, "demo");
    expect(git(projectDir, "log", "--format=%s", "main")).toBe("Initial commit");
    expect(git(projectDir, "show", `tasks/${id}:notes.md`)).toBe("hello");
  });

  it("rejects a pending task with a reason; it never runs", async () => {
    const t = await setup();
    const { id } = await readJson(await t.submit("demo", { title: "No", prompt: "write x y" }));
    const rejected = await t.api(`/projects/demo/tasks/${id}/reject`, {
      method: "POST",
      body: { reason: "out of scope" },
    });
    expect(await readJson(rejected)).toMatchObject({
      status: "rejected",
      rejectReason: "out of scope",
    });
    const again = await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    expect(again.status).toBe(409);
    expect((await readJson(again)).detail).toContain("rejected");
    expect(t.faux.state.callCount).toBe(0);
  });

  it("cancels a running task: the agent stops at once, not when its minute-long reply ends, and nothing is delivered", async () => {
    const t = await setup();
    scriptTaskAgent(t.faux, { delayMs: 60_000 });
    const id = await start(t, { title: "Slow", prompt: "write slow.txt never" });
    const runningTask = await t.waitForTask(
      "demo",
      id,
      (task) => task.sessionStatus === "streaming",
    );

    const deleting = await t.api(`/projects/demo/tasks/${id}`, { method: "DELETE" });
    expect(deleting.status).toBe(409);
    expect((await readJson(deleting)).code).toBe("TASK_STATUS_CONFLICT");

    const began = Date.now();
    const cancelled = await t.api(`/projects/demo/tasks/${id}/cancel`, { method: "POST" });
    // Well short of the scripted reply's 60 s, with room for a loaded machine.
    expect(Date.now() - began).toBeLessThan(5000);
    expect(await readJson(cancelled)).toMatchObject({
      status: "cancelled",
      commit: null,
      pushed: null,
    });
    const session = await readJson(await t.api(`/projects/demo/sessions/${runningTask.sessionId}`));
    expect(session.status).toBe("idle");
    expect(session.messages.at(-1)).toMatchObject({ role: "assistant", stopReason: "aborted" });
    expect(() => git(t.remoteDir as string, "rev-parse", `tasks/${id}`)).toThrow();
    expect((await t.api(`/projects/demo/tasks/${id}`, { method: "DELETE" })).status).toBe(204);
  });

  it("fails a task that exceeds TASK_TIMEOUT_MS, saying so", async () => {
    const t = await setup({ TASK_TIMEOUT_MS: "1000" });
    scriptTaskAgent(t.faux, { delayMs: 60_000 });
    const id = await start(t, { title: "Forever", prompt: "write a.txt b" });
    const done = await t.waitForTask("demo", id, finished);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/timed out after 1000 ms/i);
    expect(done.pushed).toBeNull();
  });

  it("records a push the remote rejects as a failure", async () => {
    const t = await setup({}, "reject");
    scriptTaskAgent(t.faux);
    const id = await start(t, { title: "Rejected push", prompt: "write p.txt q" });
    const done = await t.waitForTask("demo", id, finished);
    expect(done).toMatchObject({ status: "failed", pushed: false });
    expect(done.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(done.pushError).toContain("pushes are closed");
    expect(done.error).toMatch(/^Push failed/);
    expect(done.worktreePath).not.toBeNull();
  });

  it("records a failing TASK_PR_COMMAND as a failure", async () => {
    const t = await setup({ TASK_PR_COMMAND: "echo 'no PR for you' >&2; exit 3" });
    scriptTaskAgent(t.faux);
    const id = await start(t, { title: "PR fails", prompt: "write r.txt s" });
    const done = await t.waitForTask("demo", id, finished);
    expect(done).toMatchObject({ status: "failed", pushed: true, prUrl: null });
    expect(done.prError).toMatch(/exited with 3: no PR for you/);
  });

  it("records the last URL a succeeding TASK_PR_COMMAND prints", async () => {
    const t = await setup({
      TASK_PR_COMMAND:
        'echo "see https://example.com/docs"; echo "opened https://git.example.com/pr/$TASK_BRANCH?c=$TASK_COMMIT."',
    });
    scriptTaskAgent(t.faux);
    const id = await start(t, { title: "PR works", prompt: "write u.txt v" });
    const done = await t.waitForTask("demo", id, finished);
    expect(done).toMatchObject({ status: "completed", pushed: true, prError: null });
    expect(done.prUrl).toBe(`https://git.example.com/pr/tasks/${id}?c=${done.commit}`);
  });

  it("shows awaiting_input while an extension dialog waits, answered through the session routes", async () => {
    const t = await setup();
    await mkdir(join(t.projectDir, ".pi", "extensions"), { recursive: true });
    await writeFile(
      join(t.projectDir, ".pi", "extensions", "write-gate.ts"),
      `export default function (pi) {
        pi.on("tool_call", async (event, ctx) => {
          if (event.toolName !== "write") return;
          const ok = await ctx.ui.confirm("Write?", "Allow writing " + event.input.path + "?");
          if (!ok) return { block: true, reason: "refused" };
        });
      }\n`,
    );
    scriptTaskAgent(t.faux);
    const stream = await openSse(`${t.server.url}/v1/tasks/events`);
    const id = await start(t, { title: "Gated", prompt: "write gated.txt ok" });
    const waiting = await t.waitForTask(
      "demo",
      id,
      (task) => task.sessionStatus === "awaiting_input",
    );
    expect(waiting.status).toBe("running");
    await stream.waitFor((events) => events.some((e) => e.data.sessionStatus === "awaiting_input"));
    stream.close();

    const base = `/projects/demo/sessions/${waiting.sessionId}/extension-ui`;
    const pending = await readJson(await t.api(base));
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({ method: "confirm", title: "Write?" });
    const answer = await t.api(`${base}/${pending.items[0].id}/response`, {
      method: "POST",
      body: { confirmed: true },
    });
    expect(answer.status).toBe(204);
    const done = await t.waitForTask("demo", id, finished);
    expect(done).toMatchObject({ status: "completed", pushed: true, sessionStatus: null });
    expect(git(t.remoteDir as string, "show", `tasks/${id}:gated.txt`)).toBe("ok");
  });
});
