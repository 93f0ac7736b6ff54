import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { openSse } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("idle runtime eviction", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  it("evicts an idle, unwatched runtime and rebuilds it transparently", async () => {
    const booted = await boot(await tempDir(), { env: { RUNTIME_IDLE_EVICT_MS: "1000" } });
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("first answer")]);
    await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "one" },
    });
    await booted.waitUntilIdle(sessionId);

    const health = async () => readJson(await booted.api("/healthz"));
    await until(async () => (await health()).runtimes === 0);
    expect((await health()).liveSessions).toBe(0);

    const history = await readJson(await booted.api(`/projects/demo/sessions/${sessionId}`));
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect((await health()).runtimes).toBe(1);

    const stream = await openSse(booted.eventsUrl(sessionId));
    booted.faux.setResponses([fauxAssistantMessage("second answer")]);
    await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "two" },
    });
    await stream.waitFor((events) => events.some((event) => event.data.type === "agent_end"));
    stream.close();
  });

  it("keeps a runtime whose session is watched", async () => {
    const booted = await boot(await tempDir(), { env: { RUNTIME_IDLE_EVICT_MS: "100" } });
    const sessionId = await booted.newSession();
    const stream = await openSse(booted.eventsUrl(sessionId));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(booted.server.runtimes.size).toBe(1);
    stream.close();
    await until(async () => booted.server.runtimes.size === 0);
  });
});
