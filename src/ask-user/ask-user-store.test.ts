import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { freshState } from "./ask-user-state.js";
import { AskUserStore } from "./ask-user-store.js";

describe("AskUserStore", () => {
  const tempDir = useTempDirs();

  it("round-trips session state and project defaults, creating the directory", async () => {
    const dir = join(await tempDir(), "sessions", "demo");
    const store = new AskUserStore(dir);
    expect(await store.loadState("s1")).toEqual(freshState());
    expect(await store.loadDefaults()).toEqual({});

    const state = freshState();
    state.queue.push({ id: "q", text: "hello", createdAt: "2026-01-01T00:00:00.000Z" });
    state.settings = { enabled: true, autopilot: { prompts: ["p"] } };
    await store.saveState("s1", state);
    await store.saveDefaults({ fallbackAnswer: "go" });
    expect(await store.loadState("s1")).toEqual(state);
    expect(await store.loadDefaults()).toEqual({ fallbackAnswer: "go" });

    await store.deleteState("s1");
    await store.deleteState("s1");
    expect(await store.loadState("s1")).toEqual(freshState());
  });

  it("moves a file that does not parse aside and starts fresh", async () => {
    const dir = await tempDir();
    const store = new AskUserStore(dir);
    await writeFile(store.stateFile("s1"), '{"version": 1, "queue": "not a list"}');
    await writeFile(join(dir, "ask-user-defaults.json"), "{ torn");
    expect(await store.loadState("s1")).toEqual(freshState());
    expect(await store.loadDefaults()).toEqual({});
    const files = await readdir(dir);
    const corrupt = files.filter((name) => name.includes(".corrupt-"));
    expect(corrupt).toHaveLength(2);
    const kept = corrupt.find((name) => name.startsWith("s1.")) ?? "";
    expect(await readFile(join(dir, kept), "utf8")).toContain("not a list");
  });
});
