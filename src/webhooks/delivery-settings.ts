import { createLogger, type Logger } from "../logging/logger.js";
import type { ResolveHost } from "./url-guard.js";
import { defaultRetryPolicy, type RetryPolicy } from "./webhook-backoff.js";
import { type SendOptions, type SendResult, sendWebhook } from "./webhook-sender.js";
import { webhookHeaders } from "./webhook-signature.js";

/** How deliveries are sent, retried and kept, as a webhook service's options ask for it. */
export interface DeliveryOptions {
  /** Let URLs reach loopback, link-local and private addresses. Default false. */
  allowPrivateUrls?: boolean | undefined;
  /** Default: 5 s doubling to at most 1 h, for 24 h (`defaultRetryPolicy`). */
  retry?: Partial<RetryPolicy> | undefined;
  /** One attempt is abandoned after this. Default 10,000 ms. */
  timeoutMs?: number | undefined;
  /** Attempts in flight at once, across subscriptions (each subscription sends one at a time). Default 4. */
  concurrency?: number | undefined;
  /**
   * Finished deliveries are kept this long after their last attempt: dropped from memory
   * at most hourly and from the outbox at the next start. Default 7 days.
   */
  retentionMs?: number | undefined;
  /** Default: errors on stderr. */
  logger?: Logger | undefined;
  /** Clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Name resolution for the URL guard. Default `dns.lookup`. */
  resolve?: ResolveHost | undefined;
  /** Makes one attempt. Default `sendWebhook` (HTTP POST through the URL guard). */
  send?: ((options: SendOptions) => Promise<SendResult>) | undefined;
}

/** {@link DeliveryOptions} with every default filled in: what a sender works with. */
export interface DeliverySettings {
  allowPrivate: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
  concurrency: number;
  retentionMs: number;
  logger: Logger;
  now: () => number;
  random: () => number;
  resolve: ResolveHost | undefined;
  send: (options: SendOptions) => Promise<SendResult>;
}

const sevenDaysMs = 7 * 86_400_000;

export function deliverySettings(options: DeliveryOptions): DeliverySettings {
  return {
    allowPrivate: options.allowPrivateUrls ?? false,
    retry: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 10_000,
    concurrency: options.concurrency ?? 4,
    retentionMs: options.retentionMs ?? sevenDaysMs,
    logger: options.logger ?? createLogger({ level: "error" }),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    resolve: options.resolve,
    send: options.send ?? sendWebhook,
  };
}

/**
 * One attempt at `delivery`: signed with the subscription's secret as of now and sent
 * under `settings`; a send that throws reads as a failed attempt.
 */
export async function attemptDelivery(
  settings: DeliverySettings,
  subscription: { url: string; secret: string },
  delivery: { id: string; body: string },
  signal: AbortSignal,
): Promise<{ started: number; result: SendResult }> {
  const started = settings.now();
  const headers = webhookHeaders(
    subscription.secret,
    delivery.id,
    Math.floor(started / 1000),
    delivery.body,
  );
  const result = await settings
    .send({
      url: subscription.url,
      headers: { ...headers },
      body: delivery.body,
      timeoutMs: settings.timeoutMs,
      allowPrivate: settings.allowPrivate,
      resolve: settings.resolve,
      signal,
    })
    .catch(
      (error: Error): SendResult => ({
        statusCode: null,
        response: null,
        error: error.message,
        durationMs: settings.now() - started,
      }),
    );
  return { started, result };
}
