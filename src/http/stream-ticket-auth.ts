import type { Context } from "hono";
import type { StreamTickets } from "../sessions/stream-tickets.js";

const eventsPath = /\/projects\/([^/]+)\/sessions\/([^/]+)\/events$/;

/**
 * Whether a request opens a session's event stream with a valid `?ticket=` for that
 * session. Pass it as `bearerAuth`'s `allow` so browsers can use native `EventSource`.
 */
export function hasValidStreamTicket(tickets: StreamTickets): (c: Context) => boolean {
  return (c) => {
    if (c.req.method !== "GET") return false;
    const ticket = c.req.query("ticket");
    const match = eventsPath.exec(c.req.path);
    if (!ticket || !match?.[1] || !match[2]) return false;
    return tickets.verify(ticket, decodeURIComponent(match[1]), decodeURIComponent(match[2]));
  };
}
