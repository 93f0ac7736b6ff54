import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { isInside, PathGuard, PathOutsideError, PathReadOnlyError } from "./path-guard.js";

describe("PathGuard", () => {
  const tempDir = useTempDirs();

  async function layout() {
    const base = await tempDir();
    const root = join(base, "project");
    const outside = join(base, "other");
    await mkdir(join(root, "src"), { recursive: true });
    await mkdir(outside);
    await writeFile(join(root, "src", "a.ts"), "a");
    await writeFile(join(outside, "secret.txt"), "secret");
    return { base, root, outside, guard: new PathGuard(root) };
  }

  describe("happy", () => {
    it("resolves paths inside the root, existing or not", async () => {
      const { root, guard } = await layout();
      expect(await guard.readable(join(root, "src", "a.ts"))).toBe(join(root, "src", "a.ts"));
      expect(await guard.readable("src/a.ts")).toBe(join(root, "src", "a.ts"));
      expect(await guard.writable(join(root, "new", "deep", "file.txt"))).toBe(
        join(root, "new", "deep", "file.txt"),
      );
      expect(await guard.writable(root)).toBe(root);
    });

    it("reads and writes through the guard, truncating what was there", async () => {
      const { root, guard } = await layout();
      await guard.writeFile("src/a.ts", "longer content");
      await guard.writeFile("src/a.ts", "short");
      expect((await guard.readFile("src/a.ts")).toString()).toBe("short");
      expect(await readFile(join(root, "src", "a.ts"), "utf8")).toBe("short");
      await writeFile(join(root, "..env"), "dotted name");
      expect((await guard.readFile("..env")).toString()).toBe("dotted name");
    });

    it("follows a symlink that stays inside", async () => {
      const { root, guard } = await layout();
      await symlink(join(root, "src"), join(root, "alias"));
      expect(await guard.readable(join(root, "alias", "a.ts"))).toBe(join(root, "src", "a.ts"));
    });

    it("lets read-only roots be read but not written", async () => {
      const { root, outside } = await layout();
      const guard = new PathGuard(root, [outside]);
      expect(await guard.readable(join(outside, "secret.txt"))).toBe(join(outside, "secret.txt"));
      await expect(guard.writable(join(outside, "secret.txt"))).rejects.toThrow(PathOutsideError);
    });
  });

  describe("security", () => {
    it("refuses to read or write through a link that leaves the root, even in its last step", async () => {
      const { root, outside, guard } = await layout();
      await symlink(join(outside, "secret.txt"), join(root, "leak.txt"));
      await expect(guard.readFile("leak.txt")).rejects.toThrow(PathOutsideError);
      await expect(guard.writeFile("leak.txt", "pwned")).rejects.toThrow(PathOutsideError);
      expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    });

    it("keeps protected paths inside the root readable but not writable, through symlinks too", async () => {
      const { root } = await layout();
      await mkdir(join(root, ".pi"));
      await writeFile(join(root, ".pi", "AGENTS.md"), "x");
      await symlink(join(root, ".pi"), join(root, "config-alias"));
      const guard = new PathGuard(root, [], [".pi"]);
      expect(await guard.readable(".pi/AGENTS.md")).toBe(join(root, ".pi", "AGENTS.md"));
      await expect(guard.writable(".pi/extensions/evil.ts")).rejects.toThrow(PathReadOnlyError);
      await expect(guard.writable("config-alias/AGENTS.md")).rejects.toThrow(PathReadOnlyError);
      expect(await guard.writable("src/b.ts")).toBe(join(root, "src", "b.ts"));
    });

    it("refuses `..` escapes", async () => {
      const { root, guard } = await layout();
      await expect(guard.readable(join(root, "..", "other", "secret.txt"))).rejects.toThrow(
        PathOutsideError,
      );
      await expect(guard.readable("../other/secret.txt")).rejects.toThrow(PathOutsideError);
      await expect(guard.writable("src/../../other/new.txt")).rejects.toThrow(PathOutsideError);
    });

    it("refuses absolute paths outside", async () => {
      const { guard } = await layout();
      await expect(guard.readable("/etc/passwd")).rejects.toThrow(PathOutsideError);
      await expect(guard.writable("/tmp/pwned")).rejects.toThrow(PathOutsideError);
    });

    it("refuses symlinks to files and directories outside", async () => {
      const { root, outside, guard } = await layout();
      await symlink(join(outside, "secret.txt"), join(root, "link.txt"));
      await symlink(outside, join(root, "out"));
      await expect(guard.readable(join(root, "link.txt"))).rejects.toThrow(PathOutsideError);
      await expect(guard.readable(join(root, "out", "secret.txt"))).rejects.toThrow(
        PathOutsideError,
      );
      await expect(guard.writable(join(root, "out", "new.txt"))).rejects.toThrow(PathOutsideError);
      await expect(guard.writable(join(root, "out", "a", "b", "c.txt"))).rejects.toThrow(
        PathOutsideError,
      );
    });

    it("refuses a dangling symlink whose target (to be created) is outside", async () => {
      const { root, outside, guard } = await layout();
      await symlink(join(outside, "not-yet.txt"), join(root, "dangling"));
      await symlink("../other/missing-dir/x", join(root, "relative-dangling"));
      await expect(guard.writable(join(root, "dangling"))).rejects.toThrow(PathOutsideError);
      await expect(guard.writable(join(root, "relative-dangling"))).rejects.toThrow(
        PathOutsideError,
      );
    });

    it("refuses a symlinked root's siblings and a symlink loop", async () => {
      const { base, root } = await layout();
      await symlink(root, join(base, "root-link"));
      const guard = new PathGuard(join(base, "root-link"));
      expect(await guard.readable("src/a.ts")).toBe(join(root, "src", "a.ts"));
      await expect(guard.readable("../other/secret.txt")).rejects.toThrow(PathOutsideError);
      await symlink(join(root, "loop-b"), join(root, "loop-a"));
      await symlink(join(root, "loop-a"), join(root, "loop-b"));
      await expect(guard.writable(join(root, "loop-a"))).rejects.toThrow();
    });
  });
});

describe("isInside", () => {
  it("compares whole path segments", () => {
    expect(isInside("/srv/ws/demo", "/srv/ws/demo")).toBe(true);
    expect(isInside("/srv/ws/demo", "/srv/ws/demo/a/b")).toBe(true);
    expect(isInside("/srv/ws/demo", "/srv/ws/demo-other/x")).toBe(false);
    expect(isInside("/srv/ws/demo", "/srv/ws")).toBe(false);
  });
});
