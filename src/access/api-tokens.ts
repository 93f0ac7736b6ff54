import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Role } from "../contract/roles.js";
import { writeFileAtomic } from "../storage/atomic-write.js";

/** An API token as stored and listed: everything but the secret, which is kept as a hash. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  /** Projects the token is limited to; absent for the whole organisation. */
  projects?: string[];
  createdAt: string;
  /** Name of the token that created it. */
  createdBy: string;
  expiresAt?: string;
  lastUsedAt?: string;
}

interface StoredToken extends ApiToken {
  /** SHA-256 of the secret, hex. */
  hash: string;
}

export interface NewApiToken {
  name: string;
  role: Role;
  projects?: string[] | undefined;
  expiresAt?: string | undefined;
}

/** Secrets carry a prefix so they are recognisable in a leak scan and in logs. */
export const secretPrefix = "pas_";
/** The stored form of a token's secret: SHA-256, hex. */
export const hashOf = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");
/** A new token secret: the prefix and 32 random bytes. */
export const newTokenSecret = () => `${secretPrefix}${randomBytes(32).toString("base64url")}`;

/** How often a token's `lastUsedAt` is written back at most (it is kept in memory between). */
export const lastUsedFlushMs = 60_000;

/**
 * The API tokens: created with a secret shown once, stored as SHA-256 hashes in one file
 * (`.pi-global/tokens.json`, mode 0600, replaced atomically, so a crash leaves the old
 * list or the new one). A token is found by its hash and the hash compared in constant
 * time; an expired token verifies as nothing.
 */
export class ApiTokens {
  readonly #file: string;
  readonly #now: () => number;
  #tokens = new Map<string, StoredToken>();
  #writing: Promise<void> = Promise.resolve();
  #dirtyUse = false;
  #lastFlush = 0;

  private constructor(file: string, now: () => number) {
    this.#file = file;
    this.#now = now;
  }

  /** Loads the tokens from `file` (none when it does not exist yet). */
  static async open(file: string, now: () => number = Date.now): Promise<ApiTokens> {
    const tokens = new ApiTokens(file, now);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text !== undefined) {
      const parsed = JSON.parse(text) as { tokens: StoredToken[] };
      for (const token of parsed.tokens) tokens.#tokens.set(token.id, token);
    }
    return tokens;
  }

  /** Every token, oldest first, without secrets or hashes. */
  list(): ApiToken[] {
    return [...this.#tokens.values()].map(publicView);
  }

  get(id: string): ApiToken | undefined {
    const token = this.#tokens.get(id);
    return token && publicView(token);
  }

  /** Whether token `id` exists and has not expired. */
  isValid(id: string): boolean {
    const token = this.#tokens.get(id);
    return token !== undefined && !this.#expired(token);
  }

  /**
   * Creates a token and returns it with its secret, after the list holding it is on
   * disk: a creator that got the secret can rely on it surviving a crash.
   */
  async create(
    fields: NewApiToken,
    createdBy: string,
  ): Promise<{ token: ApiToken; secret: string }> {
    const secret = newTokenSecret();
    const token: StoredToken = {
      id: randomUUID(),
      name: fields.name,
      role: fields.role,
      ...(fields.projects ? { projects: [...new Set(fields.projects)] } : {}),
      createdAt: new Date(this.#now()).toISOString(),
      createdBy,
      ...(fields.expiresAt ? { expiresAt: new Date(fields.expiresAt).toISOString() } : {}),
      hash: hashOf(secret),
    };
    this.#tokens.set(token.id, token);
    try {
      await this.#save();
    } catch (error) {
      this.#tokens.delete(token.id);
      throw error;
    }
    return { token: publicView(token), secret };
  }

  /** Deletes token `id`; it stops working at once. Returns whether it existed. */
  async remove(id: string): Promise<boolean> {
    const token = this.#tokens.get(id);
    if (!token) return false;
    this.#tokens.delete(id);
    try {
      await this.#save();
    } catch (error) {
      this.#tokens.set(id, token);
      throw error;
    }
    return true;
  }

  /** The unexpired token whose secret is `secret`, marking it used. */
  verify(secret: string): ApiToken | undefined {
    if (!secret.startsWith(secretPrefix)) return undefined;
    const hash = hashOf(secret);
    for (const token of this.#tokens.values()) {
      if (!timingSafeEqual(Buffer.from(token.hash, "hex"), Buffer.from(hash, "hex"))) continue;
      if (this.#expired(token)) return undefined;
      token.lastUsedAt = new Date(this.#now()).toISOString();
      this.#noteUse();
      return publicView(token);
    }
    return undefined;
  }

  /** Writes pending `lastUsedAt` times (on shutdown). */
  async flush(): Promise<void> {
    if (this.#dirtyUse) await this.#save();
    await this.#writing;
  }

  #expired(token: StoredToken): boolean {
    return token.expiresAt !== undefined && Date.parse(token.expiresAt) <= this.#now();
  }

  #noteUse(): void {
    this.#dirtyUse = true;
    if (this.#now() - this.#lastFlush < lastUsedFlushMs) return;
    this.#save().catch(() => {
      // A failed write of use times is retried with the next write; nothing else depends on it.
    });
  }

  #save(): Promise<void> {
    this.#dirtyUse = false;
    this.#lastFlush = this.#now();
    const body = `${JSON.stringify({ version: 1, tokens: [...this.#tokens.values()] }, null, 2)}\n`;
    const write = this.#writing.then(() => writeFileAtomic(this.#file, body, { mode: 0o600 }));
    this.#writing = write.catch(() => undefined);
    return write;
  }
}

function publicView(token: StoredToken): ApiToken {
  const { hash: _hash, ...rest } = token;
  return { ...rest, ...(rest.projects ? { projects: [...rest.projects] } : {}) };
}
