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
