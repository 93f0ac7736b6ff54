import type pg from "pg";
import { AppError } from "../errors/index.js";
import type { Database } from "../storage/postgres/index.js";
import { type Delivery, transition } from "./webhook-deliveries.js";
import type { WebhookEventType } from "./webhook-events.js";
import type { AttemptRecord, ResentRecord } from "./webhook-outbox.js";

interface DeliveryRow {
  id: string;
  subscription_id: string;
  type: WebhookEventType;
  body: string;
  created_at: string;
  position: string;
  state: Delivery["state"];
  queued_at: string;
  next_attempt_at: string;
  failures: number;
  history: (AttemptRecord | ResentRecord)[];
}

/** A delivery this node claimed: only the holder of `claimId` records its attempt. */
export interface ClaimedDelivery extends Delivery {
  claimId: string;
}

const columns = `id, subscription_id, type, body, created_at, position, state, queued_at,
  next_attempt_at, failures, history`;

/**
 * The webhook outbox in the cluster's database (`webhook_deliveries`): each delivery a
 * row, each subscription's queue ordered by `position`. A node claims the head of a
 * queue (`FOR UPDATE SKIP LOCKED`, so one node gets it) for a limited time; a claim
 * that ran out (its node died mid-attempt) is taken by the next node that looks.
 */
export class PgWebhookOutbox {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** Queues one delivery per subscription in `subscriptionIds`, all with `body`. */
  async queue(
    deliveries: { id: string; subscriptionId: string }[],
    type: WebhookEventType,
    body: string,
    at: number,
  ): Promise<void> {
    await this.#database.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, type, body, created_at, queued_at, next_attempt_at)
       SELECT d.id, d.subscription_id, $3, $4, $5, $5, $5
         FROM unnest($1::text[], $2::text[]) AS d (id, subscription_id)
         JOIN webhook_subscriptions s ON s.id = d.subscription_id`,
      [deliveries.map((d) => d.id), deliveries.map((d) => d.subscriptionId), type, body, at],
    );
  }

  /**
   * Claims up to `limit` queue heads due by `now` that nobody holds, for `claimMs`. A
   * subscription's later deliveries wait while its head is pending.
   */
  async claim(now: number, limit: number, claimMs: number, claimId: string) {
    if (limit <= 0) return [];
    const { rows } = await this.#database.query<DeliveryRow>(
      `WITH heads AS (
         SELECT DISTINCT ON (subscription_id) id FROM webhook_deliveries
          WHERE state = 'pending' ORDER BY subscription_id, position
       ), due AS (
         SELECT d.id FROM webhook_deliveries d JOIN heads h ON h.id = d.id
          WHERE d.state = 'pending' AND d.next_attempt_at <= $1
            AND (d.claim_id IS NULL OR d.claim_expires_at < now())
          ORDER BY d.next_attempt_at LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries SET claim_id = $4,
              claim_expires_at = now() + $3 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM due) RETURNING ${columns}`,
      [now, limit, claimMs, claimId],
    );
    return rows.map((row): ClaimedDelivery => ({ ...deliveryOf(row), claimId }));
  }

  /**
   * Records an attempt on a delivery this node still holds, and frees it. Returns false
   * when the claim ran out and another node took the delivery.
   */
  async recordAttempt(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean> {
    const { rowCount } = await this.#database.query(
      `UPDATE webhook_deliveries
          SET state = $3, next_attempt_at = COALESCE($4, next_attempt_at),
              failures = failures + $5, history = history || $6::jsonb,
              claim_id = NULL, claim_expires_at = NULL
        WHERE id = $1 AND claim_id = $2 AND state = 'pending'`,
      [
        delivery.id,
        delivery.claimId,
        attempt.state,
        attempt.nextAttemptAt,
        attempt.error === null ? 0 : 1,
        JSON.stringify([attempt]),
      ],
    );
    return rowCount === 1;
  }

  /** Frees a claim without recording anything (the attempt was abandoned). */
  async release(delivery: ClaimedDelivery): Promise<void> {
    await this.#database.query(
      `UPDATE webhook_deliveries SET claim_id = NULL, claim_expires_at = NULL
        WHERE id = $1 AND claim_id = $2`,
      [delivery.id, delivery.claimId],
    );
  }

  /**
   * Queues a finished delivery again at the back of its subscription's queue.
   *
   * @throws {AppError} `WEBHOOK_DELIVERY_NOT_FOUND`, `WEBHOOK_DELIVERY_CONFLICT` (still pending)
   */
  resend(subscriptionId: string, deliveryId: string, at: number): Promise<Delivery> {
    return this.#database.transaction(async (client: pg.PoolClient) => {
      const { rows } = await client.query<DeliveryRow>(
        `SELECT ${columns} FROM webhook_deliveries
          WHERE id = $1 AND subscription_id = $2 FOR UPDATE`,
        [deliveryId, subscriptionId],
      );
      const row = rows[0];
      if (!row) {
        throw new AppError(
          "WEBHOOK_DELIVERY_NOT_FOUND",
          `No delivery ${deliveryId} of this webhook`,
        );
      }
      transition(deliveryOf(row), ["delivered", "failed"], "pending");
      const resent: ResentRecord = { kind: "resent", id: deliveryId, at };
      const updated = await client.query<DeliveryRow>(
        `UPDATE webhook_deliveries
            SET state = 'pending', position = nextval('webhook_delivery_order'), queued_at = $2,
                next_attempt_at = $2, failures = 0, history = history || $3::jsonb,
                claim_id = NULL, claim_expires_at = NULL
          WHERE id = $1 RETURNING ${columns}`,
        [deliveryId, at, JSON.stringify([resent])],
      );
      return deliveryOf(updated.rows[0] as DeliveryRow);
    });
  }

  /** A page of a subscription's deliveries, newest first, and how many it has. */
  async page(subscriptionId: string, page: { limit: number; offset: number }) {
    const [items, count] = await Promise.all([
      this.#database.query<DeliveryRow>(
        `SELECT ${columns} FROM webhook_deliveries WHERE subscription_id = $1
          ORDER BY listed DESC LIMIT $2 OFFSET $3`,
        [subscriptionId, page.limit, page.offset],
      ),
      this.#database.query<{ total: string }>(
        "SELECT count(*) AS total FROM webhook_deliveries WHERE subscription_id = $1",
        [subscriptionId],
      ),
    ]);
    return { items: items.rows.map(deliveryOf), total: Number(count.rows[0]?.total ?? 0) };
  }

  /** Drops finished deliveries whose last activity is older than `cutoff` (epoch ms). */
  async prune(cutoff: number): Promise<void> {
    await this.#database.query(
      `DELETE FROM webhook_deliveries WHERE state <> 'pending'
          AND COALESCE((history -> -1 ->> 'at')::bigint, created_at) < $1`,
      [cutoff],
    );
  }
}

function deliveryOf(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    type: row.type,
    body: row.body,
    createdAt: Number(row.created_at),
    state: row.state,
    order: Number(row.position),
    queuedAt: Number(row.queued_at),
    nextAttemptAt: Number(row.next_attempt_at),
    failures: row.failures,
    history: row.history,
    durable: true,
  };
}
