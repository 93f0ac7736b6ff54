/**
 * Turn latency side by side: prompt sent → `agent_end` received for pi's SDK in this
 * process (the floor), pi's own `--mode rpc` over stdio, this server over HTTP + SSE (its
 * own process), and, for reference, the SDK behind the plainest HTTP + SSE wrapper (what
 * the transport costs by itself), all against one OpenAI-compatible mock LLM started here.
 * Paths take turns round-robin, the first one rotating each round, so machine noise hits
 * each alike; each round opens a new session on every path, so context stays one round long.
 * Prints p50/p95 per path, ratios to the floor, where a turn's time goes on either side of
 * the LLM call (as the mock sees it), the CPU time the process running pi spends per turn
 * (on Linux; steadier than wall time on a busy machine), and bytes on the wire per reply
 * (the SSE stream for the servers, stdout for pi RPC) against the reply's text size.
 *
 * Usage: npm run bench:turn [-- --chunks=200,2000 --turns=30 --rounds=4 --warmup=3]
 *   --chunks   chunks per streamed reply, comma-separated (default 200,2000; 6 bytes each)
 *   --turns    turns per path per round (default 30)
 *   --rounds   rounds, each on new sessions (default 4)
 *   --warmup   untimed turns per path before the rounds (default 3)
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { bareHttpPath } from "./bench-turn/bare-http-path.js";
import type { BenchPath, PathDirs, PhasedSample } from "./bench-turn/bench-path.js";
import { ownCpuMs, processCpuMs } from "./bench-turn/cpu-time.js";
import { mockModelsJson, startMockLlm } from "./bench-turn/mock-llm.js";
import { rpcPath } from "./bench-turn/rpc-path.js";
import { sdkPath } from "./bench-turn/sdk-path.js";
import { serverPath } from "./bench-turn/server-path.js";
import { formatTable } from "./bench-turn/stats.js";

function option(name: string, fallback: string): number[] {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
  const values = raw.split(",").map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new Error(`--${name} takes non-negative integers, got ${raw}`);
  }
  return values;
}

const chunkCounts = option("chunks", "200,2000");
const [turns = 30] = option("turns", "30");
const [rounds = 4] = option("rounds", "4");
const [warmup = 3] = option("warmup", "3");

const root = await mkdtemp(join(tmpdir(), "bench-turn-"));
const open: Array<() => Promise<void>> = [];
async function closeAll(): Promise<void> {
  for (const close of open.splice(0).reverse()) {
    await close().catch((error: unknown) => console.error("cleanup:", error));
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // `on`, not `once`: Ctrl-C reaches this process twice (the terminal and tsx's relay).
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    void closeAll()
      .then(() => rm(root, { recursive: true, force: true }))
      .finally(() => process.exit(130));
  });
}

async function piDirs(dir: string, mockUrl: string): Promise<PathDirs> {
  const dirs = {
    agentDir: join(dir, "agent"),
    cwd: join(dir, "project"),
    sessionsDir: join(dir, "sessions"),
  };
  await Promise.all(Object.values(dirs).map((path) => mkdir(path, { recursive: true })));
  await writeFile(join(dirs.agentDir, "models.json"), mockModelsJson(mockUrl));
  return dirs;
}

async function track(path: BenchPath | Promise<BenchPath>): Promise<BenchPath> {
  const started = await path;
  open.push(() => started.close());
  return started;
}

async function measure(chunks: number): Promise<void> {
  const dir = join(root, `chunks-${chunks}`);
  const mock = await startMockLlm(chunks);
  open.push(() => mock.close());
  const paths = [
    await track(sdkPath(await piDirs(join(dir, "sdk"), mock.url))),
    await track(rpcPath(await piDirs(join(dir, "rpc"), mock.url), dir)),
    await track(serverPath(join(dir, "server"), mock.url)),
    await track(bareHttpPath(await piDirs(join(dir, "bare"), mock.url))),
  ];
  const samples = new Map<string, PhasedSample[]>(paths.map((path) => [path.name, []]));
  for (const path of paths) {
    await path.newSession();
    for (let turn = 0; turn < warmup; turn++) await path.turn(`warm-up ${turn}`);
  }
  mock.forget();
  for (let round = 0; round < rounds; round++) {
    for (const path of paths) await path.newSession();
    for (let turn = 0; turn < turns; turn++) {
      for (let i = 0; i < paths.length; i++) {
        const path = paths[(i + round) % paths.length] as BenchPath;
        const cpu = () => (path.pid === undefined ? ownCpuMs() : processCpuMs(path.pid));
        const cpuBefore = cpu();
        const sample = await path.turn(`round ${round}, turn ${turn}: go on`);
        const cpuAfter = cpu();
        const requests = mock.forget();
        const request = requests[0];
        if (requests.length !== 1 || request?.repliedAt === undefined) {
          throw new Error(`${path.name}: ${requests.length} LLM requests in one turn`);
        }
        samples.get(path.name)?.push({
          ...sample,
          toLlmMs: request.receivedAt - sample.startedAt,
          afterReplyMs: sample.startedAt + sample.ms - request.repliedAt,
          cpuMs:
            cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
        });
      }
    }
  }
  await closeAll();
  console.log(
    `\n${chunks} chunks per reply (${mock.replyBytes} B of text), ${turns} turns × ${rounds} rounds per path, ${warmup} warm-up turns`,
  );
  console.log(formatTable(samples, mock.replyBytes));
  console.log("wire: SSE bytes (servers) or stdout bytes (pi RPC) from prompt to agent_end");
  console.log(
    "to LLM: prompt sent → the mock has the LLM request; after reply: the mock wrote the reply's last byte → agent_end received",
  );
  console.log(
    "CPU/turn: CPU time of the process running pi, mean per turn (the in-process SDK's includes the mock serving the reply)",
  );
}

try {
  console.log(
    `bench:turn on ${process.platform}/${process.arch}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
  );
  for (const chunks of chunkCounts) await measure(chunks);
} finally {
  await closeAll();
  await rm(root, { recursive: true, force: true });
}
