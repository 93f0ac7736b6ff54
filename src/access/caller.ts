import type { Context } from "hono";
import type { Role } from "../contract/roles.js";
import type { TicketHolder } from "../sse/stream-tickets.js";

/** Who is calling, as established by authentication. */
export interface Caller {
  /** `bootstrap`: `AGENT_SERVER_TOKEN`; `token`: an API token; `open`: auth is off. */
  kind: "bootstrap" | "token" | "open";
  /** The API token's id (for `token`, also when it came through a stream ticket). */
  tokenId?: string;
  /** The token's name, shown in the audit log. */
  name: string;
  role: Role;
  /** Projects the caller is limited to; absent for the whole organisation. */
  projects?: readonly string[];
}

/** The caller of a server whose auth is off: loopback use, everything allowed. */
export const openCaller: Caller = { kind: "open", name: "anonymous", role: "admin" };

const key = "caller";

export function setCaller(c: Context, caller: Caller): void {
  c.set(key as never, caller as never);
}

/** The authenticated caller of this request (the open caller when auth is off). */
export function callerOf(c: Context): Caller {
  return (c.get(key as never) as Caller | undefined) ?? openCaller;
}

/** The caller authentication established, if it ran and let the request through. */
export function authenticatedCallerOf(c: Context): Caller | undefined {
  return c.get(key as never) as Caller | undefined;
}

/** Whether `caller` may see project `projectId`. */
export function callerSeesProject(caller: Caller, projectId: string): boolean {
  return caller.projects === undefined || caller.projects.includes(projectId);
}

/** What a stream ticket remembers of the caller who asked for it. */
export function ticketHolder(caller: Caller): TicketHolder {
  return {
    ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
    name: caller.name,
    role: caller.role,
    ...(caller.projects ? { projects: caller.projects } : {}),
  };
}
