import { describe, expect, it } from "vitest";
import { parseIdempotencyKey, requestFingerprint } from "./idempotency-key.js";

describe("parseIdempotencyKey", () => {
  it("accepts visible ASCII up to 255 characters, quoted or not", () => {
    expect(parseIdempotencyKey("abc-123")).toBe("abc-123");
    expect(parseIdempotencyKey('"abc-123"')).toBe("abc-123");
    expect(parseIdempotencyKey(" k ")).toBe("k");
    expect(parseIdempotencyKey("x".repeat(255))).toBe("x".repeat(255));
  });

  it.each([
    ["empty", ""],
    ["empty quotes", '""'],
    ["too long", "x".repeat(256)],
    ["inner space", "a b"],
    ["non-ASCII", "clé"],
    ["control character", "a\tb"],
  ])("refuses %s", (_name, value) => {
    expect(parseIdempotencyKey(value)).toBeUndefined();
  });
});

describe("requestFingerprint", () => {
  it("ignores key order and whitespace of JSON bodies", () => {
    expect(requestFingerprint('{"a":1,"b":{"c":[1,2],"d":null}}')).toBe(
      requestFingerprint('{ "b": { "d": null, "c": [1, 2] },\n "a": 1 }'),
    );
  });

  it("tells different bodies apart", () => {
    const base = requestFingerprint('{"text":"hi"}');
    expect(requestFingerprint('{"text":"hi!"}')).not.toBe(base);
    expect(requestFingerprint('{"text":"hi","x":1}')).not.toBe(base);
    expect(requestFingerprint("[1,2]")).not.toBe(requestFingerprint("[2,1]"));
    expect(requestFingerprint("")).not.toBe(requestFingerprint("{}"));
    expect(requestFingerprint("not json")).not.toBe(requestFingerprint("not  json"));
  });
});
