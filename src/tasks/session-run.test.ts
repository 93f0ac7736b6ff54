import { describe, expect, it } from "vitest";
import type { CompactWireEvent } from "../contract/compact-events.js";
import { EventHub } from "../sse/event-hub.js";
import { EventSequence } from "../sse/sequence.js";
import { watchRun } from "./session-run.js";

const failed = { role: "assistant", stopReason: "error", errorMessage: "overloaded", content: [] };
const replied = { role: "assistant", stopReason: "stop", content: [] };
const ev = (event: Record<string, unknown>) => event as unknown as CompactWireEvent;
const messageEnd = (message: object) => ev({ type: "message_end", message });
const agentEnd = ev({ type: "agent_end", messages: [] });
const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

function watched() {
  const hub = new EventHub<CompactWireEvent>({ sequence: EventSequence.inMemory() });
  const watch = watchRun(hub);
  let settled: string | undefined;
  void watch.ended.then((how) => {
    settled = how;
  });
  return { hub, watch, settled: () => settled };
}

describe("watchRun", () => {
  it("ends on an agent_end after a reply", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd(replied));
    hub.publish(agentEnd);
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBeNull();
  });

  it("waits through an automatic retry and ends with its success", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd(failed));
    hub.publish(agentEnd);
    hub.publish(ev({ type: "auto_retry_start", attempt: 1, maxAttempts: 3, delayMs: 1 }));
    await nextMacrotask();
    expect(settled()).toBeUndefined();
    expect(watch.retrying).toBe(true);
    hub.publish(ev({ type: "auto_retry_end", success: true, attempt: 1 }));
    hub.publish(messageEnd(replied));
    hub.publish(agentEnd);
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBeNull();
  });

  it("fails with the final error once retries give up", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd(failed));
    hub.publish(agentEnd);
    hub.publish(ev({ type: "auto_retry_start", attempt: 1, maxAttempts: 1, delayMs: 1 }));
    hub.publish(ev({ type: "auto_retry_end", success: false, attempt: 1, finalError: "gave up" }));
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBe("gave up");
  });

  it("ends failed on an error that starts no recovery", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd(failed));
    hub.publish(agentEnd);
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBe("overloaded");
  });

  it("waits through a compaction after a context overflow, then the continued run", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd({ ...failed, errorMessage: "context too long" }));
    hub.publish(agentEnd);
    hub.publish(ev({ type: "compaction_start", reason: "overflow" }));
    await nextMacrotask();
    expect(settled()).toBeUndefined();
    expect(watch.retrying).toBe(true);
    hub.publish(
      ev({ type: "compaction_end", reason: "overflow", aborted: false, willRetry: true }),
    );
    expect(watch.retrying).toBe(false);
    hub.publish(messageEnd(replied));
    hub.publish(agentEnd);
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBeNull();
  });

  it("fails when the overflow compaction will not continue the run", async () => {
    const { hub, watch, settled } = watched();
    hub.publish(messageEnd({ ...failed, errorMessage: "context too long" }));
    hub.publish(agentEnd);
    hub.publish(ev({ type: "compaction_start", reason: "overflow" }));
    hub.publish(
      ev({
        type: "compaction_end",
        reason: "overflow",
        aborted: false,
        willRetry: false,
        errorMessage: "compaction failed",
      }),
    );
    await nextMacrotask();
    expect(settled()).toBe("ended");
    expect(watch.failure()).toBe("compaction failed");
  });
});
