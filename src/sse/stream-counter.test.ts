import { describe, expect, it } from "vitest";
import { defaultMaxStreams, StreamCounter } from "./stream-counter.js";

describe("StreamCounter", () => {
  it("counts per channel and refuses a stream beyond the total, until one closes", () => {
    const counter = new StreamCounter(2);
    const session = counter.open("sessions");
    const task = counter.open("tasks");
    expect(counter.snapshot()).toEqual({ sessions: 1, tasks: 1 });
    expect(counter.open("sessions")).toBeUndefined();
    expect(counter.snapshot()).toEqual({ sessions: 1, tasks: 1 });
    session?.();
    session?.(); // a second close changes nothing
    expect(counter.snapshot()).toEqual({ sessions: 0, tasks: 1 });
    const again = counter.open("sessions");
    expect(again).toBeTypeOf("function");
    expect(counter.open("tasks")).toBeUndefined();
    task?.();
    again?.();
    expect(counter.snapshot()).toEqual({ sessions: 0, tasks: 0 });
  });

  it("holds 10,000 streams by default", () => {
    const counter = new StreamCounter();
    expect(counter.max).toBe(defaultMaxStreams);
    for (let i = 0; i < defaultMaxStreams; i++) expect(counter.open("sessions")).toBeDefined();
    expect(counter.open("sessions")).toBeUndefined();
  });
});
