import { randomUUID } from "node:crypto";
import type { Database } from "../storage/postgres/index.js";
import type { WebhookEventType } from "./webhook-events.js";
import type { NewSubscription, StoredSubscription } from "./webhook-subscriptions.js";

interface SubscriptionRow {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  secret: string;
  created_at: Date;
}

const columns = "id, url, events, description, secret, created_at";

/** The webhook subscriptions in the cluster's database (`webhook_subscriptions`), with their secrets. */
export class PgWebhookSubscriptions {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** Every subscription, oldest first. */
  async list(): Promise<StoredSubscription[]> {
    const { rows } = await this.#database.query<SubscriptionRow>(
      `SELECT ${columns} FROM webhook_subscriptions ORDER BY position`,
    );
    return rows.map(subscriptionOf);
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const { rows } = await this.#database.query<SubscriptionRow>(
      `SELECT ${columns} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    return rows[0] && subscriptionOf(rows[0]);
  }

  /** The ids of the subscriptions that asked for `type`, oldest first. */
  async subscribedTo(type: WebhookEventType): Promise<string[]> {
    const { rows } = await this.#database.query<{ id: string }>(
      "SELECT id FROM webhook_subscriptions WHERE events ? $1 ORDER BY position",
      [type],
    );
    return rows.map((row) => row.id);
  }

  async create(input: NewSubscription, at: number): Promise<StoredSubscription> {
    const { rows } = await this.#database.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, url, events, description, secret, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
      [
        randomUUID(),
        input.url,
        JSON.stringify([...new Set(input.events)]),
        input.description ?? null,
        input.secret,
        new Date(at),
      ],
    );
    return subscriptionOf(rows[0] as SubscriptionRow);
  }

  /** Deletes a subscription and, with it, its deliveries. @returns whether it existed. */
  async remove(id: string): Promise<boolean> {
    const { rowCount } = await this.#database.query(
      "DELETE FROM webhook_subscriptions WHERE id = $1",
      [id],
    );
    return rowCount === 1;
  }
}

function subscriptionOf(row: SubscriptionRow): StoredSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    ...(row.description === null ? {} : { description: row.description }),
    createdAt: row.created_at.toISOString(),
    secret: row.secret,
  };
}
