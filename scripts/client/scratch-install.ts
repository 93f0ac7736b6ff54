import { execFile } from "node:child_process";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const lockDir = join(repoRoot, "packages", "client", ".pack-lock");

/**
 * Runs `work` while holding a lock on the client's `dist/`, so processes that build and
 * pack it at once (parallel test files) take turns. A lock older than two minutes is
 * taken to be left by a killed process.
 */
async function withPackLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 120_000) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Builds the client package and packs it into `dir`; returns the tarball's path. */
export async function packClient(dir: string): Promise<string> {
  return withPackLock(async () => {
    await run(npm, ["run", "build:client"], { cwd: repoRoot });
    const { stdout } = await run(
      npm,
      ["pack", "-w", "pi-agent-server-client", "--pack-destination", dir, "--json"],
      { cwd: repoRoot },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack printed no file: ${stdout}`);
    return join(dir, packed.filename);
  });
}

/**
 * Makes `dir` a scratch ES-module project with only the packed client installed (its
 * dependencies come from the registry, or npm's cache when it has them).
 */
export async function installInScratchProject(dir: string, tarball: string): Promise<void> {
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: "scratch-consumer", private: true, type: "module" }),
  );
  await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
    cwd: dir,
    timeout: 180_000,
  });
}

/** Bytes of every file under `dir` (file contents, not disk blocks). */
export async function treeBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await treeBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** Median time in ms of `import("pi-agent-server-client")`, each in a fresh Node process. */
export async function importMs(dir: string, runs = 5): Promise<number> {
  const source =
    'const t = performance.now(); await import("pi-agent-server-client"); console.log(performance.now() - t);';
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", source], {
      cwd: dir,
    });
    times.push(Number(stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
