import { describe, expect, it } from "vitest";
import { StreamTickets } from "./stream-tickets.js";

const s1Tickets = "/v1/projects/demo/sessions/s1/events/tickets";
const s1 = "/v1/projects/demo/sessions/s1/events";

describe("StreamTickets", () => {
  it("opens only the session it was issued for", () => {
    const tickets = new StreamTickets();
    const { ticket, url } = tickets.issueFor(s1Tickets);
    expect(url).toBe(`${s1}?ticket=${ticket}`);
    expect(tickets.opens(ticket, s1)).toBe(true);
    expect(tickets.opens(ticket, "/v1/projects/demo/sessions/s2/events")).toBe(false);
    expect(tickets.opens(ticket, "/v1/projects/other/sessions/s1/events")).toBe(false);
    expect(tickets.opens(ticket, "/v1/tasks/events")).toBe(false);
    expect(tickets.opens("made-up", s1)).toBe(false);
  });

  it("keeps working for reconnects until it expires, then opens nothing", () => {
    let now = 1_000;
    const tickets = new StreamTickets({ ttlMs: 500, now: () => now });
    const issued = tickets.issueFor(s1Tickets);
    expect(issued.expiresAt).toBe(new Date(1_500).toISOString());
    now = 1_499;
    expect(tickets.opens(issued.ticket, s1)).toBe(true);
    expect(tickets.opens(issued.ticket, s1)).toBe(true);
    now = 1_500;
    expect(tickets.opens(issued.ticket, s1)).toBe(false);
    expect(tickets.size).toBe(0);
  });

  it("issues unguessable, distinct tickets", () => {
    const tickets = new StreamTickets();
    const a = tickets.issueFor(s1Tickets).ticket;
    const b = tickets.issueFor(s1Tickets).ticket;
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("holds a bounded number of tickets, dropping expired and then the oldest", () => {
    let now = 0;
    const tickets = new StreamTickets({ ttlMs: 100, maxTickets: 3, now: () => now });
    const first = tickets.issueFor(s1Tickets).ticket;
    tickets.issueFor(s1Tickets);
    tickets.issueFor(s1Tickets);
    const fourth = tickets.issueFor(s1Tickets).ticket;
    expect(tickets.size).toBe(3);
    expect(tickets.opens(first, s1)).toBe(false);
    expect(tickets.opens(fourth, s1)).toBe(true);
    now = 200;
    tickets.issueFor(s1Tickets);
    expect(tickets.size).toBe(1);
  });

  it("opens exactly the stream path it was issued for", () => {
    const tickets = new StreamTickets();
    const issued = tickets.issueFor("/v1/tasks/events/tickets");
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
  });
});
