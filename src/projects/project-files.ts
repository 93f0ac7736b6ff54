import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { sweepTempFiles } from "../storage/index.js";
import type { WorkspaceLayout } from "../workspace/layout.js";
import { copyTemplate } from "./template.js";

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts a new project's directory in place whole: the template (or nothing) is copied
 * into a staging directory first and renamed into place, so a crash never leaves a
 * half-copied project. An existing directory is kept as it is (`adopted`).
 */
export async function placeProjectDirectory(
  layout: WorkspaceLayout,
  id: string,
  templateDir: string | undefined,
): Promise<"created" | "adopted"> {
  const projectDir = layout.projectDir(id);
  if (await exists(projectDir)) return "adopted";
  const staging = join(layout.stagingDir, `${id}.${randomBytes(4).toString("hex")}`);
  await mkdir(layout.stagingDir, { recursive: true });
  try {
    if (templateDir) await copyTemplate(templateDir, staging);
    else await mkdir(staging);
    await rename(staging, projectDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return "created";
}

/**
 * Removes `path` (if present) by first renaming it into the trash directory, so it is
 * gone from its place at once and a crash mid-removal leaves only trash behind.
 */
export async function discard(layout: WorkspaceLayout, path: string): Promise<void> {
  const parked = join(layout.trashDir, randomBytes(8).toString("hex"));
  await mkdir(layout.trashDir, { recursive: true });
  try {
    await rename(path, parked);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  await rm(parked, { recursive: true, force: true });
}

/**
 * Removes what interrupted work left: staging and trash directories, and the temp files
 * of interrupted atomic writes in every directory the server writes state to (the task
 * store sweeps its own directory when it opens).
 */
export async function sweepLeftovers(
  layout: WorkspaceLayout,
  projectIds: Iterable<string>,
): Promise<void> {
  await Promise.all([
    rm(layout.stagingDir, { recursive: true, force: true }),
    rm(layout.trashDir, { recursive: true, force: true }),
  ]);
  const transcriptDirs = (await readdir(layout.sessionsRoot, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(layout.sessionsRoot, entry.name));
  const projectConfigDirs = [...projectIds].map((id) => join(layout.projectDir(id), ".pi"));
  await sweepTempFiles([
    layout.globalDir,
    layout.tasksDir,
    layout.usageDir,
    ...transcriptDirs,
    ...projectConfigDirs,
  ]);
}
