import { randomUUID, timingSafeEqual } from "node:crypto";
import type { Database } from "../storage/postgres/index.js";
import type { TokenStore } from "./access-stores.js";
import {
  type ApiToken,
  hashOf,
  lastUsedFlushMs,
  type NewApiToken,
  newTokenSecret,
  secretPrefix,
} from "./api-tokens.js";

interface TokenRow {
  id: string;
  hash: string;
  name: string;
  role: ApiToken["role"];
  projects: string[] | null;
  created_at: Date;
  created_by: string;
  expires_at: Date | null;
  last_used_at: Date | null;
}

const columns = "id, hash, name, role, projects, created_at, created_by, expires_at, last_used_at";

/**
 * The API tokens in the cluster's database (`api_tokens`), as SHA-256 hashes. Every
 * authentication reads the row, so a token created on one node works on every other at
 * the next request and a deleted or expired one is refused everywhere at once. A token's
 * `lastUsedAt` is written at most once a minute.
 */
export class PgApiTokens implements TokenStore {
  readonly #database: Database;
  readonly #now: () => number;
  readonly #pendingUses = new Set<Promise<unknown>>();

  constructor(database: Database, now: () => number = Date.now) {
    this.#database = database;
    this.#now = now;
  }

  async list(): Promise<ApiToken[]> {
    const { rows } = await this.#database.query<TokenRow>(
      `SELECT ${columns} FROM api_tokens ORDER BY position`,
    );
    return rows.map(publicView);
  }

  async get(id: string): Promise<ApiToken | undefined> {
    const row = await this.#row("id", id);
    return row && publicView(row);
  }

  async isValid(id: string): Promise<boolean> {
    const row = await this.#row("id", id);
    return row !== undefined && !this.#expired(row);
  }

  async create(
    fields: NewApiToken,
    createdBy: string,
  ): Promise<{ token: ApiToken; secret: string }> {
    const secret = newTokenSecret();
    const { rows } = await this.#database.query<TokenRow>(
      `INSERT INTO api_tokens (id, hash, name, role, projects, created_at, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
      [
        randomUUID(),
        hashOf(secret),
        fields.name,
        fields.role,
        fields.projects ? JSON.stringify([...new Set(fields.projects)]) : null,
        new Date(this.#now()),
        createdBy,
        fields.expiresAt ? new Date(fields.expiresAt) : null,
      ],
    );
    return { token: publicView(rows[0] as TokenRow), secret };
  }

  async remove(id: string): Promise<boolean> {
    const { rowCount } = await this.#database.query("DELETE FROM api_tokens WHERE id = $1", [id]);
    return (rowCount ?? 0) > 0;
  }

  async verify(secret: string): Promise<ApiToken | undefined> {
    if (!secret.startsWith(secretPrefix)) return undefined;
    const hash = hashOf(secret);
    const row = await this.#row("hash", hash);
    if (!row || !timingSafeEqual(Buffer.from(row.hash, "hex"), Buffer.from(hash, "hex"))) {
      return undefined;
    }
    if (this.#expired(row)) return undefined;
    const now = this.#now();
    if (!row.last_used_at || now - row.last_used_at.getTime() >= lastUsedFlushMs) {
      this.#recordUse(row.id, now);
    }
    return { ...publicView(row), lastUsedAt: new Date(now).toISOString() };
  }

  async flush(): Promise<void> {
    await Promise.all(this.#pendingUses);
  }

  async #row(column: "id" | "hash", value: string): Promise<TokenRow | undefined> {
    const { rows } = await this.#database.query<TokenRow>(
      `SELECT ${columns} FROM api_tokens WHERE ${column} = $1`,
      [value],
    );
    return rows[0];
  }

  #expired(row: TokenRow): boolean {
    return row.expires_at !== null && row.expires_at.getTime() <= this.#now();
  }

  #recordUse(id: string, at: number): void {
    const write = this.#database
      .query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", [id, new Date(at)])
      // A lost use time is written again with the next use; nothing else depends on it.
      .catch(() => undefined)
      .finally(() => this.#pendingUses.delete(write));
    this.#pendingUses.add(write);
  }
}

function publicView(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ...(row.projects ? { projects: [...row.projects] } : {}),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    ...(row.expires_at ? { expiresAt: row.expires_at.toISOString() } : {}),
    ...(row.last_used_at ? { lastUsedAt: row.last_used_at.toISOString() } : {}),
  };
}
