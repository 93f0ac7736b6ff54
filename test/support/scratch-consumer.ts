import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./processes.js";

const run = promisify(execFile);

/**
 * Compiles `files` of a scratch consumer project with the repository's TypeScript and
 * default options, except ES modules resolved the way Node resolves them (which top-level
 * `await` needs). Returns the compiler's output: empty when the files type-check.
 */
export async function compileConsumer(project: string, files: string[]): Promise<string> {
  const tsconfig = {
    compilerOptions: { target: "ES2022", module: "NodeNext", strict: true },
    files,
  };
  await writeFile(join(project, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  const compiled = await run(process.execPath, [tsc, "-p", ".", "--pretty", "false"], {
    cwd: project,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout || "tsc failed" }));
  return compiled.stdout;
}
