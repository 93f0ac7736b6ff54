import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { DeliveryBook } from "./webhook-deliveries.js";
import { OutboxLog, type OutboxRecord, readOutbox } from "./webhook-outbox.js";

const queued = (id: string, at: number): OutboxRecord => ({
  kind: "queued",
  id,
  subscriptionId: "sub-1",
  type: "task.status_changed",
  body: JSON.stringify({ type: "task.status_changed", timestamp: "t", data: { n: id } }),
  at,
});
const attempt = (
  id: string,
  at: number,
  state: "pending" | "delivered" | "failed",
  error: string | null,
): OutboxRecord => ({
  kind: "attempt",
  id,
  at,
  statusCode: error ? 503 : 200,
  response: error ? "busy" : "ok",
  error,
  durationMs: 3,
  state,
  nextAttemptAt: state === "pending" ? at + 1000 : null,
});
const line = (record: OutboxRecord) => `${JSON.stringify(record)}\n`;

describe("the webhook outbox", () => {
  const tempDir = useTempDirs();

  it("reads back what was appended, in order, and is created only on first append", async () => {
    const path = join(await tempDir(), "webhooks", "outbox.jsonl");
    const log = await OutboxLog.open(path, []);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    await log.append(queued("msg_a", 1), queued("msg_b", 2));
    await log.append(attempt("msg_a", 3, "delivered", null));
    await log.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readOutbox(path)).toEqual({
      records: [queued("msg_a", 1), queued("msg_b", 2), attempt("msg_a", 3, "delivered", null)],
      skipped: 0,
    });
  });

  it("ignores a torn last line and garbage, and rewriting drops the torn tail", async () => {
    const path = join(await tempDir(), "outbox.jsonl");
    const torn = line(queued("msg_c", 5)).slice(0, 30);
    await writeFile(
      path,
      `${line(queued("msg_a", 1))}not json\n{"kind":"other","id":"x","at":1}\n${line(queued("msg_b", 2))}${torn}`,
    );
    const load = await readOutbox(path);
    expect(load.records.map((record) => record.id)).toEqual(["msg_a", "msg_b"]);
    expect(load.skipped).toBe(3);

    const log = await OutboxLog.open(path, load.records);
    await log.append(queued("msg_d", 6));
    await log.close();
    expect(await readFile(path, "utf8")).toBe(
      `${line(queued("msg_a", 1))}${line(queued("msg_b", 2))}${line(queued("msg_d", 6))}`,
    );
  });

  it("refuses appends after close", async () => {
    const log = await OutboxLog.open(join(await tempDir(), "outbox.jsonl"), []);
    await log.close();
    await expect(log.append(queued("msg_a", 1))).rejects.toThrow(/closed/);
  });
});

describe("DeliveryBook", () => {
  it("rebuilds each delivery's state, failures and queue order from the records", () => {
    const book = DeliveryBook.fromRecords([
      queued("msg_a", 1),
      queued("msg_b", 2),
      attempt("msg_a", 3, "pending", "receiver answered 503"),
      attempt("msg_a", 4, "delivered", null),
      attempt("msg_b", 5, "failed", "receiver answered 503"),
      queued("msg_c", 6),
      { kind: "resent", id: "msg_b", at: 7 },
      attempt("msg_unknown", 8, "delivered", null),
    ]);
    expect(book.get("msg_a")).toMatchObject({ state: "delivered", failures: 1 });
    expect(book.get("msg_b")).toMatchObject({ state: "pending", failures: 0, queuedAt: 7 });
    // The resent delivery went to the back of the queue, behind msg_c.
    expect(book.head("sub-1")?.id).toBe("msg_c");
    expect(book.ofSubscription("sub-1").map((delivery) => delivery.id)).toEqual([
      "msg_c",
      "msg_b",
      "msg_a",
    ]);
  });

  it("writes itself back as records that rebuild the same book", () => {
    const records = [
      queued("msg_a", 1),
      attempt("msg_a", 3, "pending", "receiver answered 503"),
      attempt("msg_a", 4, "failed", "receiver answered 503"),
      queued("msg_b", 5),
      { kind: "resent", id: "msg_a", at: 6 } as const,
      queued("msg_c", 8),
    ];
    const book = DeliveryBook.fromRecords(records);
    expect(book.head("sub-1")?.id).toBe("msg_b");
    expect(book.toRecords()).toEqual(records);
    const again = DeliveryBook.fromRecords(book.toRecords());
    expect(again.get("msg_a")).toEqual(book.get("msg_a"));
    expect(again.all().map((delivery) => [delivery.id, delivery.order])).toEqual(
      book.all().map((delivery) => [delivery.id, delivery.order]),
    );
  });

  it("skips records that contradict the state before them", () => {
    const book = DeliveryBook.fromRecords([
      queued("msg_a", 1),
      { kind: "resent", id: "msg_a", at: 2 },
      attempt("msg_a", 3, "delivered", null),
      attempt("msg_a", 4, "pending", "late"),
    ]);
    expect(book.get("msg_a")).toMatchObject({ state: "delivered", queuedAt: 1 });
    expect(book.get("msg_a")?.history).toHaveLength(1);
  });
});
