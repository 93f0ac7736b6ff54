import { describe, expect, it } from "vitest";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { StreamedReply } from "./streamed-reply.js";

const user = { role: "user" };
const event = (type: string, message: { role: string }) =>
  ({ type, message }) as unknown as AgentSessionEvent;

describe("StreamedReply", () => {
  it("names the reply's start from its message_start to its message_end", () => {
    const reply = new StreamedReply();
    const answer = { role: "assistant" };
    reply.published(event("message_start", user), 1);
    reply.published(event("message_end", user), 2);
    expect(reply.startEventId).toBeUndefined();
    reply.published(event("message_start", answer), 3);
    expect(reply.startEventId).toBe(3);
    // pi added the reply to its transcript; its message_end is not out yet.
    expect(reply.told([user, answer])).toEqual([user]);
    reply.published(event("message_end", answer), 9);
    expect(reply.startEventId).toBeUndefined();
    expect(reply.told([user, answer])).toEqual([user, answer]);
  });

  it("keeps an ended reply pi left in its transcript while the next one streams", () => {
    const reply = new StreamedReply();
    const failed = { role: "assistant" };
    reply.published(event("message_start", failed), 1);
    reply.published(event("message_end", failed), 2);
    reply.published(event("message_start", { role: "assistant" }), 3);
    expect(reply.told([user, failed])).toEqual([user, failed]);
  });

  it("forgets a reply that an aborted run never ended", () => {
    const reply = new StreamedReply();
    reply.published(event("message_start", { role: "assistant" }), 1);
    reply.published({ type: "agent_end", messages: [] } as unknown as AgentSessionEvent, 2);
    expect(reply.startEventId).toBeUndefined();
  });
});
