import { z } from "@hono/zod-openapi";
import { AppError } from "../errors/index.js";

export interface PageLimits {
  /** Largest accepted `limit`. Default 100. */
  maxPageSize: number;
  /** Largest accepted `offset`. Default 10,000. */
  maxOffset: number;
}

export const defaultPageLimits: PageLimits = { maxPageSize: 100, maxOffset: 10_000 };

/**
 * A query integer written in plain decimal digits. `z.coerce.number()` would also take
 * `0x10`, `1e1`, ` 16 ` or an empty string; this leaves anything but digits unconverted,
 * so it fails as "must be a decimal integer". Documented as `type: integer`.
 */
export const decimalIntegerQuery = (min: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value),
    z
      .number({
        error: (issue) => (issue.code === "invalid_type" ? "must be a decimal integer" : undefined),
      })
      .int()
      .min(min),
  );

export const PageQuerySchema = z.object({
  limit: decimalIntegerQuery(1)
    .optional()
    .openapi({ description: "Page size; at most the server's `API_MAX_PAGE_SIZE` (default 100)." }),
  offset: decimalIntegerQuery(0).optional().openapi({
    description: "Items to skip; at most the server's `API_MAX_OFFSET` (default 10000).",
  }),
});

export const pageFields = {
  total: z.number().int().describe("Items matching, across all pages."),
  limit: z.number().int(),
  offset: z.number().int(),
};

/**
 * Applies the server's caps to a page request.
 *
 * @throws {AppError} `VALIDATION_FAILED` naming `query.limit` or `query.offset`.
 */
export function resolvePage(
  query: { limit?: number | undefined; offset?: number | undefined },
  limits: PageLimits,
): { limit: number; offset: number } {
  const limit = query.limit ?? Math.min(50, limits.maxPageSize);
  const offset = query.offset ?? 0;
  const fields = [];
  if (limit > limits.maxPageSize) {
    fields.push({ path: "query.limit", message: `must be at most ${limits.maxPageSize}` });
  }
  if (offset > limits.maxOffset) {
    fields.push({ path: "query.offset", message: `must be at most ${limits.maxOffset}` });
  }
  if (fields.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      fields.map((field) => `${field.path}: ${field.message}`).join("; "),
      { fields },
    );
  }
  return { limit, offset };
}
