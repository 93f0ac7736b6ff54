import type { Context } from "hono";
import { type StreamTickets, sessionStreamScope, taskStreamScope } from "../sse/stream-tickets.js";

const sessionEventsPath = /\/projects\/([^/]+)\/sessions\/([^/]+)\/events$/;
const taskEventsPath = /\/tasks\/events$/;

function streamScope(path: string): string | undefined {
  const session = sessionEventsPath.exec(path);
  if (session?.[1] && session[2]) {
    return sessionStreamScope(decodeURIComponent(session[1]), decodeURIComponent(session[2]));
  }
  return taskEventsPath.test(path) ? taskStreamScope : undefined;
}

/**
 * Whether a request opens an event stream (a session's, or the task stream) with a valid
 * `?ticket=` for that stream. Pass it as `bearerAuth`'s `allow` so browsers can use
 * native `EventSource`.
 */
export function hasValidStreamTicket(tickets: StreamTickets): (c: Context) => boolean {
  return (c) => {
    if (c.req.method !== "GET") return false;
    const ticket = c.req.query("ticket");
    const scope = streamScope(c.req.path);
    return ticket !== undefined && scope !== undefined && tickets.verify(ticket, scope);
  };
}
