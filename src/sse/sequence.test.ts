import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { EventSequence, idBlockSize } from "./sequence.js";

const reservedIn = (file: string) =>
  (JSON.parse(readFileSync(file, "utf8")) as { reserved: number }).reserved;

describe("EventSequence", () => {
  const tempDir = useTempDirs();

  it("hands out ids from 1 and reserves a block on disk with the first, mode 0600", async () => {
    const file = join(await tempDir(), "sequence.json");
    const sequence = EventSequence.open(file);
    expect(sequence.current).toBe(0);
    expect([sequence.next(), sequence.next(), sequence.next()]).toEqual([1, 2, 3]);
    expect(sequence.current).toBe(3);
    expect(reservedIn(file)).toBe(1 + idBlockSize);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("writes the file again only once the block is used up", async () => {
    const file = join(await tempDir(), "sequence.json");
    const sequence = EventSequence.open(file);
    sequence.next();
    // A marker the sequence would overwrite if it wrote inside the block.
    writeFileSync(file, JSON.stringify({ reserved: 1 + idBlockSize, marker: true }));
    for (let i = 1; i < idBlockSize; i++) sequence.next();
    expect(sequence.current).toBe(idBlockSize);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ marker: true });
    sequence.next();
    sequence.next();
    expect(reservedIn(file)).toBe(idBlockSize + 2 + idBlockSize);
  });

  it("never repeats an id after a restart, even one the last run never closed", async () => {
    const file = join(await tempDir(), "sequence.json");
    const first = EventSequence.open(file);
    for (let i = 0; i < 42; i++) first.next();
    const second = EventSequence.open(file);
    expect(second.current).toBeGreaterThanOrEqual(42);
    expect(second.next()).toBeGreaterThan(42);
  });

  it("skips ahead to an id found elsewhere (a log), reserving past it", async () => {
    const file = join(await tempDir(), "sequence.json");
    const sequence = EventSequence.open(file);
    sequence.skipTo(5 * idBlockSize);
    expect(sequence.current).toBe(5 * idBlockSize);
    expect(sequence.next()).toBe(5 * idBlockSize + 1);
    expect(reservedIn(file)).toBe(6 * idBlockSize);
    sequence.skipTo(3);
    expect(sequence.current).toBe(5 * idBlockSize + 1);
  });

  it("starts from 0 when the file is missing or unreadable (a hub then skips past its log)", async () => {
    const dir = await tempDir();
    const file = join(dir, "sequence.json");
    writeFileSync(file, "{ torn");
    expect(EventSequence.open(file).next()).toBe(1);
    expect(EventSequence.open(join(dir, "missing.json")).current).toBe(0);
  });

  it("goes on handing out ids when its file cannot be written (a full disk), trying again per block", async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, "blocker"), "a file where a directory should be");
    const sequence = EventSequence.open(join(dir, "blocker", "sequence.json"));
    expect([sequence.next(), sequence.next()]).toEqual([1, 2]);
    sequence.skipTo(2 * idBlockSize);
    expect(sequence.next()).toBe(2 * idBlockSize + 1);
  });

  it("lives in memory when asked, from the given start", () => {
    const sequence = EventSequence.inMemory(7);
    expect(sequence.next()).toBe(8);
  });
});
