import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { bootTaskServer, scriptTaskAgent } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { testClusterSecret } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { approveTask, readTask, useTaskCluster, waitFor } from "./support/task-cluster.js";

const terminal = ["completed", "failed", "cancelled", "rejected"];
const nameOf = (prompt: string) => prompt.split(" ")[1]?.replace(".txt", "") ?? "?";

describe("the task queue on several nodes sharing one database", () => {
  const tempDir = useTempDirs();
  const newDatabase = useDatabases();
  const taskCluster = useTaskCluster();

  it("runs each of many approved tasks exactly once, on both nodes", async () => {
    const projects = ["p0", "p1", "p2", "p3", "p4", "p5"];
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects,
      tasks: { concurrency: 3 },
    });
    const starts = new Map<string, number>();
    scriptTaskAgent(
      cluster.faux,
      {
        delayMs: 15,
        onStart: (prompt) => starts.set(nameOf(prompt), (starts.get(nameOf(prompt)) ?? 0) + 1),
      },
      200,
    );
    const a = await cluster.add("node-a");
    const b = await cluster.add("node-b");
    await Promise.all([a.services.tasks.ready(), b.services.tasks.ready()]);
    const busy = { a: 0, b: 0 };
    const sampler = setInterval(() => {
      busy.a = Math.max(busy.a, a.services.tasks.runningCount);
      busy.b = Math.max(busy.b, b.services.tasks.runningCount);
    }, 10);
    const ids: Array<[string, string]> = [];
    for (let i = 0; i < 60; i++) {
      const project = projects[i % projects.length] as string;
      const via = i % 2 === 0 ? a : b;
      ids.push([project, await approveTask(via.services, project, `task-${i}`)]);
    }
    try {
      for (const [project, id] of ids) {
        const task = await waitFor(
          () => readTask(b.services, project, id),
          (current) => terminal.includes(current.status),
          90_000,
        );
        expect(task.status).toBe("completed");
      }
    } finally {
      clearInterval(sampler);
    }
    expect(starts.size).toBe(60);
    expect([...starts.values()].every((count) => count === 1)).toBe(true);
    expect(busy.a).toBeGreaterThan(0);
    expect(busy.b).toBeGreaterThan(0);
    expect(busy.a).toBeLessThanOrEqual(3);
    expect(busy.b).toBeLessThanOrEqual(3);
  }, 120_000);

  it("never runs more tasks at once than TASK_CLUSTER_CONCURRENCY, and uses all of it", async () => {
    const projects = ["p0", "p1", "p2", "p3"];
    const databaseUrl = await newDatabase();
    const cluster = await taskCluster(await tempDir(), databaseUrl, {
      projects,
      tasks: { concurrency: 2, clusterConcurrency: 3 },
    });
    let active = 0;
    let peak = 0;
    scriptTaskAgent(
      cluster.faux,
      {
        delayMs: 60,
        onStart: () => {
          active += 1;
          peak = Math.max(peak, active);
        },
        onEnd: () => {
          active -= 1;
        },
      },
      60,
    );
    const a = await cluster.add("node-a");
    const b = await cluster.add("node-b");
    await Promise.all([a.services.tasks.ready(), b.services.tasks.ready()]);
    const observer = await openDatabase(databaseUrl);
    let runningPeak = 0;
    let sampling = true;
    const sampled = (async () => {
      while (sampling) {
        const { rows } = await observer.query<{ running: number }>(
          "SELECT count(*)::int AS running FROM tasks WHERE status = 'running'",
        );
        runningPeak = Math.max(runningPeak, rows[0]?.running ?? 0);
      }
    })();
    try {
      const ids: Array<[string, string]> = [];
      for (let i = 0; i < 24; i++) {
        const project = projects[i % projects.length] as string;
        ids.push([project, await approveTask((i % 2 ? a : b).services, project, `capped-${i}`)]);
      }
      for (const [project, id] of ids) {
        const task = await waitFor(
          () => readTask(a.services, project, id),
          (current) => terminal.includes(current.status),
          90_000,
        );
        expect(task.status).toBe("completed");
      }
    } finally {
      sampling = false;
      await sampled;
      await observer.close();
    }
    expect(runningPeak).toBe(3);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("runs queued tasks by priority, then age", async () => {
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects: ["demo"],
      tasks: { concurrency: 1 },
    });
    const started: string[] = [];
    scriptTaskAgent(cluster.faux, {
      delayMs: (prompt) => (prompt.includes("blocker") ? 500 : 10),
      onStart: (prompt) => started.push(nameOf(prompt)),
    });
    const a = await cluster.add("node-a");
    const b = await cluster.add("node-b");
    await Promise.all([a.services.tasks.ready(), b.services.tasks.ready()]);
    const blocker = await approveTask(a.services, "demo", "blocker");
    await waitFor(
      () => readTask(a.services, "demo", blocker),
      (task) => task.status === "running",
    );
    const queued: string[] = [];
    for (const [name, priority] of [
      ["low", 1],
      ["high-old", 5],
      ["high-new", 5],
      ["top", 10],
    ] as const) {
      const { task } = await b.services.tasks.submit("demo", {
        title: name,
        prompt: `write ${name}.txt ${name}`,
        priority,
      });
      queued.push(task.id);
    }
    for (const index of [0, 2, 3, 1]) {
      await (index % 2 ? a : b).services.tasks.approve("demo", queued[index] as string);
    }
    for (const id of [blocker, ...queued]) {
      const task = await waitFor(
        () => readTask(b.services, "demo", id),
        (current) => terminal.includes(current.status),
      );
      expect(task.status).toBe("completed");
    }
    expect(started).toEqual(["blocker", "top", "high-old", "high-new", "low"]);
  }, 60_000);

  it("keeps a standalone server's tasks in PostgreSQL with STATE_STORE=postgres", async () => {
    const databaseUrl = await newDatabase();
    const t = await bootTaskServer(await tempDir(), {
      STATE_STORE: "postgres",
      DATABASE_URL: databaseUrl,
      AGENT_SERVER_CLUSTER_SECRET: testClusterSecret,
      AGENT_SERVER_NODE_ID: "solo",
      TASK_CLUSTER_CONCURRENCY: "1",
    });
    try {
      scriptTaskAgent(t.faux);
      await t.api("/projects", { method: "POST", body: { name: "Demo" } });
      const body = { title: "hello", prompt: "write hello.txt hi", externalId: "e-1" };
      const created = await readJson(await t.submit("demo", body));
      expect((await t.submit("demo", body)).status).toBe(200);
      expect(
        (await t.api(`/projects/demo/tasks/${created.id}/approve`, { method: "POST" })).status,
      ).toBe(200);
      const done = await t.waitForTask("demo", created.id, (task) =>
        terminal.includes(task.status),
      );
      expect(done.status).toBe("completed");
      const observer = await openDatabase(databaseUrl);
      const { rows } = await observer.query<{ status: string; external_id: string }>(
        "SELECT status, external_id FROM tasks",
      );
      await observer.close();
      expect(rows).toEqual([{ status: "completed", external_id: "e-1" }]);
    } finally {
      t.faux.unregister();
      await t.server.stop();
    }
  }, 60_000);
});
