import { appendFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { loadUsageLog, segmentName, UsageLogWriter } from "./usage-log.js";
import { decodeRecord, encodeRecord, type UsageRecord } from "./usage-records.js";

const at = Date.UTC(2026, 0, 31, 23, 59, 59);
const records: UsageRecord[] = [
  {
    kind: "message",
    at,
    projectId: "demo",
    sessionId: "s1",
    taskId: "t1",
    provider: "anthropic",
    model: "claude",
    tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10 },
    cost: { input: 0.5, output: 0.25, cacheRead: 0.125, cacheWrite: 0.0625, total: 0.9375 },
    stopReason: "error",
    error: 'overloaded "quotes" \n and newline',
  },
  {
    kind: "run",
    at,
    projectId: "demo",
    sessionId: "s1",
    taskId: null,
    provider: null,
    model: null,
    durationMs: 1234,
    outcome: "aborted",
  },
  {
    kind: "tool",
    at: at + 1000,
    projectId: "demo",
    sessionId: "s1",
    taskId: null,
    provider: "anthropic",
    model: "claude",
    tool: "bash",
    durationMs: 55,
    isError: true,
  },
];

describe("usage records", () => {
  it("round-trips every kind through one compact line", () => {
    for (const record of records) {
      const line = encodeRecord(record);
      expect(line).not.toContain("\n");
      expect(decodeRecord(line)).toEqual(record);
    }
    expect(encodeRecord(records[1] as UsageRecord).length).toBeLessThan(80);
  });

  it.each([
    "not json",
    "{}",
    "[]",
    '["x",1,"p","s",null]',
    '["r",1,"p","s",null,null,null,5,"weird"]',
    '["t",1,"p","s",null,null,null,"bash",5,2]',
    '["m",1,"p","s",null,"a","b",1,2,3]',
    '["r","1","p","s",null,null,null,5,"failed"]',
  ])("rejects the malformed line %s", (line) => {
    expect(decodeRecord(line)).toBeUndefined();
  });
});

describe("usage log", () => {
  const tempDir = useTempDirs();
  const logger = createLogger({ level: "silent" });
  const load = async (dir: string) => {
    const loaded: UsageRecord[] = [];
    const summary = await loadUsageLog(dir, (record) => loaded.push(record));
    expect(summary.records).toBe(loaded.length);
    return { records: loaded, skipped: summary.skipped };
  };

  it("appends to monthly segments and reloads everything in order", async () => {
    const dir = join(await tempDir(), "usage");
    const writer = new UsageLogWriter({ dir, logger });
    for (const record of records) writer.append(record);
    await writer.flush();
    expect((await readdir(dir)).sort()).toEqual([segmentName(at), segmentName(at + 1000)]);
    expect(segmentName(at)).toBe("usage-2026-01.jsonl");
    const loaded = await load(dir);
    expect(loaded).toEqual({ records, skipped: 0 });
  });

  it("loads nothing from a directory that does not exist", async () => {
    expect(await load(join(await tempDir(), "missing"))).toEqual({
      records: [],
      skipped: 0,
    });
  });

  it("truncates a torn last line so later appends start on a fresh line", async () => {
    const dir = await tempDir();
    const file = join(dir, segmentName(at));
    const [first, second] = records.map(encodeRecord);
    await writeFile(file, `${first}\n${second?.slice(0, 20)}`);
    const loaded = await load(dir);
    expect(loaded.records).toEqual([records[0]]);
    expect(loaded.skipped).toBe(1);
    expect(await readFile(file, "utf8")).toBe(`${first}\n`);

    const writer = new UsageLogWriter({ dir, logger });
    writer.append(records[1] as UsageRecord);
    await writer.flush();
    expect((await load(dir)).records).toEqual([records[0], records[1]]);
  });

  it("skips a corrupt line in the middle and keeps the rest", async () => {
    const dir = await tempDir();
    const file = join(dir, segmentName(at));
    const [first, second] = records.map(encodeRecord);
    await appendFile(file, `${first}\n{"garbage\n${second}\n`);
    const loaded = await load(dir);
    expect(loaded.records).toEqual([records[0], records[1]]);
    expect(loaded.skipped).toBe(1);
  });

  it("logs a failed append instead of throwing, and keeps writing afterwards", async () => {
    const root = await tempDir();
    const dir = join(root, "usage");
    await writeFile(dir, "a file where the directory should be");
    const lines: string[] = [];
    const writer = new UsageLogWriter({
      dir,
      logger: createLogger({ level: "error", write: (line) => lines.push(line) }),
    });
    writer.append(records[0] as UsageRecord);
    await writer.flush();
    expect(lines.join("\n")).toContain("usage log append failed");

    await rm(dir);
    writer.append(records[1] as UsageRecord);
    await writer.flush();
    expect((await load(dir)).records).toEqual([records[1]]);
  });
});
