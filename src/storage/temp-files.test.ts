import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { writeFileAtomic } from "./atomic-write.js";
import { isTempFileName, sweepTempFiles, tempFilePath } from "./temp-files.js";

describe("temp files", () => {
  const tempDir = useTempDirs();

  it("recognises every name tempFilePath makes, and the old event-seq names", () => {
    for (const target of ["/w/projects.json", "/w/s/abc.unsaved.json", "/w/.pi/deployment.json"]) {
      const name = tempFilePath(target).split("/").at(-1) as string;
      expect(name.startsWith(".tmp-")).toBe(true);
      expect(isTempFileName(name), name).toBe(true);
    }
    expect(isTempFileName("0195.event-seq.json.a1b2c3d4.tmp")).toBe(true);
    expect(isTempFileName("event-seq.json.a1b2c3d4.tmp")).toBe(true);
  });

  it("does not take other files for temp files", () => {
    for (const name of [
      "projects.json",
      ".tmp-notes.md",
      ".tmp-x.json.ABCDEF123456",
      ".tmp-x.json.abc",
      "a.json.tmp",
      "abc.event-seq.json",
    ]) {
      expect(isTempFileName(name), name).toBe(false);
    }
  });

  it("sweeps only temp files, only in the given directories, skipping missing ones", async () => {
    const dir = await tempDir();
    const nested = join(dir, "nested");
    await mkdir(nested);
    await writeFileAtomic(join(dir, "kept.json"), "{}");
    const stale = tempFilePath(join(dir, "kept.json"));
    await writeFile(stale, "half");
    await writeFile(join(dir, "x.event-seq.json.0badf00d.tmp"), "half");
    await writeFile(join(dir, ".tmp-notes.md"), "mine");
    const deeper = tempFilePath(join(nested, "other.json"));
    await writeFile(deeper, "half");

    expect(await sweepTempFiles([dir, join(dir, "missing")])).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([".tmp-notes.md", "kept.json", "nested"]);
    expect(await readdir(nested)).toEqual([deeper.split("/").at(-1)]);
  });
});
