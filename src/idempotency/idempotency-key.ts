import { createHash } from "node:crypto";

/** Longest accepted `Idempotency-Key`, in characters. */
export const maxIdempotencyKeyLength = 255;

const visibleAscii = /^[\x21-\x7e]+$/;

/**
 * The key an `Idempotency-Key` header carries, or `undefined` when it is not one: 1 to
 * 255 visible ASCII characters, optionally written as a quoted string
 * (`"8e03978e-40d5"`, the structured-field form the IETF draft uses), whose quotes are
 * not part of the key.
 */
export function parseIdempotencyKey(header: string): string | undefined {
  let value = header.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (value.length === 0 || value.length > maxIdempotencyKeyLength) return undefined;
  return visibleAscii.test(value) ? value : undefined;
}

/** JSON with every object's keys sorted, so key order and whitespace do not matter. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint two requests must share for one to replay the other: SHA-256 of the
 * body's canonical JSON (keys sorted, no whitespace), so a client that re-serialises
 * the same object matches; a body that is not JSON is fingerprinted byte for byte.
 */
export function requestFingerprint(body: string): string {
  let text = body;
  if (body.trim().length > 0) {
    try {
      text = `json:${canonicalJson(JSON.parse(body))}`;
    } catch {
      text = `raw:${body}`;
    }
  } else text = "empty:";
  return createHash("sha256").update(text).digest("base64url");
}
