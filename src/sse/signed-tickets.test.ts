import { describe, expect, it } from "vitest";
import { StreamTickets } from "./stream-tickets.js";

const s1Tickets = "/v1/projects/demo/sessions/s1/events/tickets";
const s1 = "/v1/projects/demo/sessions/s1/events";
const secret = "cluster-secret-for-tests";
const holder = { tokenId: "tok_1", name: "ci", role: "viewer" as const, projects: ["demo"] };

/** `ticket` with one character of its payload changed (still valid base64url). */
function tampered(ticket: string): string {
  const flip = ticket[3] === "A" ? "B" : "A";
  return `${ticket.slice(0, 3)}${flip}${ticket.slice(4)}`;
}

describe("signed stream tickets", () => {
  it("open the stream on any process with the secret, for the holder they were issued to", () => {
    const issuer = new StreamTickets({ secret });
    const other = new StreamTickets({ secret });
    const { ticket, url } = issuer.issueFor(s1Tickets, holder);
    expect(url).toBe(`${s1}?ticket=${ticket}`);
    expect(other.holderFor(ticket, s1)).toEqual(holder);
    expect(other.holderFor(issuer.issueFor(s1Tickets).ticket, s1)).toBeNull();
    expect(issuer.size).toBe(0);
    expect(issuer.issueFor(s1Tickets, holder).ticket).not.toBe(ticket);
  });

  it("open only their own stream path", () => {
    const tickets = new StreamTickets({ secret });
    const { ticket } = tickets.issueFor(s1Tickets, holder);
    expect(tickets.opens(ticket, "/v1/projects/demo/sessions/s2/events")).toBe(false);
    expect(tickets.opens(ticket, "/v1/tasks/events")).toBe(false);
    expect(tickets.opens(ticket, s1)).toBe(true);
  });

  it("are refused when tampered with, signed with another secret, malformed or expired", () => {
    let now = 1_000;
    const tickets = new StreamTickets({ secret, ttlMs: 500, now: () => now });
    const { ticket } = tickets.issueFor(s1Tickets, holder);
    expect(tickets.opens(tampered(ticket), s1)).toBe(false);
    const [body, mac] = ticket.split(".") as [string, string];
    const forged = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    forged.h.role = "admin";
    const forgedBody = Buffer.from(JSON.stringify(forged)).toString("base64url");
    expect(tickets.opens(`${forgedBody}.${mac}`, s1)).toBe(false);
    expect(new StreamTickets({ secret: "another-secret" }).opens(ticket, s1)).toBe(false);
    for (const bad of ["", ".", "abc", `${body}.`, `.${mac}`, `${body}.${mac}x`]) {
      expect(tickets.opens(bad, s1)).toBe(false);
    }
    now = 1_499;
    expect(tickets.opens(ticket, s1)).toBe(true);
    now = 1_500;
    expect(tickets.opens(ticket, s1)).toBe(false);
  });

  it("refuse an empty secret when built", () => {
    expect(() => new StreamTickets({ secret: "" })).toThrow(RangeError);
  });
});
