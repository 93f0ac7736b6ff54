import { describe, expect, it, vi } from "vitest";
import { currentLease, NodeRegistry, releaseLease, tryAcquireLease } from "../src/cluster/index.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("leases", () => {
  it("give a resource to one node at a time, with a fencing token that grows on each hand-over", async () => {
    const db = await openDatabase(await newDatabase());
    const a = await tryAcquireLease(db, "project:p1", "a", 200);
    expect(a?.nodeId).toBe("a");
    expect(await tryAcquireLease(db, "project:p1", "b", 200)).toBeUndefined();
    const again = await tryAcquireLease(db, "project:p1", "a", 200);
    expect(again?.fencingToken).toBe(a?.fencingToken);
    await sleep(250);
    expect(await currentLease(db, "project:p1")).toBeUndefined();
    const b = await tryAcquireLease(db, "project:p1", "b", 10_000);
    expect(b?.nodeId).toBe("b");
    expect(b?.fencingToken).toBeGreaterThan(a?.fencingToken ?? Number.POSITIVE_INFINITY);
    await releaseLease(db, "project:p1", "a");
    expect((await currentLease(db, "project:p1"))?.nodeId).toBe("b");
    await releaseLease(db, "project:p1", "b");
    expect(await currentLease(db, "project:p1")).toBeUndefined();
    await db.close();
  });

  it("go to exactly one of many nodes racing for them", async () => {
    const db = await openDatabase(await newDatabase());
    const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const results = await Promise.all(
      nodes.map((node) => tryAcquireLease(db, "project:race", node, 5000)),
    );
    expect(results.filter((lease) => lease !== undefined)).toHaveLength(1);
    await db.close();
  });
});

describe("NodeRegistry", () => {
  it("renews its leases on each heartbeat and reports the ones another node took", async () => {
    const db = await openDatabase(await newDatabase());
    const lost: string[][] = [];
    const registry = new NodeRegistry({
      database: db,
      nodeId: "a",
      role: "all",
      // Heartbeats every 500 ms; a lease is lost only after 1.5 s without one.
      leaseTtlMs: 1500,
      onLeasesLost: (resources) => lost.push(resources),
    });
    await registry.start();
    await registry.announce("http://10.0.0.1:4001");
    const kept = await tryAcquireLease(db, "project:kept", "a", 1500);
    registry.track("project:kept");
    await tryAcquireLease(db, "project:stolen", "a", 1500);
    registry.track("project:stolen");
    // Another node takes one lease over (as if this node had been silent too long).
    await db.query("UPDATE leases SET node_id = 'b' WHERE resource = 'project:stolen'");
    // The next heartbeat reports the stolen lease and renews the kept one.
    await vi.waitFor(() => expect(lost).toEqual([["project:stolen"]]), { timeout: 10_000 });
    const renewed = await currentLease(db, "project:kept");
    expect(renewed?.nodeId).toBe("a");
    expect(renewed?.expiresAt.getTime()).toBeGreaterThan(kept?.expiresAt.getTime() ?? Infinity);
    expect(registry.held).toEqual(["project:kept"]);
    const holders = await db.query("SELECT resource, node_id FROM leases ORDER BY resource");
    expect(holders.rows).toEqual([
      { resource: "project:kept", node_id: "a" },
      { resource: "project:stolen", node_id: "b" },
    ]);
    const [node] = await registry.nodes();
    expect(node).toMatchObject({ id: "a", role: "all", url: "http://10.0.0.1:4001", alive: true });
    expect(registry.healthy).toBe(true);

    await registry.stop();
    expect(await currentLease(db, "project:kept")).toBeUndefined();
    expect((await registry.nodes())[0]?.alive).toBe(false);
    await db.close();
  });
});
