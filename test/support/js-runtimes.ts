import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./processes.js";

/**
 * Where `npm run client:runtimes` installs Bun and Deno from the npm registry (pinned in
 * package.json's script); `.ci/run` runs it, so CI always has both.
 */
export const runtimesDir = join(repoRoot, "node_modules", ".cache", "js-runtimes");

/** The `bun` or `deno` binary: the one `client:runtimes` installed, else one on PATH. */
export function findRuntime(name: "bun" | "deno"): string | undefined {
  const installed = join(runtimesDir, "node_modules", ".bin", name);
  if (existsSync(installed)) return installed;
  try {
    return execFileSync("which", [name], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** How each runtime runs an ES module file with network, file and environment access. */
export const runtimeArgs = {
  bun: (file: string) => [file],
  deno: (file: string) => ["run", "--allow-net", "--allow-read", "--allow-env", file],
} as const;
