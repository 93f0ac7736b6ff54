import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "#test-support/api-client.js";
import { readJson } from "#test-support/json.js";
import { type ServerProcess, startServerProcess } from "#test-support/processes.js";
import { webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { verifiedBySecret, WebhookReceiver } from "#test-support/webhook-receiver.js";

async function queuedIds(outbox: string): Promise<string[]> {
  const text = await readFile(outbox, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line))
    .filter((record) => record.kind === "queued")
    .map((record) => record.id);
}

describe("webhooks under SIGKILL", () => {
  const tempDir = useTempDirs();
  const processes: ServerProcess[] = [];
  const receiver = new WebhookReceiver();
  afterEach(async () => {
    for (const proc of processes.splice(0)) proc.child.kill("SIGKILL");
    await receiver.close();
  });

  it("delivers, after a restart, the events that were in the outbox when the server was killed", async () => {
    const workspace = await tempDir();
    const outbox = join(workspace, ".pi-global", "webhooks", "outbox.jsonl");
    const env = {
      WORKSPACE_DIR: workspace,
      WEBHOOK_SECRET: webhookSecret,
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      WEBHOOK_RETRY_BASE_MS: "100",
      WEBHOOK_RETRY_MAX_DELAY_MS: "200",
    };
    await receiver.start();
    await receiver.stop();

    const first = await startServerProcess(env);
    processes.push(first);
    const call = apiClient(first.url);
    expect((await call("/projects", { method: "POST", body: { name: "Demo" } })).status).toBe(201);
    const created = await call("/webhooks", {
      method: "POST",
      body: { url: receiver.url, events: ["task.status_changed"] },
    });
    const { secret, webhook } = await readJson(created);
    const taskIds: string[] = [];
    for (const title of ["one", "two", "three"]) {
      const response = await call("/projects/demo/tasks", {
        method: "POST",
        body: { title, prompt: "do it" },
        token: webhookSecret,
      });
      taskIds.push((await readJson(response)).id);
    }
    let written: string[] = [];
    for (let i = 0; i < 200 && written.length < 3; i++) {
      written = await queuedIds(outbox);
      if (written.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(written).toHaveLength(3);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    expect(receiver.received).toHaveLength(0);

    await receiver.start();
    const second = await startServerProcess(env);
    processes.push(second);
    const delivered = await receiver.waitForAccepted(3);
    expect(delivered.map((request) => request.headers["webhook-id"])).toEqual(written);
    expect(delivered.map((request) => JSON.parse(request.body).data.taskId)).toEqual(taskIds);
    for (const request of delivered) expect(verifiedBySecret(request, secret)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.accepted()).toHaveLength(3);
    const page = await readJson(await apiClient(second.url)(`/webhooks/${webhook.id}/deliveries`));
    expect(page.items.map((item: { id: string }) => item.id)).toEqual([...written].reverse());
    for (const item of page.items) {
      expect(item.status).toBe("delivered");
      expect(item.attempts.at(-1)).toMatchObject({ statusCode: 204, error: null });
    }
  });
});
