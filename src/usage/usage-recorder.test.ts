import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import type { ObservedSession } from "./live-runs.js";
import { UsageRecorder } from "./usage-recorder.js";

type Status = ObservedSession["status"];

function fakeSession(id: string) {
  const state = { status: "idle" as Status, pending: 0 };
  const session: ObservedSession = {
    id,
    get status() {
      return state.status;
    },
    get isStreaming() {
      return state.status !== "idle";
    },
    settings: () => ({
      provider: "prov",
      modelId: "current",
      thinkingLevel: "off",
      availableThinkingLevels: ["off"],
      onBusy: "reject",
    }),
    ui: {
      get pendingCount() {
        return state.pending;
      },
    },
  };
  return { session, state };
}

const assistant = (input: number, cost: number, stopReason = "toolUse", model = "m1") => ({
  role: "assistant",
  content: [],
  api: "x",
  provider: "prov",
  model,
  usage: {
    input,
    output: 1,
    cacheRead: 2,
    cacheWrite: 3,
    totalTokens: input + 6,
    cost: { input: cost, output: 0, cacheRead: 0, cacheWrite: 0, total: cost },
  },
  stopReason,
  ...(stopReason === "error" ? { errorMessage: "provider exploded" } : {}),
  timestamp: 0,
});

const event = (value: object) => value as AgentSessionEvent;

describe("UsageRecorder", () => {
  const tempDir = useTempDirs();

  it("records messages, tools and runs, and tracks the live run until agent_end", () => {
    let now = 1_000;
    const usage = UsageRecorder.inMemory({
      now: () => now,
      taskIdFor: (projectId, sessionId) =>
        sessionId === "s1" ? `task-of-${projectId}` : undefined,
    });
    const { session, state } = fakeSession("s1");
    usage.observe("demo", session, event({ type: "agent_start" }));
    state.status = "streaming";
    now = 1_100;
    usage.observe(
      "demo",
      session,
      event({ type: "message_end", message: { role: "user", content: "hi" } }),
    );
    usage.observe("demo", session, event({ type: "message_end", message: assistant(10, 0.5) }));
    usage.observe(
      "demo",
      session,
      event({ type: "tool_execution_start", toolCallId: "c1", toolName: "bash" }),
    );
    state.pending = 1;
    state.status = "awaiting_input";

    const [live] = usage.liveRuns();
    expect(live).toMatchObject({
      projectId: "demo",
      sessionId: "s1",
      taskId: "task-of-demo",
      status: "awaiting_input",
      provider: "prov",
      modelId: "current",
      startedAt: 1_000,
      messages: 1,
      toolCalls: 1,
      tokens: { input: 10, total: 16 },
      cost: { total: 0.5 },
      pendingUiRequests: 1,
    });

    now = 1_150;
    usage.observe(
      "demo",
      session,
      event({ type: "tool_execution_end", toolCallId: "c1", toolName: "bash", isError: true }),
    );
    now = 1_400;
    const final = assistant(20, 0.25, "error");
    usage.observe("demo", session, event({ type: "message_end", message: final }));
    state.status = "idle";
    usage.observe("demo", session, event({ type: "agent_end", messages: [final] }));

    expect(usage.liveRuns()).toEqual([]);
    expect(usage.size).toBe(4);
    const report = usage.query({ from: 0, to: 10_000, groupBy: "tool" });
    expect(report.totals.messages).toBe(2);
    expect(report.totals.errors).toBe(1);
    expect(report.totals.tokens.input).toBe(30);
    expect(report.totals.cost.total).toBe(0.75);
    expect(report.totals.runs).toMatchObject({
      count: 1,
      failed: 1,
      durationMs: { p50: 400, p95: 400 },
    });
    expect(report.groups).toMatchObject([
      { key: "bash", tools: { calls: 1, errors: 1, durationMs: { p50: 50 } } },
    ]);
    expect(usage.totals.runs.get("failed")).toBe(1);
    expect(usage.totals.models.get("prov/m1")?.messages.get("error")).toBe(1);
  });

  it("classifies run outcomes by the last assistant message", () => {
    const usage = UsageRecorder.inMemory();
    const outcomes: Array<[string | undefined, string]> = [
      ["stop", "succeeded"],
      ["length", "succeeded"],
      ["aborted", "aborted"],
      ["error", "failed"],
      [undefined, "failed"],
    ];
    for (const [stopReason, _] of outcomes) {
      const { session } = fakeSession("s");
      usage.observe("p", session, event({ type: "agent_start" }));
      const messages = stopReason ? [assistant(1, 0, stopReason)] : [];
      usage.observe("p", session, event({ type: "agent_end", messages }));
    }
    const runs = usage.query({ from: 0, to: Date.now() + 1, groupBy: "project" }).totals.runs;
    expect([runs.succeeded, runs.aborted, runs.failed]).toEqual([2, 1, 2]);
  });

  it("drops a live run whose session went idle without agent_end", () => {
    const usage = UsageRecorder.inMemory();
    const { session, state } = fakeSession("s");
    usage.observe("p", session, event({ type: "agent_start" }));
    state.status = "streaming";
    expect(usage.liveRuns()).toHaveLength(1);
    state.status = "idle";
    expect(usage.liveRuns()).toHaveLength(0);
  });

  it("never throws into the session, and logs instead", () => {
    const lines: string[] = [];
    const usage = UsageRecorder.inMemory({
      logger: createLogger({ level: "error", write: (line) => lines.push(line) }),
      taskIdFor: () => {
        throw new Error("lookup broke");
      },
    });
    const { session } = fakeSession("s");
    expect(() => usage.observe("p", session, event({ type: "agent_start" }))).not.toThrow();
    expect(lines.join("\n")).toContain("lookup broke");
  });

  it("persists records and reloads them, totals included", async () => {
    const dir = await tempDir();
    const first = await UsageRecorder.open(dir);
    const { session } = fakeSession("s");
    usage(first);
    await first.flush();
    const second = await UsageRecorder.open(dir);
    expect(second.size).toBe(first.size);
    const query = { from: 0, to: Date.now() + 1, groupBy: "model" } as const;
    expect(second.query(query)).toEqual(first.query(query));
    expect(second.totals.models.get("prov/m2")?.tokens.input).toBe(7);

    function usage(recorder: UsageRecorder) {
      recorder.observe("p", session, event({ type: "agent_start" }));
      recorder.observe(
        "p",
        session,
        event({ type: "message_end", message: assistant(7, 0.1, "stop", "m2") }),
      );
      recorder.observe("p", session, event({ type: "agent_end", messages: [] }));
    }
  });
});
