import { z } from "@hono/zod-openapi";

export const StreamTicketSchema = z
  .object({
    ticket: z.string(),
    expiresAt: z.string().openapi({ format: "date-time" }),
    url: z.string().openapi({
      description: "Path of the event stream with the ticket applied, under this server's prefix.",
    }),
  })
  .openapi("StreamTicket");

/** Query of an event-stream route: where to resume, and a ticket from `ticketOperation`. */
export function eventStreamQuery(ticketOperation: string) {
  return z.object({
    lastEventId: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional()
      .openapi({ description: "Resume after this event id, like the `Last-Event-ID` header." }),
    ticket: z
      .string()
      .max(128)
      .optional()
      .openapi({
        description: `A stream ticket from \`${ticketOperation}\`, for clients that cannot send an \`Authorization\` header (native \`EventSource\`).`,
      }),
  });
}
