import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Node options that install `memory-probe.mjs` in a child process. */
export const memoryProbeNodeOptions = `--import ${fileURLToPath(new URL("./memory-probe.mjs", import.meta.url))}`;

export interface ProbedMemory {
  /** Live JS heap after a full garbage collection, in bytes. */
  heapUsed: number;
  /** Memory of C++ objects bound to JS objects (Buffers' backing stores among them), in bytes. */
  external: number;
  /** Resident set size once the garbage was collected, in bytes. */
  rss: number;
}

/**
 * Asks a child started with {@link memoryProbeNodeOptions} to collect its garbage and
 * report its memory; `output` returns everything the child printed so far.
 */
export async function probeMemory(
  child: ChildProcess,
  output: () => string,
  timeoutMs = 10_000,
): Promise<ProbedMemory> {
  const seen = output().split("memory-probe ").length;
  child.kill("SIGUSR2");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reports = output().split("memory-probe ");
    const report = reports.length > seen ? reports.at(-1) : undefined;
    // A report counts once its line is complete (stderr may arrive in pieces).
    const end = report?.indexOf("\n") ?? -1;
    if (report !== undefined && end >= 0) return JSON.parse(report.slice(0, end)) as ProbedMemory;
  }
  throw new Error("the memory probe did not answer in time");
}
