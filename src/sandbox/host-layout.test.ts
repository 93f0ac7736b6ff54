import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { readHostLayout } from "./host-layout.js";

describe("readHostLayout", () => {
  const tempDir = useTempDirs();

  it("binds a Node install of its own as a whole, and only the executable otherwise", async () => {
    const install = await tempDir();
    await mkdir(join(install, "bin"));
    await mkdir(join(install, "include", "node"), { recursive: true });
    await writeFile(join(install, "bin", "node"), "");
    expect(readHostLayout(join(install, "bin", "node")).nodePrefix).toBe(install);

    const loose = await tempDir(); // e.g. ~/bin/node: never the whole directory above it
    await mkdir(join(loose, "bin"));
    await writeFile(join(loose, "bin", "node"), "");
    expect(readHostLayout(join(loose, "bin", "node")).nodePrefix).toBe(join(loose, "bin", "node"));
  });

  it("binds nothing extra for a Node inside the system directories", () => {
    expect(readHostLayout("/usr/bin/node").nodePrefix).toBeUndefined();
  });
});
