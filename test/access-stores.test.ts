import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditStore, TokenStore } from "../src/access/access-stores.js";
import { openAccessStores } from "../src/access/open-access-stores.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";
import { createTestApp } from "./support/test-app.js";

const newDatabase = useDatabases();
const tempDir = useTempDirs("pi-agent-server-access-stores-");
// Registered before the closers, so services stop before their nodes leave.
const joinNode = useClusterNodes();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A clock the test moves by hand. */
function clock(start = Date.parse("2026-03-01T12:00:00Z")) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

type Open = (now: () => number) => Promise<{ tokens: TokenStore; audit: AuditStore }>;

const openFile: Open = async (now) => {
  const dir = await tempDir();
  return openAccessStores({
    tokensFile: join(dir, "tokens.json"),
    auditDir: join(dir, "audit"),
    now,
  });
};

const openPg: Open = async (now) => {
  const database = await openDatabase(await newDatabase());
  closers.push(() => database.close());
  return openAccessStores({ tokensFile: "unused", auditDir: "unused", database, now });
};

describe.each([
  ["file", openFile],
  ["postgres", openPg],
])("access stores (%s)", (_backend, open) => {
  it("verify a token by its secret, keep role, scope and creator, and never list a hash", async () => {
    const time = clock();
    const { tokens } = await open(time.now);
    const made = await tokens.create(
      { name: "ci", role: "viewer", projects: ["alpha", "alpha", "beta"] },
      "AGENT_SERVER_TOKEN",
    );
    expect(made.secret).toMatch(/^pas_[A-Za-z0-9_-]{43}$/);
    expect(made.token).toMatchObject({ name: "ci", role: "viewer", projects: ["alpha", "beta"] });
    expect(made.token.createdAt).toBe("2026-03-01T12:00:00.000Z");
    expect(await tokens.verify(made.secret)).toMatchObject({
      id: made.token.id,
      createdBy: "AGENT_SERVER_TOKEN",
      lastUsedAt: "2026-03-01T12:00:00.000Z",
    });
    expect(await tokens.verify(`${made.secret.slice(0, -1)}x`)).toBeUndefined();
    expect(await tokens.verify("not-a-token")).toBeUndefined();
    const listed = await tokens.list();
    expect(listed.map((token) => token.id)).toEqual([made.token.id]);
    expect(listed[0]).not.toHaveProperty("hash");
    expect((await tokens.get(made.token.id))?.name).toBe("ci");
    expect(await tokens.get("missing")).toBeUndefined();
  });

  it("list tokens oldest first and stop a removed or expired token at once", async () => {
    const time = clock();
    const { tokens } = await open(time.now);
    const first = await tokens.create({ name: "first", role: "admin" }, "x");
    time.advance(1);
    const expiring = await tokens.create(
      { name: "expiring", role: "operator", expiresAt: "2026-03-01T13:00:00+01:00" },
      "x",
    );
    expect(expiring.token.expiresAt).toBe("2026-03-01T12:00:00.000Z");
    expect((await tokens.list()).map((token) => token.name)).toEqual(["first", "expiring"]);
    expect(await tokens.isValid(expiring.token.id)).toBe(false);
    expect(await tokens.verify(expiring.secret)).toBeUndefined();
    expect(await tokens.remove(first.token.id)).toBe(true);
    expect(await tokens.remove(first.token.id)).toBe(false);
    expect(await tokens.isValid(first.token.id)).toBe(false);
    expect(await tokens.verify(first.secret)).toBeUndefined();
    await tokens.flush();
  });

  it("append audit records with rising ids and page them newest first under every filter", async () => {
    const time = clock();
    const { audit } = await open(time.now);
    const base = { tokenName: "ci", method: "POST", status: 201 } as const;
    const a = await audit.append({ ...base, route: "/v1/projects", target: {} });
    time.advance(60_000);
    const b = await audit.append({
      ...base,
      tokenId: "t1",
      role: "admin",
      route: "/v1/projects/{projectId}/sessions",
      target: { projectId: "alpha" },
      client: "10.0.0.1",
    });
    time.advance(60_000);
    const c = await audit.append({
      ...base,
      method: "DELETE",
      route: "/v1/projects/{id}",
      target: { id: "alpha" },
      status: 204,
    });
    expect(b.id).toBeGreaterThan(a.id);
    expect(c.id).toBeGreaterThan(b.id);
    expect(b).toMatchObject({ tokenId: "t1", role: "admin", client: "10.0.0.1" });
    expect(a).not.toHaveProperty("tokenId");
    const ids = async (query: Partial<Parameters<AuditStore["query"]>[0]>) =>
      (await audit.query({ limit: 10, ...query })).items.map((record) => record.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ projectId: "alpha" })).toEqual([c.id, b.id]);
    expect(await ids({ tokenId: "t1" })).toEqual([b.id]);
    expect(await ids({ action: "DELETE /v1/projects/{id}" })).toEqual([c.id]);
    expect(await ids({ from: b.time })).toEqual([c.id, b.id]);
    expect(await ids({ to: b.time })).toEqual([b.id, a.id]);
    const page = await audit.query({ limit: 2 });
    expect(page.items.map((record) => record.id)).toEqual([c.id, b.id]);
    expect(page.next).toBe(b.id);
    const last = await audit.query({ limit: 2, before: page.next });
    expect(last).toEqual({ items: [a] });
  });
});

