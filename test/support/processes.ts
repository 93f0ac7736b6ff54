import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsxLoader = pathToFileURL(`${repoRoot}node_modules/tsx/dist/loader.mjs`).href;

export interface TsProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process ends. */
  exited: Promise<number | string>;
}

/** Runs a TypeScript file of this repository in a fresh Node process (through tsx). */
export function runTs(
  file: string,
  options: { env?: Record<string, string>; cwd?: string; args?: string[] } = {},
): TsProcess {
  const child = spawn(
    process.execPath,
    ["--import", tsxLoader, `${repoRoot}${file}`, ...(options.args ?? [])],
    {
      cwd: options.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  return { child, output: () => output, exited };
}

/** Waits until `predicate(output)` holds, or fails after `timeoutMs`. */
export async function waitForOutput(
  proc: TsProcess,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = proc.output().match(pattern);
    if (match) return match;
    if (proc.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${pattern}; output so far:\n${proc.output()}`);
}

export interface ServerProcess extends TsProcess {
  url: string;
}

/** Starts the standalone server (`src/server.ts`) on a free port and waits until it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { cwd?: string } = {},
): Promise<ServerProcess> {
  const proc = runTs("src/server.ts", { env: { AGENT_SERVER_PORT: "0", ...env }, ...options });
  try {
    const match = await waitForOutput(proc, /listening on (http:\/\/\S+)/);
    return { ...proc, url: match[1] as string };
  } catch (error) {
    proc.child.kill("SIGKILL");
    throw error;
  }
}

/** Resident memory of process `pid` in MiB, read after a second for the heap to settle. */
export async function settledRssMiB(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}
