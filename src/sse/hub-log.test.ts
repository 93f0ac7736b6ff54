import { describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger.js";
import { logErrorsTo } from "./hub-log.js";

describe("logErrorsTo", () => {
  it("writes each failure as one error line naming the stream and the cause", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "error", write: (line) => lines.push(line) });
    const listener = logErrorsTo(logger, { stream: "tasks" });
    listener(new Error("ENOSPC: no space left on device"), true);
    listener("connection refused", false);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("error an event log refused an event");
    expect(lines[0]).toContain("stream=tasks");
    expect(lines[0]).toContain('error="ENOSPC: no space left on device"');
    expect(lines[1]).toContain("an event log failed to write");
    expect(lines[1]).toContain('error="connection refused"');
  });
});
