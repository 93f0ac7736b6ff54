import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "../contract/roles.js";

/** Who asked for a ticket: the stream opened with it acts with their role and scope. */
export interface TicketHolder {
  /** The API token that asked; absent for the bootstrap token or with auth off. */
  tokenId?: string;
  name: string;
  role: Role;
  projects?: readonly string[];
}

/** What a signed ticket carries: the stream it opens, until when, and for whom. */
export interface SignedGrant {
  path: string;
  expiresAt: number;
  holder: TicketHolder | undefined;
}

interface Payload {
  /** Stream path. */
  p: string;
  /** Expiry, milliseconds since the epoch. */
  e: number;
  /** Holder, or null for none. */
  h: TicketHolder | null;
  /** Random, so two tickets of one holder and second differ. */
  n: string;
}

/**
 * Stream tickets any node holding `secret` can check without shared state:
 * `<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`, the payload naming the stream
 * path, the expiry and the holder (token id, name, role, project scope). The key is
 * derived from the secret for this one purpose, so a ticket signs nothing else.
 */
export class TicketSigner {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret.length === 0) throw new RangeError("the stream ticket secret is empty");
    this.#key = createHmac("sha256", secret).update("pi-agent-server stream tickets v1").digest();
  }

  sign(grant: SignedGrant): string {
    const payload: Payload = {
      p: grant.path,
      e: grant.expiresAt,
      h: grant.holder ?? null,
      n: randomBytes(9).toString("base64url"),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.#mac(body).toString("base64url")}`;
  }

  /** The grant of `ticket` when its signature is ours; undefined for anything else. */
  verify(ticket: string): SignedGrant | undefined {
    const dot = ticket.indexOf(".");
    if (dot <= 0) return undefined;
    const body = ticket.slice(0, dot);
    const given = Buffer.from(ticket.slice(dot + 1), "base64url");
    const expected = this.#mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
      if (typeof payload.p !== "string" || typeof payload.e !== "number") return undefined;
      return { path: payload.p, expiresAt: payload.e, holder: payload.h ?? undefined };
    } catch {
      return undefined;
    }
  }

  #mac(body: string): Buffer {
    return createHmac("sha256", this.#key).update(body).digest();
  }
}
