import { mkdtemp } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServerProcess } from "#test-support/processes.js";
import { startMockLlm } from "../bench-turn/mock-llm.js";
import { stopChild } from "../bench-turn/child.js";

const chunks = Number(process.argv[2] ?? 2000);
const mock = await startMockLlm(chunks);
const workspace = await mkdtemp(join(tmpdir(), "wire-"));
const server = await startServerProcess({
  WORKSPACE_DIR: workspace,
  LITELLM_BASE_URL: mock.url,
  LITELLM_MODELS: "bench-mock",
  LITELLM_DEFAULT_MODEL: "bench-mock",
  AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
});
const post = async (path: string, body: unknown) => {
  const r = await fetch(server.url + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return r.json() as Promise<{ id: string }>;
};
await post("/v1/projects", { name: "bench" });
for (let turn = 0; turn < 4; turn++) {
  const { id } = await post("/v1/projects/bench/sessions", {});
  let raw = "";
  const done = new Promise<void>((resolve) => {
    request(`${server.url}/v1/projects/bench/sessions/${id}/events`, { headers: { accept: "text/event-stream" } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        raw += c;
        if (raw.includes('"type":"agent_end"')) { resolve(); res.destroy(); }
      });
    }).end();
  });
  await new Promise((r) => setTimeout(r, 100));
  const start = raw.length;
  await fetch(`${server.url}/v1/projects/bench/sessions/${id}/prompt`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "hi" }) });
  await done;
  const body = raw.slice(start);
  const frames = body.split("\n\n").filter((f) => f.startsWith("id:"));
  const bytes = Buffer.byteLength(body);
  const byType = new Map<string, { n: number; bytes: number }>();
  let patches = 0, patchBytes = 0;
  for (const f of frames) {
    const data = JSON.parse(f.slice(f.indexOf("data: ") + 6));
    const t = data.type === "message_update" ? `mu:${data.assistantMessageEvent.type}` : data.type;
    const e = byType.get(t) ?? { n: 0, bytes: 0 };
    e.n++; e.bytes += Buffer.byteLength(f) + 2; byType.set(t, e);
    if (data.patch) { patches++; patchBytes += JSON.stringify(data.patch).length; }
  }
  const text = mock.replyBytes;
  const emptyDelta = Buffer.byteLength(`id: ${frames.length}\ndata: {"type":"message_update","assistantMessageEvent":{"type":"text_delta","contentIndex":0,"delta":""}}\n\n`);
  console.log(`turn ${turn}: ${bytes} B, ${frames.length} events, text ${text} B; patches ${patches} (${patchBytes} B); (bytes - events*${emptyDelta})/text = ${((bytes - frames.length * emptyDelta) / text).toFixed(2)}`);
  if (turn === 3) for (const [t, e] of byType) console.log(`  ${t}: ${e.n} events, ${e.bytes} B`);
}
await stopChild(server.child);
await mock.close();
