import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { ApiTokens } from "./api-tokens.js";

const tempDir = useTempDirs("pi-agent-server-tokens-");

/** A clock the test moves by hand. */
function clock(start = Date.parse("2026-03-01T12:00:00Z")) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe("ApiTokens", () => {
  it("stores only hashes, in a file of mode 0600, and the secret carries the prefix", async () => {
    const file = join(await tempDir(), "tokens.json");
    const tokens = await ApiTokens.open(file);
    const { token, secret } = await tokens.create({ name: "ci", role: "operator" }, "admin");
    expect(secret).toMatch(/^pas_[A-Za-z0-9_-]{43}$/);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(4));
    expect(text).not.toContain(secret.slice(4, 20));
    const stored = JSON.parse(text) as { tokens: Record<string, unknown>[] };
    expect(stored.tokens).toHaveLength(1);
    expect(stored.tokens[0]).toMatchObject({ id: token.id, name: "ci", role: "operator" });
    expect(stored.tokens[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(token).not.toHaveProperty("hash");
    expect(tokens.list()[0]).not.toHaveProperty("hash");
  });

  it("keeps tokens, roles, scopes and expiry across reopening", async () => {
    const file = join(await tempDir(), "tokens.json");
    const first = await ApiTokens.open(file);
    const scoped = await first.create(
      { name: "scoped", role: "viewer", projects: ["alpha", "alpha", "beta"] },
      "AGENT_SERVER_TOKEN",
    );
    const expiring = await first.create(
      { name: "later", role: "admin", expiresAt: "2099-01-01T00:00:00+02:00" },
      "scoped",
    );
    expect(scoped.token.projects).toEqual(["alpha", "beta"]);
    expect(expiring.token.expiresAt).toBe("2098-12-31T22:00:00.000Z");

    const reopened = await ApiTokens.open(file);
    expect(reopened.list()).toEqual(first.list());
    expect(reopened.verify(scoped.secret)).toMatchObject({
      id: scoped.token.id,
      role: "viewer",
      projects: ["alpha", "beta"],
      createdBy: "AGENT_SERVER_TOKEN",
    });
    expect(reopened.verify(expiring.secret)?.id).toBe(expiring.token.id);
  });

  it("keeps every token of concurrent creations and removals on disk", async () => {
    const file = join(await tempDir(), "tokens.json");
    const tokens = await ApiTokens.open(file);
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) => tokens.create({ name: `t${i}`, role: "viewer" }, "x")),
    );
    await Promise.all([
      ...first.slice(0, 5).map(({ token }) => tokens.remove(token.id)),
      ...Array.from({ length: 5 }, (_, i) => tokens.create({ name: `u${i}`, role: "admin" }, "x")),
    ]);
    const names = ["t5", "t6", "t7", "t8", "t9", "u0", "u1", "u2", "u3", "u4"];
    expect(tokens.list().map((t) => t.name)).toEqual(names);
    expect((await ApiTokens.open(file)).list().map((t) => t.name)).toEqual(names);
  });

  it("opens empty when the file does not exist yet, and creates it on the first token", async () => {
    const dir = await tempDir();
    const file = join(dir, "nested", "tokens.json");
    await mkdir(join(dir, "nested"));
    const tokens = await ApiTokens.open(file);
    expect(tokens.list()).toEqual([]);
    await tokens.create({ name: "a", role: "viewer" }, "x");
    expect(JSON.parse(await readFile(file, "utf8")).tokens).toHaveLength(1);
  });

  it("verifies an expiring token until its expiry and never after", async () => {
    const time = clock();
    const tokens = await ApiTokens.open(join(await tempDir(), "tokens.json"), time.now);
    const expiresAt = new Date(time.now() + 10_000).toISOString();
    const { token, secret } = await tokens.create({ name: "t", role: "viewer", expiresAt }, "x");
    expect(tokens.verify(secret)?.id).toBe(token.id);
    expect(tokens.isValid(token.id)).toBe(true);
    time.advance(9_999);
    expect(tokens.verify(secret)?.id).toBe(token.id);
    time.advance(1);
    expect(tokens.verify(secret)).toBeUndefined();
    expect(tokens.isValid(token.id)).toBe(false);
    // Still listed (an admin sees and deletes it), but it opens nothing.
    expect(tokens.get(token.id)?.expiresAt).toBe(expiresAt);
  });

  it("stops verifying a removed token at once, on disk too", async () => {
    const file = join(await tempDir(), "tokens.json");
    const tokens = await ApiTokens.open(file);
    const kept = await tokens.create({ name: "kept", role: "viewer" }, "x");
    const gone = await tokens.create({ name: "gone", role: "admin" }, "x");
    expect(await tokens.remove(gone.token.id)).toBe(true);
    expect(tokens.verify(gone.secret)).toBeUndefined();
    expect(tokens.isValid(gone.token.id)).toBe(false);
    expect(tokens.get(gone.token.id)).toBeUndefined();
    expect(await tokens.remove(gone.token.id)).toBe(false);
    expect(tokens.verify(kept.secret)?.id).toBe(kept.token.id);
    const reopened = await ApiTokens.open(file);
    expect(reopened.list().map((t) => t.name)).toEqual(["kept"]);
    expect(reopened.verify(gone.secret)).toBeUndefined();
  });

  it("verifies nothing for a secret without the prefix or with one character changed", async () => {
    const tokens = await ApiTokens.open(join(await tempDir(), "tokens.json"));
    const { secret } = await tokens.create({ name: "t", role: "admin" }, "x");
    expect(tokens.verify(secret.slice(4))).toBeUndefined();
    expect(tokens.verify(`xyz_${secret.slice(4)}`)).toBeUndefined();
    expect(tokens.verify(`${secret}a`)).toBeUndefined();
    expect(tokens.verify(secret.slice(0, -1))).toBeUndefined();
    expect(tokens.verify("")).toBeUndefined();
    expect(tokens.verify("pas_")).toBeUndefined();
    for (const index of [4, 20, secret.length - 1]) {
      const original = secret[index] ?? "";
      const changed = `${secret.slice(0, index)}${original === "A" ? "B" : "A"}${secret.slice(index + 1)}`;
      expect(changed).not.toBe(secret);
      expect(tokens.verify(changed), `character ${index}`).toBeUndefined();
    }
    expect(tokens.verify(secret)).toBeDefined();
  });

  it("sets lastUsedAt on use, writes it back at most once a minute, and flush writes the rest", async () => {
    const time = clock();
    const file = join(await tempDir(), "tokens.json");
    const tokens = await ApiTokens.open(file, time.now);
    const { token, secret } = await tokens.create({ name: "t", role: "viewer" }, "x");
    const storedUse = async () =>
      (JSON.parse(await readFile(file, "utf8")).tokens[0] as { lastUsedAt?: string }).lastUsedAt;
    expect(tokens.get(token.id)?.lastUsedAt).toBeUndefined();

    // Within a minute of the last write (the creation) the use is kept in memory only.
    time.advance(30_000);
    expect(tokens.verify(secret)?.lastUsedAt).toBe(new Date(time.now()).toISOString());
    expect(tokens.get(token.id)?.lastUsedAt).toBe(new Date(time.now()).toISOString());
    await tokens.flush();
    expect(await storedUse()).toBe(new Date(time.now()).toISOString());

    // After flushing, a use within the minute stays in memory until the next flush.
    time.advance(10_000);
    const second = new Date(time.now()).toISOString();
    tokens.verify(secret);
    expect(await storedUse()).not.toBe(second);
    await tokens.flush();
    expect(await storedUse()).toBe(second);

    // A use more than a minute after the last write is written without a flush.
    time.advance(61_000);
    const third = new Date(time.now()).toISOString();
    tokens.verify(secret);
    await expect.poll(storedUse, { timeout: 5000 }).toBe(third);
    expect((await ApiTokens.open(file)).get(token.id)?.lastUsedAt).toBe(third);
  });

  it("keeps no token in memory when its write fails, and keeps a token whose removal fails", async () => {
    const dir = await tempDir();
    const file = join(dir, "state", "tokens.json");
    await mkdir(join(dir, "state"));
    const tokens = await ApiTokens.open(file);
    const kept = await tokens.create({ name: "kept", role: "viewer" }, "x");
    // A plain file where the directory was: every write fails (also as root).
    await rename(join(dir, "state"), join(dir, "away"));
    await writeFile(join(dir, "state"), "");
    try {
      await expect(tokens.create({ name: "lost", role: "admin" }, "x")).rejects.toThrow();
      expect(tokens.list().map((t) => t.name)).toEqual(["kept"]);
      await expect(tokens.remove(kept.token.id)).rejects.toThrow();
      expect(tokens.verify(kept.secret)?.id).toBe(kept.token.id);
    } finally {
      await rm(join(dir, "state"));
      await rename(join(dir, "away"), join(dir, "state"));
    }
    expect((await ApiTokens.open(file)).list().map((t) => t.name)).toEqual(["kept"]);
    // The store works again once it can write.
    await tokens.create({ name: "after", role: "viewer" }, "x");
    expect((await ApiTokens.open(file)).list().map((t) => t.name)).toEqual(["kept", "after"]);
  });
});
