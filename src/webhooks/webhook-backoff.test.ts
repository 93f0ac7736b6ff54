import { describe, expect, it } from "vitest";
import { seededRandom } from "#test-support/seeded-random.js";
import { defaultRetryPolicy, retryDelay } from "./webhook-backoff.js";

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 86_400_000 };

describe("retryDelay", () => {
  it("doubles from the base and stops at the cap", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 40].map((n) => retryDelay(n, policy, () => 0));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it("jitters each delay down by at most a half", () => {
    expect(retryDelay(3, policy, () => 0.999_999)).toBe(2000);
    const random = seededRandom(7);
    const delays = Array.from({ length: 200 }, () => retryDelay(4, policy, random));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it("by default keeps retrying a failing delivery for a day with about two dozen attempts", () => {
    let elapsed = 0;
    let attempts = 1;
    while (
      elapsed + retryDelay(attempts, defaultRetryPolicy, () => 0) <=
      defaultRetryPolicy.windowMs
    ) {
      elapsed += retryDelay(attempts, defaultRetryPolicy, () => 0);
      attempts += 1;
    }
    expect(attempts).toBeGreaterThan(20);
    expect(attempts).toBeLessThan(40);
    expect(retryDelay(1, defaultRetryPolicy, () => 0)).toBe(5000);
  });
});
