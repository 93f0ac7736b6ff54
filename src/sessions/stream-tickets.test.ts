import { describe, expect, it } from "vitest";
import { StreamTickets } from "./stream-tickets.js";

describe("StreamTickets", () => {
  it("opens only the session it was issued for", () => {
    const tickets = new StreamTickets();
    const { ticket } = tickets.issue("demo", "s1");
    expect(tickets.verify(ticket, "demo", "s1")).toBe(true);
    expect(tickets.verify(ticket, "demo", "s2")).toBe(false);
    expect(tickets.verify(ticket, "other", "s1")).toBe(false);
    expect(tickets.verify("made-up", "demo", "s1")).toBe(false);
  });

  it("keeps working for reconnects until it expires, then opens nothing", () => {
    let now = 1_000;
    const tickets = new StreamTickets({ ttlMs: 500, now: () => now });
    const issued = tickets.issue("demo", "s1");
    expect(issued.expiresAt).toBe(new Date(1_500).toISOString());
    now = 1_499;
    expect(tickets.verify(issued.ticket, "demo", "s1")).toBe(true);
    expect(tickets.verify(issued.ticket, "demo", "s1")).toBe(true);
    now = 1_500;
    expect(tickets.verify(issued.ticket, "demo", "s1")).toBe(false);
    expect(tickets.size).toBe(0);
  });

  it("issues unguessable, distinct tickets", () => {
    const tickets = new StreamTickets();
    const a = tickets.issue("demo", "s1").ticket;
    const b = tickets.issue("demo", "s1").ticket;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("holds a bounded number of tickets, dropping expired and then the oldest", () => {
    let now = 0;
    const tickets = new StreamTickets({ ttlMs: 100, maxTickets: 3, now: () => now });
    const first = tickets.issue("demo", "s1").ticket;
    tickets.issue("demo", "s1");
    tickets.issue("demo", "s1");
    const fourth = tickets.issue("demo", "s1").ticket;
    expect(tickets.size).toBe(3);
    expect(tickets.verify(first, "demo", "s1")).toBe(false);
    expect(tickets.verify(fourth, "demo", "s1")).toBe(true);
    now = 200;
    tickets.issue("demo", "s1");
    expect(tickets.size).toBe(1);
  });
});
