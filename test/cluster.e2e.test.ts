import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  type NodeProcess,
  type NodeProcessOptions,
  startNodeProcess,
  stopNodeProcess,
} from "#test-support/cluster-processes.js";
import { bareRemote, initProjectRepo } from "#test-support/git.js";
import { type Json, readJson } from "#test-support/json.js";
import { useDatabases } from "#test-support/postgres.js";
import { openSse } from "#test-support/sse-client.js";
import { apiToken, webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

// Three (or more) real server processes on one PostgreSQL database and one workspace
// volume, as docs/scale-out.md describes a production cluster.

const newDatabase = useDatabases();
const tempDir = useTempDirs();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const nodes: NodeProcess[] = [];
afterEach(async (context) => {
  if (context.task.result?.state === "fail") {
    for (const node of nodes) process.stderr.write(`--- node ${node.nodeId}\n${node.output()}\n`);
  }
  await Promise.all(nodes.splice(0).map((node) => stopNodeProcess(node, "SIGKILL")));
});

async function cluster(
  specs: Array<Omit<NodeProcessOptions, "workspaceDir" | "databaseUrl">>,
): Promise<{ workspace: string; databaseUrl: string; started: NodeProcess[] }> {
  const workspace = await tempDir();
  const databaseUrl = await newDatabase();
  const started: NodeProcess[] = [];
  // One at a time: the first runs the migrations, the rest find them applied.
  for (const spec of specs) {
    const node = await startNodeProcess({ ...spec, workspaceDir: workspace, databaseUrl });
    nodes.push(node);
    started.push(node);
  }
  return { workspace, databaseUrl, started };
}

async function json(response: Promise<Response> | Response, status = 200): Promise<Json> {
  const answer = await response;
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status}: ${await answer.text()}`);
  }
  return readJson(answer);
}

/** Every event of a session as a JSON page read through `node`, from `after` on. */
async function eventPages(node: NodeProcess, path: string, after = 0): Promise<Json[]> {
  const events: Json[] = [];
  for (let cursor = after; ; ) {
    const response = await fetch(`${node.url}/v1${path}?after=${cursor}&limit=500`, {
      headers: { accept: "application/json", authorization: `Bearer ${apiToken}` },
    });
    const page = await json(response);
    events.push(...page.events);
    if (!page.hasMore) return events;
    cursor = page.next;
  }
}

async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(last)}`);
    await sleep(50);
    last = await read();
  }
  return last;
}

const auth = { authorization: `Bearer ${apiToken}` };

