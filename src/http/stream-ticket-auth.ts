import type { Context } from "hono";
import type { StreamTickets } from "../sse/stream-tickets.js";

/**
 * Whether a request is a `GET` (or its `HEAD`) of exactly the event stream a `?ticket=`
 * was issued for (one session's stream, or the task stream), with that ticket unexpired.
 * Pass it as `bearerAuth`'s `allow` so browsers can use native `EventSource`; a ticket
 * opens no other path, no other method and no other stream.
 */
export function hasValidStreamTicket(tickets: StreamTickets): (c: Context) => boolean {
  return (c) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return false;
    const ticket = c.req.query("ticket");
    return ticket !== undefined && tickets.opens(ticket, c.req.path);
  };
}
