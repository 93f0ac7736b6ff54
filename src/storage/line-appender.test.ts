import { writeSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { LineAppender, type WriteCall } from "./line-appender.js";

const realWrite: WriteCall = (fd, bytes, offset, length) => writeSync(fd, bytes, offset, length);

describe("LineAppender", () => {
  const tempDir = useTempDirs();

  it("appends to one file after another, in order, creating the directory and each file 0600", async () => {
    const dir = join(await tempDir(), "nested", "log");
    const appender = new LineAppender(dir);
    appender.append("a.jsonl", "one\n");
    appender.append("a.jsonl", "two\n");
    appender.append("b.jsonl", "three\n");
    // Written before append returns: no flush, no close.
    expect(await readFile(join(dir, "b.jsonl"), "utf8")).toBe("three\n");
    appender.append("a.jsonl", "four\n");
    expect(await readFile(join(dir, "a.jsonl"), "utf8")).toBe("one\ntwo\nfour\n");
    expect((await stat(join(dir, "a.jsonl"))).mode & 0o777).toBe(0o600);
    appender.close();
  });

  it("writes an append whole when the system writes less per call", async () => {
    const dir = await tempDir();
    const calls: number[] = [];
    // At most 4 bytes per call, as a signal could leave it.
    const short: WriteCall = (fd, bytes, offset, length) => {
      calls.push(length);
      return realWrite(fd, bytes, offset, Math.min(4, length));
    };
    const appender = new LineAppender(dir, { write: short });
    appender.append("log", "first\n");
    appender.append("log", "b\n");
    appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("first\nb\n");
    expect(calls).toEqual([6, 2, 2]);
  });

  it("appends after close by opening the file again, after what is there", async () => {
    const dir = await tempDir();
    const appender = new LineAppender(dir);
    appender.append("log", "é\n");
    appender.close();
    appender.close();
    appender.append("log", "ü\n");
    appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("é\nü\n");
  });

  it("throws on a failed write, and starts the next write on a new line after a torn one", async () => {
    const dir = await tempDir();
    // A write that goes wrong: half the text reaches the file, then the disk is full.
    let failing: "no" | "half" | "full" = "no";
    const flaky: WriteCall = (fd, bytes, offset, length) => {
      if (failing === "no") return realWrite(fd, bytes, offset, length);
      if (failing === "half") {
        failing = "full";
        return realWrite(fd, bytes, offset, Math.floor(length / 2));
      }
      failing = "no";
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    const appender = new LineAppender(dir, { write: flaky });
    appender.append("log", "whole\n");
    failing = "half";
    expect(() => appender.append("log", "torn-line\n")).toThrow(/ENOSPC/);
    appender.append("log", "next\n");
    appender.append("log", "last\n");
    appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("whole\ntorn-\nnext\nlast\n");
  });

  it("needs no new line after a write that failed before writing anything", async () => {
    const dir = await tempDir();
    let fail = true;
    const once: WriteCall = (fd, bytes, offset, length) => {
      if (!fail) return realWrite(fd, bytes, offset, length);
      fail = false;
      throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    };
    const appender = new LineAppender(dir, { write: once });
    expect(() => appender.append("log", "lost\n")).toThrow(/EIO/);
    appender.append("log", "kept\n");
    appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("kept\n");
  });
});
