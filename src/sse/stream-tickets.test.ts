import { describe, expect, it } from "vitest";
import { StreamTickets, sessionStreamScope, taskStreamScope } from "./stream-tickets.js";

const s1 = sessionStreamScope("demo", "s1");

describe("StreamTickets", () => {
  it("opens only the session it was issued for", () => {
    const tickets = new StreamTickets();
    const { ticket } = tickets.issue(s1);
    expect(tickets.verify(ticket, s1)).toBe(true);
    expect(tickets.verify(ticket, sessionStreamScope("demo", "s2"))).toBe(false);
    expect(tickets.verify(ticket, sessionStreamScope("other", "s1"))).toBe(false);
    expect(tickets.verify("made-up", s1)).toBe(false);
    expect(tickets.verify(ticket, taskStreamScope)).toBe(false);
    const tasks = tickets.issue(taskStreamScope).ticket;
    expect(tickets.verify(tasks, taskStreamScope)).toBe(true);
    expect(tickets.verify(tasks, s1)).toBe(false);
  });

  it("keeps working for reconnects until it expires, then opens nothing", () => {
    let now = 1_000;
    const tickets = new StreamTickets({ ttlMs: 500, now: () => now });
    const issued = tickets.issue(s1);
    expect(issued.expiresAt).toBe(new Date(1_500).toISOString());
    now = 1_499;
    expect(tickets.verify(issued.ticket, s1)).toBe(true);
    expect(tickets.verify(issued.ticket, s1)).toBe(true);
    now = 1_500;
    expect(tickets.verify(issued.ticket, s1)).toBe(false);
    expect(tickets.size).toBe(0);
  });

  it("issues unguessable, distinct tickets", () => {
    const tickets = new StreamTickets();
    const a = tickets.issue(s1).ticket;
    const b = tickets.issue(s1).ticket;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("holds a bounded number of tickets, dropping expired and then the oldest", () => {
    let now = 0;
    const tickets = new StreamTickets({ ttlMs: 100, maxTickets: 3, now: () => now });
    const first = tickets.issue(s1).ticket;
    tickets.issue(s1);
    tickets.issue(s1);
    const fourth = tickets.issue(s1).ticket;
    expect(tickets.size).toBe(3);
    expect(tickets.verify(first, s1)).toBe(false);
    expect(tickets.verify(fourth, s1)).toBe(true);
    now = 200;
    tickets.issue(s1);
    expect(tickets.size).toBe(1);
  });

  it("opens exactly the stream path it was issued for", () => {
    const tickets = new StreamTickets();
    const issued = tickets.issueFor(taskStreamScope, "/v1/tasks/events/tickets");
    expect(issued.url).toBe(`/v1/tasks/events?ticket=${issued.ticket}`);
    expect(tickets.opens(issued.ticket, "/v1/tasks/events")).toBe(true);
    for (const path of [
      "/v1/projects/x/tasks/events",
      "/v1/tasks/events/",
      "/v1/tasks/events/tickets",
      "/v2/tasks/events",
      "/tasks/events",
    ]) {
      expect(tickets.opens(issued.ticket, path), path).toBe(false);
    }
    expect(tickets.opens(tickets.issue(taskStreamScope).ticket, "/v1/tasks/events")).toBe(false);
    expect(tickets.opens("made-up", "/v1/tasks/events")).toBe(false);
  });
});
