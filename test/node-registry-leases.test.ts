import { describe, expect, it } from "vitest";
import { NodeRegistry, tryAcquireLease } from "../src/cluster/index.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("NodeRegistry lease bookkeeping", () => {
  it("knows what it holds and tells each listener what it lost, until the listener stops", async () => {
    const db = await openDatabase(await newDatabase());
    const registry = new NodeRegistry({ database: db, nodeId: "a", role: "all", leaseTtlMs: 5000 });
    await registry.start();
    await tryAcquireLease(db, "project:one", "a", 5000);
    await tryAcquireLease(db, "project:two", "a", 5000);
    registry.track("project:two");
    registry.track("project:one");
    expect(registry.held).toEqual(["project:one", "project:two"]);
    expect(registry.holds("project:one")).toBe(true);
    expect(registry.holds("project:none")).toBe(false);

    const first: string[][] = [];
    const second: string[][] = [];
    registry.onLeasesLost((lost) => first.push(lost));
    const stopSecond = registry.onLeasesLost((lost) => second.push(lost));
    await db.query("UPDATE leases SET node_id = 'b' WHERE resource = 'project:one'");
    await registry.heartbeat();
    expect(first).toEqual([["project:one"]]);
    expect(second).toEqual([["project:one"]]);
    stopSecond();
    await db.query("UPDATE leases SET node_id = 'b' WHERE resource = 'project:two'");
    await registry.heartbeat();
    expect(first).toEqual([["project:one"], ["project:two"]]);
    expect(second).toHaveLength(1);
    expect(registry.held).toEqual([]);
    await registry.stop();
    await db.close();
  });

  it("gives every lease up as lost once the database is out of reach for a lease time", async () => {
    const db = await openDatabase(await newDatabase());
    const registry = new NodeRegistry({ database: db, nodeId: "a", role: "all", leaseTtlMs: 1000 });
    await registry.start();
    await tryAcquireLease(db, "project:kept", "a", 1000);
    registry.track("project:kept");
    await registry.silence();
    const lost: string[][] = [];
    registry.onLeasesLost((resources) => lost.push(resources));
    await db.close();
    await registry.heartbeat();
    // Within the lease time a failed beat changes nothing yet.
    expect(lost).toEqual([]);
    expect(registry.healthy).toBe(false);
    await sleep(1050);
    expect(registry.holds("project:kept")).toBe(false);
    await registry.heartbeat();
    expect(lost).toEqual([["project:kept"]]);
  });
});
