import { randomBytes } from "node:crypto";

export interface StreamTicket {
  ticket: string;
  expiresAt: string;
}

export interface StreamTicketsOptions {
  /** How long a ticket opens streams. Default 60 s. */
  ttlMs?: number;
  /** Tickets held at most; the oldest are dropped first. Default 10,000. */
  maxTickets?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface Grant {
  scope: string;
  /** The exact stream path the ticket opens, when issued with `issueFor`. */
  path: string | undefined;
  expiresAt: number;
}

/** The scope of one session's event stream. */
export const sessionStreamScope = (projectId: string, sessionId: string) =>
  `session\u0000${projectId}\u0000${sessionId}`;

/** The scope of the org-wide task event stream. */
export const taskStreamScope = "tasks";

/**
 * Short-lived credentials for opening one event stream (a scope: one session's stream,
 * or the task stream). A browser's native `EventSource` cannot send an `Authorization`
 * header, so it puts a ticket in the URL instead of the long-lived API token. A ticket
 * opens any number of connections to its one stream until it expires, so
 * `EventSource`'s automatic reconnects keep working; an expired ticket opens nothing.
 */
export class StreamTickets {
  readonly ttlMs: number;
  readonly #maxTickets: number;
  readonly #now: () => number;
  readonly #grants = new Map<string, Grant>();

  constructor(options: StreamTicketsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.#maxTickets = options.maxTickets ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#grants.size;
  }

  issue(scope: string, path?: string): StreamTicket {
    this.#prune();
    const ticket = randomBytes(32).toString("base64url");
    const expiresAt = this.#now() + this.ttlMs;
    this.#grants.set(ticket, { scope, path, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Issues a ticket for `scope` with the stream URL that uses it. `ticketRoutePath` is the
   * path the ticket was asked for on (`…/events/tickets`), so the URL keeps the host's prefix.
   * The ticket opens that stream path and no other (see `opens`).
   */
  issueFor(scope: string, ticketRoutePath: string): StreamTicket & { url: string } {
    const streamPath = ticketRoutePath.replace(/\/tickets\/?$/, "");
    const issued = this.issue(scope, streamPath);
    return { ...issued, url: `${streamPath}?ticket=${issued.ticket}` };
  }

  /** Whether `ticket` is unexpired and was issued for `scope`. */
  verify(ticket: string, scope: string): boolean {
    return this.#live(ticket)?.scope === scope;
  }

  /** Whether `ticket` is unexpired and was issued (by `issueFor`) for exactly the stream at `path`. */
  opens(ticket: string, path: string): boolean {
    const grant = this.#live(ticket);
    return grant?.path !== undefined && grant.path === path;
  }

  #live(ticket: string): Grant | undefined {
    const grant = this.#grants.get(ticket);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.#now()) {
      this.#grants.delete(ticket);
      return undefined;
    }
    return grant;
  }

  #prune(): void {
    const now = this.#now();
    for (const [ticket, grant] of this.#grants) {
      if (grant.expiresAt <= now) this.#grants.delete(ticket);
    }
    for (const ticket of this.#grants.keys()) {
      if (this.#grants.size < this.#maxTickets) break;
      this.#grants.delete(ticket);
    }
  }
}
