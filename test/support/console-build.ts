import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { repoRoot } from "./processes.js";

/** What the console bundle is built from: its own package and the client it imports. */
const inputs = ["packages/console", "src/client", "src/contract"];
const skipped = new Set(["node_modules", "dist"]);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return skipped.has(entry.name) ? [] : filesUnder(path);
      return entry.name.endsWith(".test.ts") ? [] : [path];
    }),
  );
  return nested.flat();
}

async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(inputs.map((dir) => filesUnder(join(repoRoot, dir))))).flat();
  for (const file of files.sort()) {
    hash
      .update(relative(repoRoot, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function viteBuild(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
      {
        cwd: join(repoRoot, "packages", "console"),
        env: { ...process.env, CONSOLE_OUT_DIR: outDir },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

let built: Promise<string> | undefined;

/**
 * The console built from this checkout, in a cache keyed by its sources, so test files
 * share one build and never race on `dist/ui`. Parallel builders write to directories of
 * their own and the first rename wins.
 */
export function builtConsoleDir(): Promise<string> {
  built ??= (async () => {
    const dir = join(repoRoot, "node_modules", ".cache", "console-build", await fingerprint());
    if (existsSync(join(dir, "index.html"))) return dir;
    const scratch = `${dir}.${process.pid}.tmp`;
    await rm(scratch, { recursive: true, force: true });
    await viteBuild(scratch);
    try {
      await rename(scratch, dir);
    } catch (error) {
      if (!existsSync(join(dir, "index.html"))) throw error;
      await rm(scratch, { recursive: true, force: true });
    }
    return dir;
  })();
  return built;
}