describe("a cluster of server processes", () => {
  it("creates a project on A, prompts its session through B and streams it from C, replay exact on every node", async () => {
    const {
      started: [a, b, c],
    } = await cluster([{ nodeId: "a" }, { nodeId: "b" }, { nodeId: "c", role: "api" }]);
    if (!a || !b || !c) throw new Error("three nodes");

    const project = await json(
      a.api("/projects", { method: "POST", body: { name: "Alpha" } }),
      201,
    );
    // Created through A, so A takes the project: B's prompt is forwarded to it.
    const session = await json(
      a.api(`/projects/${project.id}/sessions`, { method: "POST", body: {} }),
      201,
    );
    const path = `/projects/${project.id}/sessions/${session.id}/events`;
    const stream = await openSse(`${c.url}/v1${path}`, { headers: auth });

    await json(
      b.api(`/projects/${project.id}/sessions/${session.id}/prompt`, {
        method: "POST",
        body: { text: "Say hello" },
      }),
      202,
    );
    await stream.waitFor((events) => events.some((event) => event.data.type === "agent_end"));
    stream.close();
    await stream.closed;

    const ids = stream.events.map((event) => event.id);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(ids).toEqual([...ids].sort((x, y) => (x ?? 0) - (y ?? 0)));
    expect(new Set(ids).size).toBe(ids.length);

    // The same events, in the same order, as JSON pages from every node.
    for (const node of [a, b, c]) {
      const page = await eventPages(node, path);
      expect(page.map((event) => event.id)).toEqual(ids);
      expect(page.map((event) => event.event.type)).toEqual(
        stream.events.map((event) => event.data.type),
      );
    }

    // Resuming from the middle on another node sends exactly what followed.
    const middle = ids[Math.floor(ids.length / 2)] as number;
    const resumed = await openSse(`${b.url}/v1${path}`, { headers: auth, lastEventId: middle });
    await resumed.waitFor((events) => events.at(-1)?.id === ids.at(-1));
    resumed.close();
    await resumed.closed;
    expect(resumed.events.map((event) => event.id)).toEqual(
      ids.filter((id) => (id as number) > middle),
    );

    // A stream ticket issued through one node opens the stream on another.
    const ticket = await json(
      a.api(`/projects/${project.id}/sessions/${session.id}/events/tickets`, { method: "POST" }),
      201,
    );
    const viaTicket = await openSse(`${c.url}${ticket.url}`, { lastEventId: 0 });
    await viaTicket.waitFor((events) => events.at(-1)?.id === ids.at(-1));
    viaTicket.close();
    await viaTicket.closed;
  }, 120_000);

  it("runs 200 approved tasks across two workers exactly once each", async () => {
    // Leases at the production default: under a loaded machine's stalls the failover
    // tests' 2 s lets a busy worker lose its task to the other, which this test is not about.
    const leaseTtlMs = 15_000;
    const { workspace, databaseUrl, started } = await cluster([
      { nodeId: "front", role: "api", leaseTtlMs },
      { nodeId: "w1", role: "worker", leaseTtlMs, env: { TASK_CONCURRENCY: "4" } },
      { nodeId: "w2", role: "worker", leaseTtlMs, env: { TASK_CONCURRENCY: "4" } },
    ]);
    const front = started[0] as NodeProcess;
    const projects: string[] = [];
    for (let p = 0; p < 8; p++) {
      const project = await json(
        front.api("/projects", { method: "POST", body: { name: `Repo ${p}` } }),
        201,
      );
      await initProjectRepo(join(workspace, project.id), await bareRemote(await tempDir()));
      projects.push(project.id);
    }
    const taskIds: Array<{ projectId: string; id: string }> = [];
    for (let i = 0; i < 200; i++) {
      const projectId = projects[i % projects.length] as string;
      const task = await json(
        front.api(`/projects/${projectId}/tasks`, {
          method: "POST",
          token: webhookSecret,
          body: { title: `Task ${i}`, prompt: `write task-${i}.txt ${i}` },
        }),
        201,
      );
      taskIds.push({ projectId, id: task.id });
    }
    for (const { projectId, id } of taskIds) {
      await json(front.api(`/projects/${projectId}/tasks/${id}/approve`, { method: "POST" }));
    }

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      // Until every task has ended; a timeout names how many stand in each status.
      const byStatus = await waitUntil(
        async () => {
          const { rows } = await db.query<{ status: string; n: number }>(
            "SELECT status, count(*)::int AS n FROM tasks GROUP BY status ORDER BY status",
          );
          return Object.fromEntries(rows.map((row) => [row.status, row.n]));
        },
        (counts) => !["approved", "running"].some((status) => (counts[status] ?? 0) > 0),
        240_000,
      );
      const { rows: failed } = await db.query<{ id: string; error: string }>(
        "SELECT id, record->>'error' AS error FROM tasks WHERE status <> 'completed' ORDER BY id",
      );
      expect({ byStatus, failed }).toEqual({ byStatus: { completed: 200 }, failed: [] });
      // Each task started once: one `running` status on the org task stream, and both workers worked.
      const events = await eventPages(front, "/tasks/events");
      const runningCounts = new Map<string, number>();
      for (const { event } of events) {
        if (
          event.type === "task_status" &&
          event.status === "running" &&
          event.sessionStatus === null
        ) {
          runningCounts.set(event.taskId, (runningCounts.get(event.taskId) ?? 0) + 1);
        }
      }
      expect(runningCounts.size).toBe(200);
      expect([...runningCounts.values()].every((count) => count === 1)).toBe(true);
      // Usage records name the process that ran each run (the api node runs none): both workers ran tasks.
      const writers = await db.query<{ n: number }>(
        "SELECT count(DISTINCT writer)::int AS n FROM usage_records",
      );
      expect(writers.rows[0]?.n).toBe(2);
    } finally {
      await db.end();
    }
  }, 300_000);

  it("moves a SIGKILLed owner's project and tasks to the survivors, and a stream reconnecting elsewhere misses nothing", async () => {
    const { workspace, databaseUrl, started } = await cluster([
      { nodeId: "a", env: { FAUX_DELAY_MS: "60000" } },
      { nodeId: "b" },
      { nodeId: "c", role: "api" },
    ]);
    const [a, b, c] = started as [NodeProcess, NodeProcess, NodeProcess];
    const project = await json(
      a.api("/projects", { method: "POST", body: { name: "Owned" } }),
      201,
    );
    await initProjectRepo(join(workspace, project.id), await bareRemote(await tempDir()));
    const session = await json(
      a.api(`/projects/${project.id}/sessions`, { method: "POST", body: {} }),
      201,
    );
    const path = `/projects/${project.id}/sessions/${session.id}/events`;

    // A answers one prompt, then runs another (its model answers in a minute) and a task
    // of the same project.
    const prompt = (node: NodeProcess, text: string, onBusy = "reject") =>
      node.api(`/projects/${project.id}/sessions/${session.id}/prompt`, {
        method: "POST",
        body: { text, onBusy },
      });
    await json(prompt(c, "Hello before the crash"), 202);
    await waitUntil(
      () => json(c.api(`/projects/${project.id}/sessions/${session.id}`)),
      (detail) => detail.status === "idle" && detail.messages.length >= 2,
    );
    await json(prompt(c, "[slow] Take your time"), 202);
    const task = await json(
      c.api(`/projects/${project.id}/tasks`, {
        method: "POST",
        token: webhookSecret,
        body: { title: "Slow", prompt: "write slow.txt [slow]" },
      }),
      201,
    );
    await json(c.api(`/projects/${project.id}/tasks/${task.id}/approve`, { method: "POST" }));
    await waitUntil(
      () => json(c.api(`/projects/${project.id}/tasks/${task.id}`)),
      (view) => view.status === "running",
    );

    const watcher = await openSse(`${c.url}/v1${path}`, { headers: auth, lastEventId: 0 });
    await watcher.waitFor((events) => events.some((event) => event.data.type === "agent_start"));
    await sleep(200);
    watcher.close();
    await watcher.closed;
    const lastSeen = watcher.events.at(-1)?.id as number;

    const killedAt = Date.now();
    await stopNodeProcess(a, "SIGKILL");

    // Within the lease time (2 s) plus a poll, B has the project: a prompt through C runs there.
    const prompted = await waitUntil(
      () => prompt(c, "Are you there?", "interrupt"),
      (response) => response.status === 202,
      20_000,
    );
    expect(prompted.status).toBe(202);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(15_000);
    // The dead node's lease is gone: B holds the project, or gave it up again once idle.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const holders = await db
      .query("SELECT node_id FROM leases WHERE resource = $1", [`project:${project.id}`])
      .finally(() => db.end());
    expect(holders.rows.map((row) => row.node_id)).not.toContain("a");

    // The task A was running ends by the policy (fail), with the dead node named.
    const ended = await waitUntil(
      () => json(b.api(`/projects/${project.id}/tasks/${task.id}`)),
      (view) => view.status !== "running",
      20_000,
    );
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatch(/node a/);

    // A client that was watching A reconnects to B from its last id: nothing missed, nothing twice.
    const resumed = await openSse(`${b.url}/v1${path}`, { headers: auth, lastEventId: lastSeen });
    await resumed.waitFor((events) => events.some((event) => event.data.type === "agent_end"));
    resumed.close();
    await resumed.closed;
    const all = await eventPages(b, path);
    const after = all.filter((event) => event.id > lastSeen).map((event) => event.id);
    const received = resumed.events.map((event) => event.id);
    expect(received).toEqual(after.slice(0, received.length));
    expect(new Set(received).size).toBe(received.length);
    // The transcript holds both prompts, the one before the crash and the one after.
    const detail = await json(c.api(`/projects/${project.id}/sessions/${session.id}`));
    const texts = JSON.stringify(detail.messages);
    expect(texts).toContain("Hello before the crash");
    expect(texts).toContain("Are you there?");
  }, 180_000);
});
