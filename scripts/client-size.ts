/**
 * Packs pi-agent-server-client, installs the tarball alone into a scratch project and
 * prints what a consumer pays for it: the installed node_modules size and the import time.
 */
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  importMs,
  installInScratchProject,
  packClient,
  treeBytes,
} from "./client/scratch-install.js";

const dir = await mkdtemp(join(tmpdir(), "client-size-"));
try {
  const tarball = await packClient(dir);
  const project = join(dir, "scratch");
  await mkdir(project);
  await installInScratchProject(project, tarball);
  const nodeModules = join(project, "node_modules");
  const installed = (await readdir(nodeModules)).filter((name) => !name.startsWith("."));
  const bytes = await treeBytes(nodeModules);
  const ms = await importMs(project);
  process.stdout.write(
    [
      `tarball            ${basename(tarball)}`,
      `installed packages ${installed.join(", ")}`,
      `node_modules       ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`,
      `import()           ${ms.toFixed(1)} ms (median of 5 fresh node processes)`,
      "",
    ].join("\n"),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