describe("access state across two nodes", () => {
  const bootstrap = "bootstrap-secret";

  async function twoNodes() {
    const url = await newDatabase();
    const apps = [];
    for (const nodeId of ["a", "b"]) {
      const cluster = await joinNode(url, { nodeId });
      const app = await createTestApp(await tempDir(), { apiToken: bootstrap }, { cluster });
      closers.push(async () => {
        await app.services.stop();
        await app.services.close();
      });
      apps.push(app);
    }
    return apps as [(typeof apps)[0], (typeof apps)[0]];
  }

  it("a token created on one node works on the other at once, and is refused there once deleted", async () => {
    const [a, b] = await twoNodes();
    const created = await a.call("POST", "/v1/tokens", {
      token: bootstrap,
      body: { name: "ci", role: "viewer" },
    });
    expect(created.status).toBe(201);
    const { token, secret } = (await created.json()) as { token: { id: string }; secret: string };
    const whoami = await b.call("GET", "/v1/whoami", { token: secret });
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toMatchObject({ kind: "token", name: "ci", tokenId: token.id });
    const listed = (await (await b.call("GET", "/v1/tokens", { token: bootstrap })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((item) => item.id)).toEqual([token.id]);
    expect((await a.call("DELETE", `/v1/tokens/${token.id}`, { token: bootstrap })).status).toBe(
      204,
    );
    expect((await b.call("GET", "/v1/whoami", { token: secret })).status).toBe(401);
    expect((await a.call("GET", "/v1/whoami", { token: secret })).status).toBe(401);
  });

  it("lists the audit records of both nodes in one log", async () => {
    const [a, b] = await twoNodes();
    await a.call("POST", "/v1/tokens", {
      token: bootstrap,
      body: { name: "from-a", role: "viewer" },
    });
    await b.call("POST", "/v1/tokens", {
      token: bootstrap,
      body: { name: "from-b", role: "viewer" },
    });
    await b.call("GET", "/v1/whoami", { token: "wrong" });
    for (const app of [a, b]) {
      const page = (await (await app.call("GET", "/v1/audit", { token: bootstrap })).json()) as {
        items: { method: string; route: string; status: number }[];
      };
      expect(
        page.items.filter((item) => item.route !== "/v1/audit").map((item) => item.status),
      ).toEqual([401, 201, 201]);
    }
  });
});
