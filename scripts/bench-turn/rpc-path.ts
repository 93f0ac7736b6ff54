import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { repoRoot } from "#test-support/processes.js";
import { type BenchPath, mockModel, type PathDirs } from "./bench-path.js";
import { ByteWatch } from "./byte-watch.js";
import { stopChild } from "./child.js";

const cli = `${repoRoot}node_modules/@mariozechner/pi-coding-agent/dist/cli.js`;

/** pi's own `--mode rpc`, spawned from `node_modules`, JSON lines over stdio. */
export function rpcPath(dirs: PathDirs, home: string): BenchPath {
  const child = spawn(
    process.execPath,
    [
      cli,
      "--mode",
      "rpc",
      "--provider",
      mockModel.provider,
      "--model",
      mockModel.modelId,
      "--session-dir",
      dirs.sessionsDir,
    ],
    {
      cwd: dirs.cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        PI_CODING_AGENT_DIR: dirs.agentDir,
        PI_OFFLINE: "1",
        PI_SKIP_VERSION_CHECK: "1",
        PI_TELEMETRY: "0",
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  child.stdin.on("error", () => undefined);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const agentEnd = new ByteWatch('"type":"agent_end"', '"success":false');
  const newSession = new ByteWatch('"command":"new_session"', '"success":false');
  child.stdout.on("data", (chunk: Buffer) => {
    agentEnd.feed(chunk);
    newSession.feed(chunk);
  });
  const send = (command: object) => child.stdin.write(`${JSON.stringify(command)}\n`);
  const explain = (error: unknown) =>
    new Error(`pi --mode rpc: ${(error as Error).message}\nstderr: ${stderr}`);
  return {
    name: "pi --mode rpc (stdio)",
    pid: child.pid,
    async newSession() {
      const done = newSession.next("new_session response").catch((error) => {
        throw explain(error);
      });
      send({ type: "new_session" });
      await done;
    },
    async turn(text) {
      const end = agentEnd.next("agent_end").catch((error) => {
        throw explain(error);
      });
      const start = performance.now();
      send({ type: "prompt", message: text });
      const at = await end;
      return { startedAt: start, ms: at - start, wireBytes: agentEnd.bytes };
    },
    close: () => stopChild(child),
  };
}
