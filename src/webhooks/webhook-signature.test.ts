import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateWebhookSecret,
  isValidWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
  webhookSecretKey,
} from "./webhook-signature.js";

// The example of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks).
const reference = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("webhook signatures", () => {
  it("reproduces the Standard Webhooks reference signature", () => {
    const { secret, id, timestamp, body, signature } = reference;
    expect(signWebhook(secret, id, timestamp, body)).toBe(signature);
    expect(webhookHeaders(secret, id, timestamp, body)).toEqual({
      "webhook-id": id,
      "webhook-timestamp": "1614265330",
      "webhook-signature": signature,
    });
  });

  it("verifies a signature among several and refuses a changed body, id or secret", () => {
    const { secret, id, timestamp, body, signature } = reference;
    const headers = { id, timestamp: String(timestamp), signature: `v1,bm9wZQ== ${signature}` };
    expect(verifyWebhook(secret, headers, body, timestamp)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"test": 2432232315}', timestamp)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, id: "msg_other" }, body, timestamp)).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), headers, body, timestamp)).toBe(false);
  });

  it("refuses a timestamp outside the tolerance", () => {
    const { secret, id, timestamp, body, signature } = reference;
    const headers = { id, timestamp: String(timestamp), signature };
    expect(verifyWebhook(secret, headers, body, timestamp + 300)).toBe(true);
    expect(verifyWebhook(secret, headers, body, timestamp + 301)).toBe(false);
    expect(verifyWebhook(secret, headers, body, timestamp - 301)).toBe(false);
  });

  it("generates whsec_ secrets of 32 random bytes that key the HMAC", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(secret)).toHaveLength(32);
    expect(isValidWebhookSecret(secret)).toBe(true);
    expect(generateWebhookSecret()).not.toBe(secret);
    const expected = createHmac("sha256", webhookSecretKey(secret))
      .update("msg_1.2.{}")
      .digest("base64");
    expect(signWebhook(secret, "msg_1", 2, "{}")).toBe(`v1,${expected}`);
  });

  it("accepts only base64 secrets of 24 to 64 bytes", () => {
    expect(isValidWebhookSecret(reference.secret)).toBe(true);
    expect(isValidWebhookSecret(Buffer.alloc(24).toString("base64"))).toBe(true);
    expect(isValidWebhookSecret(`whsec_${Buffer.alloc(16).toString("base64")}`)).toBe(false);
    expect(isValidWebhookSecret(`whsec_${Buffer.alloc(65).toString("base64")}`)).toBe(false);
    expect(isValidWebhookSecret("whsec_not base64!")).toBe(false);
  });
});
