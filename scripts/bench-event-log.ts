/**
 * Event log benchmarks:
 *   1. append cost per event in bursts (first append → flush resolved), for events of
 *      ~200 B and ~2 KB, against the same publish loop (serialise + SSE frame) with no log;
 *   2. opening a log of 10,000 events of ~200 B afresh and replaying them all
 *      (`readAfter(0, 10000)`), p50 of several runs;
 *   3. bytes on disk per event beyond the event's JSON.
 * Usage: npm run bench:event-log
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sseFrame } from "../src/sse/event-hub.js";
import { type EventLog, openFileEventLog } from "../src/storage/index.js";

const bursts = 100;
const burstSize = 100;
const replayCount = 10_000;
const runs = 9;

const encoder = new TextEncoder();
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const root = await mkdtemp(join(tmpdir(), "bench-event-log-"));
let dirCount = 0;
const freshDir = () => join(root, String(dirCount++));

/** A `message_update`-like event whose JSON is about `bytes` long. */
function eventOfSize(bytes: number, id: number) {
  const event = {
    type: "message_update",
    message: { role: "assistant", content: [{ type: "text", text: "" }], timestamp: 0 },
    assistantMessageEvent: { type: "text_delta", contentIndex: 0, delta: "", id },
  };
  const text = "lorem ipsum ".repeat(Math.ceil(bytes / 12));
  const slack = bytes - JSON.stringify(event).length;
  event.message.content[0] = { type: "text", text: text.slice(0, Math.max(0, slack - 24)) };
  event.assistantMessageEvent.delta = text.slice(0, 16);
  return event;
}

/** One burst of the hub's publish work, appending to `log` when given; µs per event. */
async function burst(log: EventLog | undefined, size: number, firstId: number): Promise<number> {
  const events = Array.from({ length: burstSize }, (_, i) => eventOfSize(size, firstId + i));
  const frames: Uint8Array[] = [];
  const t0 = performance.now();
  for (let i = 0; i < burstSize; i++) {
    const event = events[i] as ReturnType<typeof eventOfSize>;
    const id = firstId + i;
    const data = JSON.stringify(event);
    frames.push(encoder.encode(sseFrame(id, data)));
    log?.append({ id, type: event.type, data });
  }
  await (log ? log.flush() : Promise.resolve());
  return ((performance.now() - t0) * 1000) / burstSize;
}

async function appendCost(size: number): Promise<void> {
  const log = openFileEventLog(freshDir());
  const withLog: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < 2; round++) {
    withLog.length = 0;
    without.length = 0;
    for (let b = 0; b < bursts; b++) {
      without.push(await burst(undefined, size, 1));
      withLog.push(await burst(log, size, log.lastId + 1));
    }
  }
  await log.close();
  const logged = median(withLog);
  const bare = median(without);
  console.log(
    `append ~${size} B events, bursts of ${burstSize}: ${logged.toFixed(2)} µs/event with the log, ` +
      `${bare.toFixed(2)} µs/event without (ratio ${(logged / bare).toFixed(2)}, +${(logged - bare).toFixed(2)} µs)`,
  );
}

async function diskBytes(dir: string): Promise<number> {
  const names = await readdir(dir);
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function overhead(size: number): Promise<void> {
  const dir = freshDir();
  const log = openFileEventLog(dir);
  let dataBytes = 0;
  for (let id = 1; id <= replayCount; id++) {
    const event = eventOfSize(size, id);
    const data = JSON.stringify(event);
    dataBytes += Buffer.byteLength(data);
    log.append({ id, type: event.type, data });
  }
  await log.close();
  const disk = await diskBytes(dir);
  console.log(
    `disk, ~${size} B events: ${(disk / replayCount).toFixed(1)} B/event, ` +
      `${((disk - dataBytes) / replayCount).toFixed(1)} B/event beyond the JSON ` +
      `(${(((disk - dataBytes) / dataBytes) * 100).toFixed(1)} %)`,
  );
}

async function replay(): Promise<void> {
  const dir = freshDir();
  const writer = openFileEventLog(dir);
  for (let id = 1; id <= replayCount; id++) {
    writer.append({ id, type: "message_update", data: JSON.stringify(eventOfSize(200, id)) });
  }
  await writer.close();
  const opens: number[] = [];
  const reads: number[] = [];
  const totals: number[] = [];
  const tails: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const log = openFileEventLog(dir);
    const t1 = performance.now();
    const page = await log.readAfter(0, replayCount);
    const t2 = performance.now();
    if (page.events.length !== replayCount) throw new Error(`read ${page.events.length} events`);
    await log.readAfter(replayCount - 100, 100);
    tails.push(performance.now() - t2);
    await log.close();
    opens.push(t1 - t0);
    reads.push(t2 - t1);
    totals.push(t2 - t0);
  }
  console.log(
    `open + readAfter(0, ${replayCount}) of ~200 B events: p50 ${median(totals).toFixed(1)} ms ` +
      `(open ${median(opens).toFixed(1)} ms, read ${median(reads).toFixed(1)} ms; ` +
      `last 100 events ${median(tails).toFixed(2)} ms)`,
  );
}

try {
  await appendCost(200);
  await appendCost(2048);
  await replay();
  await overhead(200);
  await overhead(2048);
} finally {
  await rm(root, { recursive: true, force: true });
}
