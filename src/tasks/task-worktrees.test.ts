import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { silentLogger } from "../logging/logger.js";
import { workspaceLayout } from "../workspace/layout.js";
import { Git } from "./git.js";
import { TaskWorktrees } from "./task-worktrees.js";

describe("TaskWorktrees.removeOrphans", () => {
  const tempDir = useTempDirs();

  it("removes the worktree directories of projects that no longer exist, and only those", async () => {
    const workspace = await tempDir();
    const root = join(workspace, ".pi-global", "worktrees");
    for (const project of ["kept", "deleted"]) {
      await mkdir(join(root, project, "task-1"), { recursive: true });
      await writeFile(join(root, project, "task-1", "file.txt"), "x");
    }
    const worktrees = new TaskWorktrees({
      git: new Git({ env: {} }),
      root,
      projectDir: workspaceLayout(workspace).projectDir,
      policy: "success",
      logger: silentLogger,
    });

    await worktrees.removeOrphans((projectId) => projectId === "kept");
    expect(await readdir(root)).toEqual(["kept"]);
  });

  it("does nothing when no worktree was ever made", async () => {
    const workspace = await tempDir();
    const worktrees = new TaskWorktrees({
      git: new Git({ env: {} }),
      root: join(workspace, "missing"),
      projectDir: workspaceLayout(workspace).projectDir,
      policy: "success",
      logger: silentLogger,
    });
    await expect(worktrees.removeOrphans(() => false)).resolves.toBeUndefined();
  });
});
