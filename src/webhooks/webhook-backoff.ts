/** How failed deliveries are retried. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. Default 5,000 ms. */
  baseDelayMs: number;
  /** Longest delay between two attempts. Default 3,600,000 ms (1 h). */
  maxDelayMs: number;
  /** A delivery still failing this long after it was queued is given up. Default 86,400,000 ms (24 h). */
  windowMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 3_600_000,
  windowMs: 86_400_000,
};

/**
 * The wait after the `failures`-th failed attempt: the base doubled per earlier failure,
 * capped at `maxDelayMs`, then jittered down by up to a half (`random` in [0, 1)), so
 * receivers coming back up are not hit by every sender at once.
 *
 * @example
 * retryDelay(3, { baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 86_400_000 }, () => 0) // 4000
 */
export function retryDelay(
  failures: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 52);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(ceiling * (1 - random() / 2));
}

/** Where a pending delivery stands after an attempt that ended at `finished`. */
export function stateAfterAttempt(
  delivery: { failures: number; queuedAt: number },
  failed: boolean,
  finished: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): { state: "pending" | "delivered" | "failed"; nextAttemptAt: number | null } {
  if (!failed) return { state: "delivered", nextAttemptAt: null };
  const next = finished + retryDelay(delivery.failures + 1, policy, random);
  if (next > delivery.queuedAt + policy.windowMs) return { state: "failed", nextAttemptAt: null };
  return { state: "pending", nextAttemptAt: next };
}
