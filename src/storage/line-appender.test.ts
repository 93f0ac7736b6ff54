import { write } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { LineAppender, type WriteCall } from "./line-appender.js";

const realWrite: WriteCall = (fd, bytes, offset, length, done) =>
  write(fd, bytes, offset, length, null, done);

describe("LineAppender", () => {
  const tempDir = useTempDirs();

  it("appends to one file after another, in order, creating the directory and each file 0600", async () => {
    const dir = join(await tempDir(), "nested", "log");
    const appender = new LineAppender(dir);
    const appended = [
      appender.append("a.jsonl", "one\n"),
      appender.append("a.jsonl", "two\n"),
      appender.append("b.jsonl", "three\n"),
      appender.append("a.jsonl", "four\n"),
    ];
    await appender.flush();
    await Promise.all(appended);
    await appender.close();
    expect(await readFile(join(dir, "a.jsonl"), "utf8")).toBe("one\ntwo\nfour\n");
    expect(await readFile(join(dir, "b.jsonl"), "utf8")).toBe("three\n");
    expect((await stat(join(dir, "a.jsonl"))).mode & 0o777).toBe(0o600);
  });

  it("writes what was queued for one file meanwhile in one write, whole when the system writes less", async () => {
    const dir = await tempDir();
    const calls: number[] = [];
    // At most 3 bytes per call, as a full pipe or a signal could leave it.
    const short: WriteCall = (fd, bytes, offset, length, done) => {
      calls.push(length);
      realWrite(fd, bytes, offset, Math.min(3, length), done);
    };
    const appender = new LineAppender(dir, { write: short });
    const first = appender.append("log", "first\n");
    const rest = ["b\n", "c\n", "d\n"].map((text) => appender.append("log", text));
    await Promise.all([first, ...rest]);
    await appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("first\nb\nc\nd\n");
    // "first\n" alone (6 bytes, two calls), then the three queued behind it together (6 bytes).
    expect(calls).toEqual([6, 3, 6, 3]);
  });

  it("closes only once appends made while it waits are written too", async () => {
    const dir = await tempDir();
    const appender = new LineAppender(dir);
    const first = appender.append("log", "first\n");
    const closed = appender.close();
    // Queued once the first write is under way, while close waits for it.
    const late = first.then(() => appender.append("log", "late\n"));
    await Promise.all([closed, late]);
    await appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("first\nlate\n");
  });

  it("appends after close by opening the file again, after what is there", async () => {
    const dir = await tempDir();
    const appender = new LineAppender(dir);
    await appender.append("log", "é\n");
    await appender.close();
    await appender.close();
    await appender.append("log", "ü\n");
    await appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("é\nü\n");
  });

  it("rejects a failed write, and starts the next write on a new line after a torn one", async () => {
    const dir = await tempDir();
    // A write that goes wrong: half the text reaches the file, then the disk is full.
    let failing: "no" | "half" | "full" = "no";
    const flaky: WriteCall = (fd, bytes, offset, length, done) => {
      if (failing === "no") return realWrite(fd, bytes, offset, length, done);
      if (failing === "half") {
        failing = "full";
        return realWrite(fd, bytes, offset, Math.floor(length / 2), done);
      }
      failing = "no";
      done(Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" }), 0);
    };
    const appender = new LineAppender(dir, { write: flaky });
    await appender.append("log", "whole\n");
    failing = "half";
    await expect(appender.append("log", "torn-line\n")).rejects.toThrow(/ENOSPC/);
    await appender.append("log", "next\n");
    await appender.append("log", "last\n");
    await appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("whole\ntorn-\nnext\nlast\n");
  });

  it("needs no new line after a write that failed before writing anything", async () => {
    const dir = await tempDir();
    let fail = true;
    const once: WriteCall = (fd, bytes, offset, length, done) => {
      if (!fail) return realWrite(fd, bytes, offset, length, done);
      fail = false;
      done(Object.assign(new Error("EIO: i/o error"), { code: "EIO" }), 0);
    };
    const appender = new LineAppender(dir, { write: once });
    await expect(appender.append("log", "lost\n")).rejects.toThrow(/EIO/);
    await appender.append("log", "kept\n");
    await appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("kept\n");
  });
});
