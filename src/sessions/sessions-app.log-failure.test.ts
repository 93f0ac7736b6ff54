import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { type EventLog, type EventLogStore, memoryEventLogs } from "../storage/index.js";

/** Session logs that refuse every event after their second, as a disk that filled up does. */
function fillingUpLogs(): EventLogStore {
  const inner = memoryEventLogs();
  return {
    ...inner,
    async open(key) {
      const log = await inner.open(key);
      if (key.includes("tasks")) return log;
      const filling: EventLog = {
        get lastId() {
          return log.lastId;
        },
        get oldestId() {
          return log.oldestId;
        },
        append(event) {
          if (event.id > 2) throw new Error("ENOSPC: no space left on device");
          log.append(event);
        },
        readAfter: (afterId, limit) => log.readAfter(afterId, limit),
        tail: (count) => log.tail(count),
        flush: () => log.flush(),
        close: () => log.close(),
      };
      return filling;
    },
  };
}

describe("a session whose event log fails", () => {
  const build = useSessionApps();
  const tempDir = useTempDirs();

  it("runs and streams on, its events kept in memory, and the failure is logged once", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "error", write: (line) => lines.push(line) });
    const t = await build(await tempDir(), { eventLogs: fillingUpLogs(), logger });
    const sessionId = await t.session();
    t.faux.setResponses([fauxAssistantMessage("still streaming")]);
    const sessions = "/projects/demo/sessions";
    const prompted = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "go" },
    });
    expect(prompted.status).toBe(202);
    await t.waitForStatus(sessionId, "idle");

    const page = await readJson(
      await t.call("GET", `${sessions}/${sessionId}/events?limit=1000`, {
        headers: { accept: "application/json" },
      }),
    );
    const types = page.events.map((event: { event: { type: string } }) => event.event.type);
    expect(types).toContain("agent_end");
    expect(page.gap).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("event log refused an event");
    expect(lines[0]).toContain(sessionId);
    expect(lines[0]).toContain("ENOSPC");
  });
});
