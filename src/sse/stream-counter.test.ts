import { describe, expect, it } from "vitest";
import { defaultMaxStreams, defaultMaxStreamsPerToken, StreamCounter } from "./stream-counter.js";

describe("StreamCounter", () => {
  it("counts per channel and refuses a stream beyond the total, until one closes", () => {
    const counter = new StreamCounter({ max: 2 });
    const session = counter.open("sessions");
    const task = counter.open("tasks");
    expect(counter.snapshot()).toEqual({ sessions: 1, tasks: 1 });
    expect(counter.open("sessions")).toEqual({ refused: "server" });
    expect(counter.snapshot()).toEqual({ sessions: 1, tasks: 1 });
    if (session.refused || task.refused) throw new Error("refused");
    session.close();
    session.close(); // a second close changes nothing
    expect(counter.snapshot()).toEqual({ sessions: 0, tasks: 1 });
    const again = counter.open("sessions");
    expect(again.refused).toBeUndefined();
    expect(counter.open("tasks")).toEqual({ refused: "server" });
    task.close();
    if (!again.refused) again.close();
    expect(counter.snapshot()).toEqual({ sessions: 0, tasks: 0 });
  });

  it("bounds each API token apart, over every channel, leaving others their slots", () => {
    const counter = new StreamCounter({ max: 10, maxPerToken: 2 });
    const first = counter.open("sessions", "token-a");
    counter.open("tasks", "token-a");
    expect(counter.open("sessions", "token-a")).toEqual({ refused: "token" });
    expect(counter.open("sessions", "token-b").refused).toBeUndefined();
    expect(counter.open("sessions").refused).toBeUndefined(); // no token: the total alone
    expect(counter.snapshot()).toEqual({ sessions: 3, tasks: 1 });
    if (first.refused) throw new Error("refused");
    first.close();
    first.close();
    expect(counter.open("sessions", "token-a").refused).toBeUndefined();
    expect(counter.open("sessions", "token-a")).toEqual({ refused: "token" });
  });

  it("refuses on the total before the token's bound", () => {
    const counter = new StreamCounter({ max: 1, maxPerToken: 5 });
    counter.open("sessions", "token-a");
    expect(counter.open("sessions", "token-b")).toEqual({ refused: "server" });
  });

  it("holds 10,000 streams by default, 1,000 of them for one token", () => {
    const counter = new StreamCounter();
    expect([counter.max, counter.maxPerToken]).toEqual([
      defaultMaxStreams,
      defaultMaxStreamsPerToken,
    ]);
    for (let i = 0; i < defaultMaxStreamsPerToken; i++) {
      expect(counter.open("sessions", "token-a").refused).toBeUndefined();
    }
    expect(counter.open("sessions", "token-a")).toEqual({ refused: "token" });
    for (let i = defaultMaxStreamsPerToken; i < defaultMaxStreams; i++) {
      expect(counter.open("sessions").refused).toBeUndefined();
    }
    expect(counter.open("sessions")).toEqual({ refused: "server" });
  });
});
