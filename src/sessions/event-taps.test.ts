import { describe, expect, it } from "vitest";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { EventTaps, tapOrder } from "./event-taps.js";

const agentEnd = { type: "agent_end", messages: [] } as unknown as AgentSessionEvent;

describe("EventTaps", () => {
  it("calls every stage in tapOrder, whatever order the taps were added in", () => {
    const taps = new EventTaps();
    const seen: string[] = [];
    for (const stage of [...tapOrder].reverse()) taps.add(stage, () => seen.push(stage));
    taps.dispatch(agentEnd);
    expect(seen).toEqual([...tapOrder]);
  });

  it("keeps the order taps were added in within one stage, and removes a tap", () => {
    const taps = new EventTaps();
    const seen: string[] = [];
    taps.add("usage", () => seen.push("first"));
    const remove = taps.add("usage", () => seen.push("second"));
    taps.dispatch(agentEnd);
    remove();
    taps.dispatch(agentEnd);
    expect(seen).toEqual(["first", "second", "first"]);
  });
});
