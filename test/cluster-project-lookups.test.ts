import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { type ClusterApp, useClusterApps } from "./support/cluster-apps.js";
import { readJson } from "./support/json.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();

/**
 * Registers a project as another node does, minus the announcement: a node that has not
 * heard of it yet (the notification still on its way, or lost) finds it only by reading
 * the database when a request names it.
 */
async function createUnannounced(node: ClusterApp, id: string): Promise<void> {
  await node.node.database.query(
    "INSERT INTO projects (id, name, created_at) VALUES ($1, $1, now())",
    [id],
  );
}

describe("routes naming a project outside its path, across nodes", () => {
  const tempDir = useTempDirs();
  const startNode = useClusterApps();

  async function twoNodes() {
    const databaseUrl = await newDatabase();
    const workspaceDir = await tempDir();
    const a = await startNode(databaseUrl, workspaceDir, { nodeId: "a" });
    const b = await startNode(databaseUrl, workspaceDir, { nodeId: "b" });
    return { a, b };
  }

  it("finds a project another node just created from `?projectId=` (/v1/tasks)", async () => {
    const { a, b } = await twoNodes();
    await createUnannounced(a, "fresh");
    expect(b.services.registry.get("fresh")).toBeUndefined();
    const tasks = await b.api("/tasks?projectId=fresh");
    expect(tasks.status).toBe(200);
    expect(await readJson(tasks)).toMatchObject({ items: [], total: 0 });
    expect(b.services.registry.get("fresh")?.id).toBe("fresh");
  });

  it("reads a project through for `?project=` too (/v1/usage)", async () => {
    const { a, b } = await twoNodes();
    await createUnannounced(a, "other");
    expect((await b.api("/usage?project=other")).status).toBe(200);
    expect(b.services.registry.get("other")?.id).toBe("other");
  });

  it("still answers 404 for a project no node created", async () => {
    const { b } = await twoNodes();
    const tasks = await b.api("/tasks?projectId=nowhere");
    expect(tasks.status).toBe(404);
    expect(b.services.registry.get("nowhere")).toBeUndefined();
  });
});
