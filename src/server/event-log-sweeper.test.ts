import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logging/logger.js";
import { type EventLogStore, memoryEventLogs } from "../storage/index.js";
import { EventLogSweeper } from "./event-log-sweeper.js";

/** A store that records each sweep, and fails the ones of `failing`. */
function recordingStore(failing = "") {
  const swept: string[] = [];
  const store: EventLogStore = {
    ...memoryEventLogs(),
    async sweep(dir) {
      swept.push(dir);
      if (dir === failing) throw new Error("connection terminated");
      return 1;
    },
  };
  return { store, swept };
}

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    now: () => new Date(0),
    write: (line) => lines.push(line.slice("1970-01-01T00:00:00.000Z ".length)),
  });
  return { logger, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("EventLogSweeper", () => {
  it("sweeps every directory first after firstAfterMs, then every everyMs, until stopped", async () => {
    vi.useFakeTimers();
    const { store, swept } = recordingStore();
    const { logger, lines } = capturedLogger();
    const sweeper = new EventLogSweeper(store, {
      dirs: ["/w/sessions", "/w/tasks"],
      logger,
      firstAfterMs: 100,
      everyMs: 1000,
    });
    sweeper.start();
    await vi.advanceTimersByTimeAsync(99);
    expect(swept).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(swept).toEqual(["/w/sessions", "/w/tasks"]);
    expect(lines).toEqual(["info event logs trimmed by age logs=2"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(swept).toHaveLength(4);
    await sweeper.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(swept).toHaveLength(4);
  });

  it("logs a directory it could not sweep and goes on with the others", async () => {
    const { store, swept } = recordingStore("/w/sessions");
    const { logger, lines } = capturedLogger();
    const sweeper = new EventLogSweeper(store, { dirs: ["/w/sessions", "/w/tasks"], logger });
    expect(await sweeper.sweep()).toBe(1);
    expect(swept).toEqual(["/w/sessions", "/w/tasks"]);
    expect(lines).toEqual([
      'warn could not sweep event logs dir=/w/sessions message="connection terminated"',
      "info event logs trimmed by age logs=1",
    ]);
    await sweeper.stop();
  });

  it("runs one sweep at a time: a call during a sweep shares it", async () => {
    const { store, swept } = recordingStore();
    const { logger } = capturedLogger();
    const sweeper = new EventLogSweeper(store, { dirs: ["/w/sessions"], logger });
    const [first, second] = [sweeper.sweep(), sweeper.sweep()];
    expect(first).toBe(second);
    expect(await first).toBe(1);
    expect(swept).toEqual(["/w/sessions"]);
  });
});
