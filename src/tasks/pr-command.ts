import { spawn } from "node:child_process";
import { boundOutput, redactUrls } from "./git.js";

export interface PrCommandOptions {
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Default 300 s; the whole process group is killed after it. */
  timeoutMs?: number;
}

export type PrCommandResult = { ok: true; url: string | null } | { ok: false; error: string };

/** Characters of stdout kept to find the last URL in. */
const keptOutput = 64 * 1024;

/** The last http(s) URL in `text`, without trailing punctuation. */
export function lastUrl(text: string): string | null {
  const matches = text.match(/https?:\/\/[^\s"'<>]+/g);
  const last = matches?.at(-1);
  return last ? last.replace(/[).,;:!?\]]+$/, "") : null;
}

/**
 * Runs `TASK_PR_COMMAND` through the shell in its own process group, so a timeout
 * kills everything it started. Success means exit code 0; its stdout's last URL is
 * the PR.
 */
export function runPrCommand(options: PrCommandOptions): Promise<PrCommandResult> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  return new Promise((resolve) => {
    const child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-keptOutput);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-keptOutput);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `PR command could not start: ${error.message}` });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) return resolve({ ok: true, url: lastUrl(stdout) });
      const why = timedOut
        ? `timed out after ${timeoutMs} ms`
        : `exited with ${code ?? signal ?? "unknown"}`;
      const detail = boundOutput(redactUrls(stderr || stdout), 1000);
      resolve({ ok: false, error: `PR command ${why}${detail ? `: ${detail}` : ""}` });
    });
  });
}
