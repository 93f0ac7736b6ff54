import { describe, expect, it } from "vitest";
import { scriptTaskAgent } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { releaseLeaseUnless } from "../src/cluster/index.js";
import type { Database, Queryable } from "../src/storage/postgres/index.js";
import { hasRunningTaskOn } from "../src/tasks/index.js";
import { type ClusterApp, useClusterApps } from "./support/cluster-apps.js";
import { type Json, readJson } from "./support/json.js";
import { useDatabases } from "./support/postgres.js";
import { approveTask, readTask, useTaskCluster, waitFor } from "./support/task-cluster.js";

const newDatabase = useDatabases();

/** Who holds each lease right now, by resource (expired ones left out). */
async function holders(database: Database): Promise<Record<string, string>> {
  const { rows } = await database.query<{ resource: string; node_id: string }>(
    "SELECT resource, node_id FROM leases WHERE expires_at >= now() ORDER BY resource",
  );
  return Object.fromEntries(rows.map((row) => [row.resource, row.node_id]));
}

async function health(app: ClusterApp): Promise<Json> {
  return (await readJson(await app.api("/healthz"))).cluster;
}

describe("a node gives up a project it no longer uses", () => {
  const tempDir = useTempDirs();
  const startNode = useClusterApps();
  const taskCluster = useTaskCluster();

  it("releases the lease of a runtime evicted for idleness, so another node takes the project at once", async () => {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const a = await startNode(databaseUrl, workspaceDir, { nodeId: "a", runtimeIdleEvictMs: 1000 });
    const b = await startNode(databaseUrl, workspaceDir, { nodeId: "b" });
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    expect((await a.api("/projects/demo/sessions")).status).toBe(200);
    expect(await holders(a.node.database)).toEqual({ "project:demo": "a" });

    await waitFor(
      async () => a.services.runtimes.size,
      (size) => size === 0,
      5000,
    );
    await waitFor(
      () => holders(a.node.database),
      (leases) => leases["project:demo"] === undefined,
      2000,
    );
    expect((await health(a)).projects).toEqual([]);
    // B runs it now, itself, instead of forwarding to an idle owner.
    expect((await b.api("/projects/demo/sessions")).status).toBe(200);
    expect(b.services.runtimes.size).toBe(1);
    expect((await health(b)).projects).toEqual(["demo"]);
    expect(await holders(b.node.database)).toEqual({ "project:demo": "b" });
  });

  it("keeps a project while a request routed to it is in flight", async () => {
    const databaseUrl = await newDatabase();
    const a = await startNode(databaseUrl, await tempDir(), { nodeId: "a" });
    await a.api("/projects", { method: "POST", body: { name: "Demo" } });
    const owners = a.services.owners;
    if (!owners) throw new Error("a cluster node has owners");
    await owners.withRoute("demo", async (route) => {
      expect(route).toEqual({ serve: "here" });
      expect(await owners.releaseIfUnused("demo")).toBe(false);
    });
    expect(await holders(a.node.database)).toEqual({ "project:demo": "a" });
    expect(await owners.releaseIfUnused("demo")).toBe(true);
    expect(await holders(a.node.database)).toEqual({});
    expect(owners.owned).toEqual([]);
  });

  it("keeps a project while its task runs here, and gives it up when the last task ended", async () => {
    const cluster = await taskCluster(await tempDir(), await newDatabase(), {
      projects: ["demo"],
      tasks: { concurrency: 1 },
      leaseTtlMs: 900,
    });
    const agent = { delayMs: 60_000 };
    scriptTaskAgent(cluster.faux, { delayMs: () => agent.delayMs }, 10);
    const a = await cluster.add("node-a");
    const b = await cluster.add("node-b");
    await a.services.tasks.ready();
    const id = await approveTask(a.services, "demo", "slow");
    await waitFor(
      () => readTask(a.services, "demo", id),
      (task) => task.sessionStatus === "streaming",
    );
    const owners = a.services.owners;
    if (!owners) throw new Error("a cluster node has owners");
    expect(await owners.releaseIfUnused("demo")).toBe(false);
    expect(a.services.runtimes.size).toBe(1);
    // The database alone refuses too: a task of the project is running on node-a.
    const busy = (client: Queryable) => hasRunningTaskOn(client, "demo", "node-a");
    expect(await releaseLeaseUnless(a.node.database, "project:demo", "node-a", busy)).toBe(false);
    expect(await hasRunningTaskOn(a.node.database, "demo", "node-b")).toBe(false);
    expect(await holders(a.node.database)).toMatchObject({ "project:demo": "node-a" });

    agent.delayMs = 10;
    await a.services.tasks.cancel("demo", id);
    await waitFor(
      () => holders(a.node.database),
      (leases) => Object.keys(leases).length === 0,
      5000,
    );
    expect(a.services.runtimes.size).toBe(0);
    expect(owners.owned).toEqual([]);
    // The project is free: whoever asks next takes it.
    expect(await b.services.owners?.route("demo")).toEqual({ serve: "here" });
    expect(await holders(b.node.database)).toEqual({ "project:demo": "node-b" });
  }, 60_000);
});
