import { writeSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { LineAppender } from "./line-appender.js";

describe("LineAppender", () => {
  const tempDir = useTempDirs();

  it("appends to one file after another, creating the directory and each file 0600", async () => {
    const dir = join(await tempDir(), "nested", "log");
    const appender = new LineAppender(dir);
    appender.append("a.jsonl", "one\n");
    appender.append("a.jsonl", "two\n");
    appender.append("b.jsonl", "three\n");
    appender.append("a.jsonl", "four\n");
    appender.close();
    expect(await readFile(join(dir, "a.jsonl"), "utf8")).toBe("one\ntwo\nfour\n");
    expect(await readFile(join(dir, "b.jsonl"), "utf8")).toBe("three\n");
    expect((await stat(join(dir, "a.jsonl"))).mode & 0o777).toBe(0o600);
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

  it("throws a failed write, and starts the next append on a new line after a torn one", async () => {
    const dir = await tempDir();
    // A write that goes wrong: half the text reaches the file, then the disk is full.
    let failing: "no" | "half" | "full" = "no";
    const write: typeof writeSync = (fd, buffer, offset, length) => {
      const bytes = buffer as Buffer;
      if (failing === "no") return writeSync(fd, bytes, offset as number, length as number);
      if (failing === "half") {
        failing = "full";
        return writeSync(fd, bytes, offset as number, Math.floor((length as number) / 2));
      }
      failing = "no";
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    const appender = new LineAppender(dir, { write });
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
    const write: typeof writeSync = (fd, buffer, offset, length) => {
      if (fail) {
        fail = false;
        throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
      }
      return writeSync(fd, buffer as Buffer, offset as number, length as number);
    };
    const appender = new LineAppender(dir, { write });
    expect(() => appender.append("log", "lost\n")).toThrow(/EIO/);
    appender.append("log", "kept\n");
    appender.close();
    expect(await readFile(join(dir, "log"), "utf8")).toBe("kept\n");
  });
});
