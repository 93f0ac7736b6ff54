import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Claim,
  type IdempotencyKeys,
  openIdempotencyKeys,
  type StoredResponse,
} from "../src/idempotency/index.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";
import { createTestApp, type TestApp } from "./support/test-app.js";

const newDatabase = useDatabases();
const tempDir = useTempDirs("pi-agent-server-idempotency-stores-");
const joinNode = useClusterNodes();
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.services.stop();
    await app.services.close();
  }
});

const created: StoredResponse = {
  status: 201,
  headers: { "content-type": "application/json", location: "/v1/projects/demo/sessions/s1" },
  body: '{"id":"s1"}',
};

function claimed(claim: Claim) {
  if (claim.kind !== "claimed") throw new Error(`expected a claim, got ${claim.kind}`);
  return claim;
}

type Open = (options: { ttlMs?: number; now?: () => number }) => Promise<IdempotencyKeys>;

const openFile: Open = async (options) =>
  openIdempotencyKeys({ file: join(await tempDir(), "idempotency.jsonl"), ...options });

const openPg: Open = async (options) => {
  const cluster = await joinNode(await newDatabase(), { nodeId: "a" });
  return openIdempotencyKeys({ file: "unused", cluster, ...options });
};

describe.each([
  ["file", openFile],
  ["postgres", openPg],
])("idempotency keys (%s)", (_backend, open) => {
  it("replay a stored response for the same fingerprint and refuse another", async () => {
    const store = await open({});
    await claimed(await store.claim("token:a POST /p", "k1", "fp1")).complete(created);
    expect(await store.claim("token:a POST /p", "k1", "fp1")).toEqual({
      kind: "replay",
      response: created,
    });
    expect(await store.claim("token:a POST /p", "k1", "fp2")).toEqual({ kind: "reused" });
    expect((await store.claim("token:b POST /p", "k1", "fp1")).kind).toBe("claimed");
    await store.close();
  });

  it("answer in-flight while a claim is held, and forget a released claim", async () => {
    const store = await open({});
    const first = claimed(await store.claim("s", "k", "fp"));
    expect(await store.claim("s", "k", "fp")).toEqual({ kind: "in-flight" });
    expect(await store.claim("s", "k", "other")).toEqual({ kind: "reused" });
    await first.release();
    const second = claimed(await store.claim("s", "k", "other"));
    await second.complete(created);
    await second.release();
    expect((await store.claim("s", "k", "other")).kind).toBe("replay");
    await store.close();
  });

  it("let a key be claimed again once its response expired", async () => {
    let now = 1_000_000;
    const store = await open({ ttlMs: 1000, now: () => now });
    await claimed(await store.claim("s", "old", "fp")).complete(created);
    now += 999;
    expect((await store.claim("s", "old", "fp")).kind).toBe("replay");
    now += 1;
    const again = claimed(await store.claim("s", "old", "other"));
    expect(await store.claim("s", "old", "other")).toEqual({ kind: "in-flight" });
    await again.release();
    await store.close();
  });
});

describe("idempotency keys across nodes", () => {
  async function twoStores() {
    const url = await newDatabase();
    const [a, b] = [
      await joinNode(url, { nodeId: "a", leaseTtlMs: 3000 }),
      await joinNode(url, { nodeId: "b", leaseTtlMs: 3000 }),
    ];
    return {
      a,
      b,
      storeA: await openIdempotencyKeys({ file: "unused", cluster: a }),
      storeB: await openIdempotencyKeys({ file: "unused", cluster: b }),
    };
  }

  it("a retry on another node is in flight while the first runs, then replays its answer", async () => {
    const { storeA, storeB } = await twoStores();
    const first = claimed(await storeA.claim("token:t POST /p", "k", "fp"));
    expect(await storeB.claim("token:t POST /p", "k", "fp")).toEqual({ kind: "in-flight" });
    expect(await storeB.claim("token:t POST /p", "k", "fp2")).toEqual({ kind: "reused" });
    await first.complete(created);
    expect(await storeB.claim("token:t POST /p", "k", "fp")).toEqual({
      kind: "replay",
      response: created,
    });
  });

  it("exactly one of many racing claims wins", async () => {
    const { storeA, storeB } = await twoStores();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? storeA : storeB).claim("s", "race", "fp")),
    );
    expect(claims.filter((claim) => claim.kind === "claimed")).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === "in-flight")).toHaveLength(9);
  });

  it("a claim held by a crashed node is taken over once its heartbeat is a lease time old", async () => {
    const { a, b, storeA, storeB } = await twoStores();
    claimed(await storeA.claim("s", "k", "fp"));
    await a.crash();
    expect(await storeB.claim("s", "k", "fp")).toEqual({ kind: "in-flight" });
    // A lease time passes with no heartbeat from the crashed node.
    await b.database.query(
      "UPDATE nodes SET heartbeat_at = now() - interval '1 minute' WHERE id = 'a'",
    );
    const taken = claimed(await storeB.claim("s", "k", "fp"));
    await taken.complete(created);
    expect((await storeB.claim("s", "k", "fp")).kind).toBe("replay");
  });
});

describe("Idempotency-Key over HTTP on two nodes", () => {
  const bootstrap = "bootstrap-secret";
  const webhookSecret = "w".repeat(32);

  it("a retry sent to the other node replays the first node's answer instead of running again", async () => {
    const url = await newDatabase();
    for (const nodeId of ["a", "b"]) {
      const cluster = await joinNode(url, { nodeId });
      const app = await createTestApp(
        await tempDir(),
        { apiToken: bootstrap, webhookSecret },
        { cluster },
      );
      apps.push(app);
    }
    const [onA, onB] = apps as [TestApp, TestApp];
    // The registry is shared: a project created on A is known on B.
    const created = await onA.call("POST", "/v1/projects", {
      token: bootstrap,
      body: { name: "Demo" },
    });
    expect(created.status).toBe(201);
    const submit = (app: TestApp, title: string) =>
      app.call("POST", "/v1/projects/demo/tasks", {
        token: webhookSecret,
        headers: { "idempotency-key": "submit-1" },
        body: { title, prompt: "do it" },
      });
    const first = await submit(onA, "fix it");
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const retry = await submit(onB, "fix it");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstBody);
    const reused = await submit(onB, "something else");
    expect(reused.status).toBe(422);
  });
});
