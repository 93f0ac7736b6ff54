import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const sessions = "/projects/demo/sessions";

/** Reads an SSE response until `done` matches the end of what arrived, then closes it. */
async function readStream(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let tail = "";
  while (reader && !done(tail)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    const part = decoder.decode(chunk.value, { stream: true });
    parts.push(part);
    tail = (tail + part).slice(-4096);
  }
  await reader?.cancel();
  return parts.join("");
}

describe("session memory and replay after a long reply", () => {
  // Declared first, so its directories are removed after the apps stop (hooks run in reverse).
  const tempDir = useTempDirs();
  const build = useSessionApps();
  const replayMaxBytes = 64 * 1024;

  it("keeps the in-memory ring under SSE_REPLAY_MAX_BYTES and replays the rest from the log, in either view", async () => {
    const t = await build(await tempDir(), { replayMaxBytes });
    const sessionId = await t.session();
    const reply = "All work and no play. ".repeat(1_200);
    t.faux.setResponses([fauxAssistantMessage(reply)]);
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
    const lastId = live.hub.lastId;
    expect(lastId).toBeGreaterThan(1_000);
    for (const view of ["compact", "full"]) {
      const stale = await t.call("GET", `${sessions}/${sessionId}/events?view=${view}`, {
        headers: { "last-event-id": "1" },
      });
      const text = await readStream(stale, (received) => received.includes(`id: ${lastId}\n`));
      expect(text).not.toContain("replay_gap");
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
      expect(ids).toEqual(Array.from({ length: lastId - 1 }, (_, i) => i + 2));
      // The compact view costs bytes in proportion to the reply; the full view does not.
      if (view === "compact") expect(text.length).toBeLessThan(reply.length * 3 + ids.length * 200);
      else expect(text.length).toBeGreaterThan(reply.length * 100);
    }
  });
});
