import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const sessions = "/projects/demo/sessions";

/** Reads an SSE response until `done` matches what arrived, then closes it. */
async function readStream(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (reader && !done(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader?.cancel();
  return text;
}

describe("issue 14.4: session memory after a long reply", () => {
  const build = useSessionApps();
  const tempDir = useTempDirs();
  const replayMaxBytes = 256 * 1024;

  it("keeps a long reply's replay frames under SSE_REPLAY_MAX_BYTES and reports them in /v1/healthz", async () => {
    const t = await build(await tempDir(), { replayMaxBytes });
    const sessionId = await t.session();
    // About 1,500 streamed chunks; each message_update repeats the reply so far, so the
    // frames of the whole run add up to many megabytes.
    t.faux.setResponses([fauxAssistantMessage("All work and no play. ".repeat(1_200))]);
    const prompted = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "go" },
    });
    expect(prompted.status).toBe(202);
    await t.waitForStatus(sessionId, "idle");

    const health = await readJson(await t.call("GET", "/healthz"));
    const held = health.sse.replayBytes.sessions;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(replayMaxBytes);
    expect(held).toBe(t.runtimes.stats().replayBytes);
    expect(health.sse.replayBytes.tasks).toBe(0);

    const live = await t.runtimes.get("demo").getSession(sessionId);
    expect(live.hub.lastId).toBeGreaterThan(1_000);
    const stale = await t.call("GET", `${sessions}/${sessionId}/events`, {
      headers: { "last-event-id": "1" },
    });
    const text = await readStream(stale, (received) => received.includes("replay_gap"));
    expect(text).toContain('"type":"replay_gap"');

    const recent = await t.call("GET", `${sessions}/${sessionId}/events`, {
      headers: { "last-event-id": String(live.hub.lastId - 1) },
    });
    const tail = await readStream(recent, (received) =>
      received.includes(`id: ${live.hub.lastId}`),
    );
    expect(tail).toContain(`id: ${live.hub.lastId}\n`);
    expect(tail).not.toContain("replay_gap");
  });
});
