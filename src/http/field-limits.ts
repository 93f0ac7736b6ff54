import { AppError, type FieldIssue } from "../errors/index.js";

/** A configured bound on one body field: a string's length in characters, or a value's size as JSON. */
export type FieldLimit = number | { jsonBytes: number };

/** The configured bounds on a request body, by field name; fields left out are not checked. */
export type FieldLimitRules<T> = { readonly [K in keyof T]?: FieldLimit };

/** The `VALIDATION_FAILED` error naming each offending field, as request validation throws it. */
export function validationFailed(fields: FieldIssue[]): AppError {
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", summary, { fields });
}

function overLimit(value: unknown, limit: FieldLimit): string | undefined {
  if (typeof limit === "number") {
    if (typeof value !== "string" || value.length <= limit) return undefined;
    return `Too big: expected string to have <=${limit} characters`;
  }
  if (value === undefined) return undefined;
  if (Buffer.byteLength(JSON.stringify(value), "utf8") <= limit.jsonBytes) return undefined;
  return `must serialise to at most ${limit.jsonBytes} bytes of JSON`;
}

/**
 * Holds a validated request body to the server's configured limits, which may be lower
 * than the hard maximums its schema documents. A field over its limit fails exactly like
 * a schema violation: 400 `VALIDATION_FAILED`, each field named `body.<field>`, with the
 * validator's wording. Absent fields and an absent body pass.
 *
 * @throws {AppError} `VALIDATION_FAILED` naming every field over its limit.
 * @example
 * checkFieldLimits(c.req.valid("json"), { text: limits.maxPromptLength });
 * checkFieldLimits(body, { metadata: { jsonBytes: limits.maxMetadataBytes } });
 */
export function checkFieldLimits<T extends object>(
  body: T | undefined,
  rules: FieldLimitRules<T>,
): void {
  if (body === undefined) return;
  const fields: FieldIssue[] = [];
  for (const name of Object.keys(rules) as (keyof T & string)[]) {
    const limit = rules[name];
    const message = limit === undefined ? undefined : overLimit(body[name], limit);
    if (message !== undefined) fields.push({ path: `body.${name}`, message });
  }
  if (fields.length > 0) throw validationFailed(fields);
}
