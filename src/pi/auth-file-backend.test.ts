import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { AtomicAuthFileBackend } from "./auth-file-backend.js";

describe("AtomicAuthFileBackend", () => {
  const tempDir = useTempDirs();

  it("writes auth.json with mode 0600, creating its directory, and leaves no temp file", async () => {
    const dir = join(await tempDir(), ".pi-global");
    const path = join(dir, "auth.json");
    const backend = new AtomicAuthFileBackend(path);
    expect(backend.withLock((current) => ({ result: current }))).toBeUndefined();
    backend.withLock(() => ({ result: undefined, next: '{"a":{"type":"api_key","key":"k"}}' }));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ a: { type: "api_key", key: "k" } });
    expect(await readdir(dir)).toEqual(["auth.json"]);
  });

  it("merges an asynchronous update into what was written while it waited", async () => {
    const path = join(await tempDir(), "auth.json");
    const backend = new AtomicAuthFileBackend(path);
    backend.withLock(() => ({
      result: undefined,
      next: JSON.stringify({ oauth: { access: "old" }, gone: { key: "x" } }),
    }));
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const refreshing = backend.withLockAsync(async (current) => {
      const data = JSON.parse(current ?? "{}");
      await gate;
      data.oauth = { access: "new" };
      return { result: "refreshed", next: JSON.stringify(data) };
    });
    backend.withLock((current) => {
      const data = JSON.parse(current ?? "{}");
      data.added = { key: "y" };
      delete data.gone;
      return { result: undefined, next: JSON.stringify(data) };
    });
    release();
    expect(await refreshing).toBe("refreshed");
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({
      oauth: { access: "new" },
      added: { key: "y" },
    });
  });

  it("runs asynchronous updates one at a time", async () => {
    const backend = new AtomicAuthFileBackend(join(await tempDir(), "auth.json"));
    const order: string[] = [];
    const step = (name: string) =>
      backend.withLockAsync(async () => {
        order.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name}:end`);
        return { result: undefined };
      });
    await Promise.all([step("a"), step("b")]);
    expect(order).toEqual(["a:start", "a:end", "b:start", "b:end"]);
  });
});
