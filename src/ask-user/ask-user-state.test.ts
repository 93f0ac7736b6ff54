import { describe, expect, it } from "vitest";
import {
  countEvent,
  endedWithDirectReply,
  freshCounters,
  takeDueWarnings,
} from "./ask-user-counters.js";
import { combinePatches, defaultAskUserSettings, mergeSettings } from "./ask-user-settings.js";
import { freshState, takeImmediateAnswer } from "./ask-user-state.js";

const withAutopilot = (prompts: string[], enabled = true) =>
  mergeSettings(defaultAskUserSettings, { autopilot: { enabled, prompts } });

describe("takeImmediateAnswer", () => {
  it("prefers a requested stop, then the queue (FIFO), then autopilot", () => {
    const state = freshState();
    state.queue.push(
      { id: "1", text: "first", createdAt: "" },
      { id: "2", text: "second", createdAt: "" },
    );
    state.stopRequested = true;
    const settings = withAutopilot(["auto"]);
    const taken = [1, 2, 3, 4].map(() => takeImmediateAnswer(state, settings));
    expect(taken).toEqual([
      { answer: "stop", source: "stop" },
      { answer: "first", source: "queue" },
      { answer: "second", source: "queue" },
      { answer: "auto", source: "autopilot" },
    ]);
    expect(state.stopRequested).toBe(false);
  });

  it("cycles autopilot prompts and keeps the cursor in range when prompts shrink", () => {
    const state = freshState();
    const settings = withAutopilot(["1", "2", "3"]);
    const answers = [0, 1, 2, 3, 4].map(() => takeImmediateAnswer(state, settings)?.answer);
    expect(answers).toEqual(["1", "2", "3", "1", "2"]);
    expect(takeImmediateAnswer(state, withAutopilot(["only"]))?.answer).toBe("only");
  });

  it("returns nothing when the queue is empty and autopilot is off or has no prompts", () => {
    expect(takeImmediateAnswer(freshState(), withAutopilot(["x"], false))).toBeUndefined();
    expect(takeImmediateAnswer(freshState(), withAutopilot([]))).toBeUndefined();
  });
});

describe("takeDueWarnings", () => {
  it("warns once per threshold and never for a zero threshold", () => {
    const state = freshState();
    const settings = mergeSettings(defaultAskUserSettings, {
      warnAfterMinutes: 10,
      warnAfterAskUserCalls: 2,
    });
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    state.counters.startedAt = new Date(start).toISOString();
    state.counters.askUserCalls = 1;
    expect(takeDueWarnings(state, settings, start + 60_000)).toEqual([]);
    state.counters.askUserCalls = 2;
    expect(takeDueWarnings(state, settings, start + 11 * 60_000)).toEqual([
      expect.objectContaining({ kind: "elapsed", threshold: 10, value: 11 }),
      expect.objectContaining({ kind: "ask_user_calls", threshold: 2, value: 2 }),
    ]);
    state.counters.askUserCalls = 5;
    expect(takeDueWarnings(state, settings, start + 99 * 60_000)).toEqual([]);

    const never = mergeSettings(settings, { warnAfterMinutes: 0, warnAfterAskUserCalls: 0 });
    expect(takeDueWarnings(freshState(), never, start)).toEqual([]);
  });
});

describe("endedWithDirectReply", () => {
  it("is true only for a last assistant message that stopped normally without tool calls", () => {
    const text = { role: "assistant", stopReason: "stop", content: [{ type: "text" }] };
    const tool = { role: "assistant", stopReason: "toolUse", content: [{ type: "toolCall" }] };
    expect(endedWithDirectReply([{ role: "user" }, tool, { role: "toolResult" }, text])).toBe(true);
    expect(endedWithDirectReply([text, tool, { role: "toolResult" }])).toBe(false);
    expect(endedWithDirectReply([{ ...text, stopReason: "aborted" }])).toBe(false);
    expect(endedWithDirectReply([{ ...text, stopReason: "error" }])).toBe(false);
    expect(endedWithDirectReply([])).toBe(false);
  });
});

describe("countEvent", () => {
  const reply = [{ role: "assistant", stopReason: "stop", content: [{ type: "text" }] }];
  const other = (name: string) => name !== "ask_user";

  it("counts other tools, runs and direct replies only for runs started while enabled", () => {
    const counters = freshCounters();
    let { run } = countEvent(counters, undefined, { type: "agent_start" }, true, other);
    expect(counters.startedAt).toEqual(expect.any(String));
    for (const toolName of ["ask_user", "bash", "read"]) {
      run = countEvent(counters, run, { type: "tool_execution_start", toolName }, true, other).run;
    }
    run = countEvent(counters, run, { type: "agent_end", messages: reply }, true, other).run;
    expect(run).toBeUndefined();
    expect(counters).toMatchObject({ otherToolCalls: 2, runs: 1, directReplies: 1 });

    run = countEvent(counters, undefined, { type: "agent_start" }, false, other).run;
    const end = countEvent(counters, run, { type: "agent_end", messages: reply }, true, other);
    expect(end.changed).toBe(false);
    expect(counters).toMatchObject({ otherToolCalls: 2, runs: 1, directReplies: 1 });
  });

  it("does not count the reply that follows a stop as a miss", () => {
    const counters = freshCounters();
    const run = { enabled: true, stopped: true };
    countEvent(counters, run, { type: "agent_end", messages: reply }, true, other);
    expect(counters).toMatchObject({ runs: 1, directReplies: 0 });
  });
});

describe("settings merging", () => {
  it("layers built-ins, project defaults and session values, merging autopilot field by field", () => {
    const project = { enabled: true, autopilot: { prompts: ["a"] } };
    const session = combinePatches({ fallbackAnswer: "x" }, { autopilot: { enabled: true } });
    expect(mergeSettings(defaultAskUserSettings, project, session)).toEqual({
      ...defaultAskUserSettings,
      enabled: true,
      fallbackAnswer: "x",
      autopilot: { enabled: true, prompts: ["a"] },
    });
  });
});
