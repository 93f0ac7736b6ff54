import { describe, expect, it } from "vitest";
import { sendWebhook } from "./webhook-sender.js";

const message = {
  headers: { "webhook-id": "msg_1", "webhook-timestamp": "1", "webhook-signature": "v1,x" },
  body: "{}",
  timeoutMs: 1000,
  allowPrivate: false,
};

describe("sendWebhook's address guard (no connection is made)", () => {
  it("refuses a private address before connecting", async () => {
    const result = await sendWebhook({ ...message, url: "http://127.0.0.1:9/hook" });
    expect(result).toMatchObject({
      statusCode: null,
      response: null,
      error: "URL points at a private address (127.0.0.1)",
    });
  });

  it("refuses schemes other than http and https", async () => {
    const result = await sendWebhook({ ...message, url: "gopher://hooks.example/" });
    expect(result.error).toBe("URL must be an http: or https: URL");
  });
});
