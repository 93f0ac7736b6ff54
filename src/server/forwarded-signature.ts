import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Caller } from "../access/caller.js";
import { roles } from "../contract/roles.js";

/**
 * Headers a node adds to a request it forwards to another node. Together they carry the
 * caller the first node authenticated and an HMAC-SHA256 over them, the method, the path
 * with its query and the body's SHA-256, keyed with the cluster secret.
 */
export const forwardedHeaders = {
  /** The caller, as base64url JSON: kind, token id, name, role, project scope. */
  caller: "x-cluster-caller",
  /** The id of the node that forwarded the request. */
  from: "x-cluster-from",
  /** When it was signed, in milliseconds since the epoch. */
  timestamp: "x-cluster-timestamp",
  /** Random, once per request: a signed request is accepted once. */
  nonce: "x-cluster-nonce",
  /** Hex HMAC-SHA256 of the canonical request (see `canonicalRequest`). */
  signature: "x-cluster-signature",
} as const;

/** What a signature covers of the request itself. */
export interface SignedRequestParts {
  method: string;
  /** The path with its query string, exactly as sent. */
  pathAndQuery: string;
  body: Uint8Array;
}

const CallerSchema = z.object({
  kind: z.enum(["bootstrap", "token", "open"]),
  tokenId: z.string().min(1).optional(),
  name: z.string(),
  role: z.enum(roles),
  projects: z.array(z.string()).optional(),
});

function canonicalRequest(parts: SignedRequestParts, headers: Record<string, string>): string {
  const bodyDigest = createHash("sha256").update(parts.body).digest("hex");
  return [
    "v1",
    parts.method.toUpperCase(),
    parts.pathAndQuery,
    bodyDigest,
    headers[forwardedHeaders.from],
    headers[forwardedHeaders.timestamp],
    headers[forwardedHeaders.nonce],
    headers[forwardedHeaders.caller],
  ].join("\n");
}

const hmac = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text, "utf8").digest();

/**
 * The headers that let node `fromNodeId` forward `parts` on behalf of `caller`.
 *
 * @example
 * const headers = signForwardedRequest(secret, { method, pathAndQuery, body }, caller, nodeId);
 */
export function signForwardedRequest(
  secret: string,
  parts: SignedRequestParts,
  caller: Caller,
  fromNodeId: string,
  now = Date.now(),
): Record<string, string> {
  const carried: Caller = {
    kind: caller.kind,
    ...(caller.tokenId === undefined ? {} : { tokenId: caller.tokenId }),
    name: caller.name,
    role: caller.role,
    ...(caller.projects === undefined ? {} : { projects: [...caller.projects] }),
  };
  const headers: Record<string, string> = {
    [forwardedHeaders.caller]: Buffer.from(JSON.stringify(carried)).toString("base64url"),
    [forwardedHeaders.from]: fromNodeId,
    [forwardedHeaders.timestamp]: String(now),
    [forwardedHeaders.nonce]: randomBytes(16).toString("hex"),
  };
  headers[forwardedHeaders.signature] = hmac(secret, canonicalRequest(parts, headers)).toString(
    "hex",
  );
  return headers;
}

/** A forwarded request that passed verification: whom to run it as, and who sent it. */
export interface VerifiedForward {
  caller: Caller;
  fromNodeId: string;
}

export interface ForwardVerifierOptions {
  secret: string;
  /** How far a signature's timestamp may be from this node's clock. Default 30 s. */
  windowMs?: number;
  now?: () => number;
}

/**
 * Checks forwarded requests: a valid signature (compared in constant time), a timestamp
 * within the window, a nonce not seen before. Nonces are remembered for the window, so
 * a captured request cannot be replayed to this node.
 */
export class ForwardVerifier {
  readonly #secret: string;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #seen = new Map<string, number>();

  constructor(options: ForwardVerifierOptions) {
    if (options.secret.length === 0) throw new Error("ForwardVerifier: secret must not be empty");
    this.#secret = options.secret;
    this.#windowMs = options.windowMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** The verified caller, or the reason the request is refused. */
  verify(
    parts: SignedRequestParts,
    header: (name: string) => string | undefined,
  ): VerifiedForward | { refused: string } {
    const headers: Record<string, string> = {};
    for (const name of Object.values(forwardedHeaders)) {
      const value = header(name);
      if (value === undefined) return { refused: `Missing ${name}` };
      headers[name] = value;
    }
    const expected = hmac(this.#secret, canonicalRequest(parts, headers));
    const given = Buffer.from(headers[forwardedHeaders.signature] ?? "", "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { refused: "Invalid forwarding signature" };
    }
    const now = this.#now();
    const signedAt = Number(headers[forwardedHeaders.timestamp]);
    if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > this.#windowMs) {
      return { refused: "Forwarding signature outside the clock window" };
    }
    this.#forgetExpired(now);
    const nonce = headers[forwardedHeaders.nonce] ?? "";
    if (this.#seen.has(nonce)) return { refused: "Forwarded request replayed" };
    this.#seen.set(nonce, signedAt + this.#windowMs);
    const caller = decodeCaller(headers[forwardedHeaders.caller] ?? "");
    if (!caller) return { refused: "Invalid forwarded caller" };
    return { caller, fromNodeId: headers[forwardedHeaders.from] ?? "" };
  }

  /**
   * Drops remembered nonces whose window has passed. They were added in arrival order,
   * which is expiry order within the clock window, so the sweep stops at the first live
   * one instead of reading them all on every request.
   */
  #forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.#seen) {
      if (expiresAt >= now) break;
      this.#seen.delete(nonce);
    }
  }
}

function decodeCaller(encoded: string): Caller | undefined {
  try {
    const parsed = CallerSchema.safeParse(JSON.parse(Buffer.from(encoded, "base64url").toString()));
    if (!parsed.success) return undefined;
    const { kind, tokenId, name, role, projects } = parsed.data;
    return {
      kind,
      name,
      role,
      ...(tokenId === undefined ? {} : { tokenId }),
      ...(projects === undefined ? {} : { projects }),
    };
  } catch {
    return undefined;
  }
}
