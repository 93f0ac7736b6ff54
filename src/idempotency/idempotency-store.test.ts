import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { type Claim, IdempotencyStore, type StoredResponse } from "./idempotency-store.js";

const created: StoredResponse = {
  status: 201,
  headers: { "content-type": "application/json", location: "/v1/projects/demo/sessions/s1" },
  body: '{"id":"s1"}',
};

function claimed(claim: Claim) {
  if (claim.kind !== "claimed") throw new Error(`expected a claim, got ${claim.kind}`);
  return claim;
}

describe("IdempotencyStore", () => {
  const tempDir = useTempDirs();

  async function storeFile() {
    return join(await tempDir(), "state", "idempotency.jsonl");
  }

  it("replays a stored response for the same fingerprint and refuses another fingerprint", async () => {
    const store = await IdempotencyStore.open(await storeFile());
    await claimed(store.claim("token:a POST /p", "k1", "fp1")).complete(created);
    expect(store.claim("token:a POST /p", "k1", "fp1")).toEqual({
      kind: "replay",
      response: created,
    });
    expect(store.claim("token:a POST /p", "k1", "fp2")).toEqual({ kind: "reused" });
    await store.close();
  });

  it("keeps keys apart by scope", async () => {
    const store = IdempotencyStore.inMemory();
    await claimed(store.claim("token:a POST /p", "k1", "fp1")).complete(created);
    expect(store.claim("token:b POST /p", "k1", "fp1").kind).toBe("claimed");
    expect(store.claim("token:a POST /q", "k1", "fp1").kind).toBe("claimed");
  });

  it("answers in-flight while a claim is held, and forgets a released claim", async () => {
    const store = IdempotencyStore.inMemory();
    const first = claimed(store.claim("s", "k", "fp"));
    expect(store.claim("s", "k", "fp")).toEqual({ kind: "in-flight" });
    expect(store.claim("s", "k", "other")).toEqual({ kind: "reused" });
    first.release();
    const second = claimed(store.claim("s", "k", "other"));
    await second.complete(created);
    second.release();
    expect(store.claim("s", "k", "other").kind).toBe("replay");
  });

  it("expires entries after the ttl, on reopen too", async () => {
    let now = 1_000_000;
    const file = await storeFile();
    const store = await IdempotencyStore.open(file, { ttlMs: 1000, now: () => now });
    await claimed(store.claim("s", "old", "fp")).complete(created);
    now += 600;
    await claimed(store.claim("s", "new", "fp")).complete(created);
    now += 500;
    expect(store.claim("s", "old", "fp").kind).toBe("claimed");
    expect(store.claim("s", "new", "fp").kind).toBe("replay");
    await store.close();

    const reopened = await IdempotencyStore.open(file, { ttlMs: 1000, now: () => now });
    expect(reopened.size).toBe(1);
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ k: "new" });
    now += 1000;
    expect(reopened.claim("s", "new", "fp").kind).toBe("claimed");
    await reopened.close();
  });

  it("replays after reopening, and forgets keys that were only in flight", async () => {
    const file = await storeFile();
    const store = await IdempotencyStore.open(file);
    await claimed(store.claim("s", "done", "fp")).complete(created);
    claimed(store.claim("s", "cut-short", "fp"));
    // no close: the process "dies" with one claim held and nothing else buffered
    const reopened = await IdempotencyStore.open(file);
    expect(reopened.claim("s", "done", "fp")).toEqual({ kind: "replay", response: created });
    expect(reopened.claim("s", "cut-short", "fp").kind).toBe("claimed");
    await reopened.close();
    await store.close();
  });

  it("trims a torn last line and skips unreadable lines", async () => {
    const file = await storeFile();
    const store = await IdempotencyStore.open(file);
    await claimed(store.claim("s", "a", "fp")).complete(created);
    await claimed(store.claim("s", "b", "fp")).complete(created);
    await store.close();
    const text = await readFile(file, "utf8");
    const [first, second] = text.trim().split("\n");
    await writeFile(file, `${first}\nnot json\n{"v":1,"s":"s"}\n${second}\n`);
    await appendFile(file, '{"v":1,"s":"s","k":"torn","f":"fp","at":');

    const reopened = await IdempotencyStore.open(file);
    expect(reopened.size).toBe(2);
    expect(reopened.claim("s", "a", "fp").kind).toBe("replay");
    expect(reopened.claim("s", "b", "fp").kind).toBe("replay");
    expect(reopened.claim("s", "torn", "fp").kind).toBe("claimed");
    expect(await readFile(file, "utf8")).toBe(`${first}\n${second}\n`);
    await claimed(reopened.claim("s", "c", "fp")).complete(created);
    await reopened.close();
    const again = await IdempotencyStore.open(file);
    expect(again.size).toBe(3);
    await again.close();
  });

  it("rewrites the file with the live entries once it holds mostly dead lines", async () => {
    let now = 0;
    const file = await storeFile();
    const store = await IdempotencyStore.open(file, {
      ttlMs: 1000,
      now: () => now,
      compactSlack: 2,
    });
    for (const k of ["a", "b", "c", "d", "e"]) {
      await claimed(store.claim("s", k, "fp")).complete(created);
    }
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(5);
    now = 1500;
    await claimed(store.claim("s", "f", "fp")).complete(created);
    await claimed(store.claim("s", "g", "fp")).complete(created);
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(7);
    // a minute on, the sweep drops a-g from memory: 8 lines > 2 * 1 live + 2
    now = 63_000;
    await claimed(store.claim("s", "h", "fp")).complete(created);
    const keys = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).k);
    expect(keys).toEqual(["h"]);
    await store.close();
    const reopened = await IdempotencyStore.open(file, { ttlMs: 100_000, now: () => now });
    expect(reopened.claim("s", "h", "fp").kind).toBe("replay");
    await reopened.close();
  });

  it("writes the response before complete resolves", async () => {
    const file = await storeFile();
    const store = await IdempotencyStore.open(file);
    await claimed(store.claim("s", "k", "fp")).complete(created);
    const row = JSON.parse(await readFile(file, "utf8"));
    expect(row).toMatchObject({ v: 1, s: "s", k: "k", f: "fp", r: created });
    await store.close();
  });
});
