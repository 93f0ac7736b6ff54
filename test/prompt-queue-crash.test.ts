import { describe, expect, it } from "vitest";
import { type Json, readJson } from "#test-support/json.js";
import { runTs, type TsProcess, waitForOutput } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const textOf = (message: Json): string =>
  typeof message.content === "string"
    ? message.content
    : message.content.map((block: Json) => block.text ?? "").join("");

describe("the prompt queue under SIGKILL", () => {
  const tempDir = useTempDirs();

  async function start(workspace: string, slow: boolean) {
    const proc = runTs("test/fixtures/queue-server.ts", {
      env: {
        WORKSPACE_DIR: workspace,
        AGENT_SERVER_PORT: "0",
        QUEUE_SERVER_SLOW: slow ? "1" : "0",
      },
    });
    const url = (await waitForOutput(proc, /listening on (http:\/\/\S+)/))[1] as string;
    const call = (path: string, method = "GET", body?: unknown) =>
      fetch(`${url}/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { proc, call };
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function kill(proc: TsProcess) {
    proc.child.kill("SIGKILL");
    expect(await proc.exited).toBe("SIGKILL");
  }

  it("runs every prompt answered `queued` after the server is killed and started again", async () => {
    const workspace = await tempDir();
    const first = await start(workspace, true);
    try {
      await first.call("/projects", "POST", { name: "Demo" });
      const created = await first.call("/projects/demo/sessions", "POST", {});
      expect(created.status).toBe(201);
      const sessionId = (await readJson(created)).id as string;
      const session = `/projects/demo/sessions/${sessionId}`;
      expect((await first.call(`${session}/prompt`, "POST", { text: "one" })).status).toBe(202);
      await until(
        async () => (await readJson(await first.call(session))).status,
        (status) => status === "streaming",
        "the first run",
      );
      for (const text of ["two", "three"]) {
        const answer = await first.call(`${session}/prompt`, "POST", { text, onBusy: "enqueue" });
        expect(answer.status).toBe(202);
        expect((await readJson(answer)).outcome).toBe("queued");
      }
      // Killed right after the last `queued` answer, with the first run still streaming.
      await kill(first.proc);

      const second = await start(workspace, false);
      try {
        // No request names the session: the server opened it on its own.
        await until(
          async () => (await readJson(await second.call("/healthz"))).liveSessions,
          (live) => live === 1,
          "the session to be opened",
        );
        await until(
          async () => readJson(await second.call(`${session}/queue`)),
          (queue) => queue.items.length === 0,
          "the queue to drain",
        );
        const messages = await until(
          async () => readJson(await second.call(session)),
          (detail) =>
            detail.status === "idle" && textOf(detail.messages.at(-1)) === "Reply to three.",
          "the last queued run",
        ).then((detail) => detail.messages as Json[]);
        expect(messages.slice(-4).map((message) => `${message.role}:${textOf(message)}`)).toEqual([
          "user:two",
          "assistant:Reply to two.",
          "user:three",
          "assistant:Reply to three.",
        ]);
        const users = messages.filter((message) => message.role === "user").map(textOf);
        expect(users.filter((text) => text === "two" || text === "three")).toEqual([
          "two",
          "three",
        ]);
      } finally {
        await kill(second.proc);
      }
    } finally {
      if (first.proc.child.exitCode === null && first.proc.child.signalCode === null) {
        first.proc.child.kill("SIGKILL");
      }
    }
  }, 90_000);
});
