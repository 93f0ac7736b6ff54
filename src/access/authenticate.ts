import type { Context, MiddlewareHandler } from "hono";
import { bearerToken, secretsEqual } from "../http/auth.js";
import { problemFor, problemResponse } from "../http/problem.js";
import type { StreamTickets } from "../sse/stream-tickets.js";
import type { TokenStore } from "./access-stores.js";
import { type Caller, setCaller } from "./caller.js";

export interface AuthenticateOptions {
  /** `AGENT_SERVER_TOKEN`: the bootstrap admin token. */
  bootstrapToken: string;
  tokens: TokenStore;
  tickets: StreamTickets;
  /** Called for every refused request, before the 401 is sent (the audit log). */
  onRefused?: (c: Context, detail: string) => void;
  realm?: string;
}

/**
 * Establishes who is calling: the bootstrap token (admin), an API token (its role and
 * scope), or a stream ticket (the role and scope of the token that asked for it, checked
 * again on every (re)connect, so a deleted or expired token's streams stop reopening).
 * Anything else is 401.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler {
  const challenge = `Bearer realm="${options.realm ?? "pi-agent-server"}"`;
  const refuse = (c: Context, detail: string) => {
    options.onRefused?.(c, detail);
    return problemResponse(problemFor("UNAUTHORIZED", detail), { "www-authenticate": challenge });
  };
  return async (c, next) => {
    const reads = c.req.method === "GET" || c.req.method === "HEAD";
    const ticket = reads ? c.req.query("ticket") : undefined;
    const holder = ticket === undefined ? undefined : options.tickets.holderFor(ticket, c.req.path);
    if (holder) {
      if (holder.tokenId !== undefined && !(await options.tokens.isValid(holder.tokenId))) {
        return refuse(c, "The token that asked for this ticket was deleted or has expired");
      }
      setCaller(c, { kind: holder.tokenId ? "token" : "bootstrap", ...holder });
      return next();
    }
    const given = bearerToken(c.req.header("authorization"));
    if (given === undefined) {
      return refuse(
        c,
        ticket === undefined ? "Missing bearer token" : "Invalid or expired stream ticket",
      );
    }
    const caller = await identify(given, options);
    if (!caller) return refuse(c, "Invalid bearer token");
    setCaller(c, caller);
    return next();
  };
}

const bootstrap: Caller = { kind: "bootstrap", name: "AGENT_SERVER_TOKEN", role: "admin" };

async function identify(secret: string, options: AuthenticateOptions): Promise<Caller | undefined> {
  if (secretsEqual(secret, options.bootstrapToken)) return bootstrap;
  const token = await options.tokens.verify(secret);
  if (!token) return undefined;
  return {
    kind: "token",
    tokenId: token.id,
    name: token.name,
    role: token.role,
    ...(token.projects ? { projects: token.projects } : {}),
  };
}
