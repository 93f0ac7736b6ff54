import type { Database } from "../storage/postgres/index.js";
import type { AuditStore } from "./access-stores.js";
import type { AuditQuery, AuditRecord, NewAuditRecord } from "./audit-log.js";

interface AuditRow {
  id: string;
  time: Date;
  token_id: string | null;
  token_name: string;
  role: NonNullable<AuditRecord["role"]> | null;
  method: string;
  route: string;
  target: Record<string, string>;
  status: number;
  client: string | null;
}

/** The project a record concerns: its `projectId`, or the `id` of a `/projects/{id}` route. */
const projectOf = `COALESCE(target->>'projectId',
  CASE WHEN strpos(route, '/projects/{id}') > 0 THEN target->>'id' END)`;

/**
 * The audit log in the cluster's database (`audit_log`): every node appends, ids come
 * from one sequence, so one listing holds every node's records, newest first, with the
 * same filters and paging as the file log.
 */
export class PgAuditLog implements AuditStore {
  readonly #database: Database;
  readonly #now: () => number;

  constructor(database: Database, now: () => number = Date.now) {
    this.#database = database;
    this.#now = now;
  }

  async append(record: NewAuditRecord): Promise<AuditRecord> {
    const { rows } = await this.#database.query<AuditRow>(
      `INSERT INTO audit_log (time, token_id, token_name, role, method, route, target, status, client)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        new Date(this.#now()),
        record.tokenId ?? null,
        record.tokenName,
        record.role ?? null,
        record.method,
        record.route,
        JSON.stringify(record.target),
        record.status,
        record.client ?? null,
      ],
    );
    return recordOf(rows[0] as AuditRow);
  }

  /** Holds nothing of its own open: the database is closed with the services. */
  async close(): Promise<void> {}

  async query(query: AuditQuery): Promise<{ items: AuditRecord[]; next?: number }> {
    const values: unknown[] = [];
    const where: string[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      where.push(condition(`$${values.length}`));
    };
    if (query.from) add((p) => `time >= ${p}`, new Date(query.from));
    if (query.to) add((p) => `time <= ${p}`, new Date(query.to));
    if (query.before !== undefined) add((p) => `id < ${p}`, query.before);
    if (query.tokenId !== undefined) add((p) => `token_id = ${p}`, query.tokenId);
    if (query.projectId !== undefined) add((p) => `${projectOf} = ${p}`, query.projectId);
    if (query.action !== undefined) add((p) => `method || ' ' || route = ${p}`, query.action);
    values.push(query.limit + 1);
    const { rows } = await this.#database.query<AuditRow>(
      `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    const items = rows.slice(0, query.limit).map(recordOf);
    return rows.length > query.limit ? { items, next: items.at(-1)?.id ?? 0 } : { items };
  }
}

function recordOf(row: AuditRow): AuditRecord {
  return {
    id: Number(row.id),
    time: row.time.toISOString(),
    ...(row.token_id === null ? {} : { tokenId: row.token_id }),
    tokenName: row.token_name,
    ...(row.role === null ? {} : { role: row.role }),
    method: row.method,
    route: row.route,
    target: row.target,
    status: row.status,
    ...(row.client === null ? {} : { client: row.client }),
  };
}
