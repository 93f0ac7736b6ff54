import { z } from "@hono/zod-openapi";
import { decimalIntegerQuery } from "./pagination.js";

/** Largest page of `GET …/events` with `Accept: application/json`. */
export const maxEventPageSize = 1000;
/** Page size when `limit` is not given. */
export const defaultEventPageSize = 100;

/** What every event-stream route's description says of its bounds. */
export const streamLimitsNote =
  "A stream beyond the server's limits (`SSE_MAX_STREAMS` in all, `SSE_MAX_STREAMS_PER_TOKEN` per API token) is refused with 503 `STREAM_LIMIT_REACHED` and `Retry-After`; pages are always served.";

const viewQuery = z.enum(["compact", "full"]).optional().openapi({
  description:
    "`compact` (default): `message_update` carries the delta (`CompactWireEvent`); `full`: pi's own events with the partial message in every `message_update` (`WireEvent`).",
});

/**
 * Query of an event-stream route: where to resume, a ticket from `ticketOperation`, the
 * page of a JSON read, and (with `views`) which view to show.
 */
export function eventStreamQuery(ticketOperation: string, options: { views?: boolean } = {}) {
  return z.object({
    lastEventId: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional()
      .openapi({ description: "Resume after this event id, like the `Last-Event-ID` header." }),
    ticket: z
      .string()
      .max(4096)
      .optional()
      .openapi({
        description: `A stream ticket from \`${ticketOperation}\`, for clients that cannot send an \`Authorization\` header (native \`EventSource\`).`,
      }),
    after: decimalIntegerQuery(0).optional().openapi({
      description:
        "With `Accept: application/json`: return the events after this id (default 0, from the oldest kept).",
    }),
    limit: decimalIntegerQuery(1)
      .optional()
      .openapi({
        description: `With \`Accept: application/json\`: events per page, at most ${maxEventPageSize} (default ${defaultEventPageSize}).`,
      }),
    ...(options.views ? { view: viewQuery } : {}),
  });
}

/** The JSON page of an event route, its events documented by `eventSchemaRef`. */
export function eventPageSchema(name: string, eventSchemaRef: Record<string, unknown>) {
  return z
    .object({
      events: z.array(
        z.object({
          id: z.number().int(),
          event: z.custom<unknown>().openapi({ type: "object", ...eventSchemaRef }),
        }),
      ),
      next: z.number().int().openapi({
        description: "Pass as `after` for the next page: the id of the last event in this page.",
      }),
      lastEventId: z.number().int().openapi({
        description:
          "The newest event id when the page was read; open the stream from here to follow live.",
      }),
      hasMore: z.boolean().openapi({ description: "Whether events after `next` exist already." }),
      gap: z.boolean().openapi({
        description:
          "Events after `after` were no longer kept: the page starts at the oldest kept one. Reload the history.",
      }),
    })
    .openapi(name);
}
