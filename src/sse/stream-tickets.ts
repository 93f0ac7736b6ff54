import { randomBytes } from "node:crypto";
import { type TicketHolder, TicketSigner } from "./signed-tickets.js";

export type { TicketHolder } from "./signed-tickets.js";

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
  /**
   * Signs tickets with this secret (a cluster's shared secret), so any process holding
   * it checks them without shared state. Default: none, tickets are random and known
   * only to this process.
   */
  secret?: string | undefined;
}

interface Grant {
  /** The exact stream path the ticket opens. */
  path: string;
  expiresAt: number;
  holder: TicketHolder | undefined;
}

/**
 * Short-lived credentials for opening one event stream (one session's stream, or the
 * task stream), bound to that stream's exact path. A browser's native `EventSource` cannot send an `Authorization`
 * header, so it puts a ticket in the URL instead of the long-lived API token. A ticket
 * opens any number of connections to its one stream until it expires, so
 * `EventSource`'s automatic reconnects keep working; an expired ticket opens nothing.
 * With a `secret` (a cluster's), a ticket is signed and self-contained (see
 * `TicketSigner`), so a ticket issued by one node opens the stream on any other.
 */
export class StreamTickets {
  readonly ttlMs: number;
  readonly #maxTickets: number;
  readonly #now: () => number;
  readonly #grants = new Map<string, Grant>();
  readonly #signer: TicketSigner | undefined;

  constructor(options: StreamTicketsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.#maxTickets = options.maxTickets ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#signer = options.secret === undefined ? undefined : new TicketSigner(options.secret);
  }

  /** Tickets held in memory (signed tickets are held by nobody: always 0 with a secret). */
  get size(): number {
    return this.#grants.size;
  }

  /**
   * Issues a ticket with the stream URL that uses it. `ticketRoutePath` is the path the
   * ticket was asked for on (`…/events/tickets`), so the URL keeps the host's prefix. The
   * ticket opens that stream path and no other (see `opens`).
   */
  issueFor(ticketRoutePath: string, holder?: TicketHolder): StreamTicket & { url: string } {
    const path = ticketRoutePath.replace(/\/tickets\/?$/, "");
    const expiresAt = this.#now() + this.ttlMs;
    let ticket: string;
    if (this.#signer) ticket = this.#signer.sign({ path, expiresAt, holder });
    else {
      this.#prune();
      ticket = randomBytes(32).toString("base64url");
      this.#grants.set(ticket, { path, expiresAt, holder });
    }
    return {
      ticket,
      expiresAt: new Date(expiresAt).toISOString(),
      url: `${path}?ticket=${ticket}`,
    };
  }

  /** Whether `ticket` is unexpired and was issued for exactly the stream at `path`. */
  opens(ticket: string, path: string): boolean {
    return this.#live(ticket)?.path === path;
  }

  /**
   * Who was given `ticket` when it opens the stream at `path` (`null` for a ticket issued
   * with no holder); `undefined` when it does not open it.
   */
  holderFor(ticket: string, path: string): TicketHolder | null | undefined {
    const grant = this.#live(ticket);
    if (grant?.path !== path) return undefined;
    return grant.holder ?? null;
  }

  #live(ticket: string): Grant | undefined {
    if (this.#signer) {
      const signed = this.#signer.verify(ticket);
      return signed && signed.expiresAt > this.#now() ? signed : undefined;
    }
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
