import { z } from "@hono/zod-openapi";
import { isProjectId, maxProjectIdLength } from "../workspace/project-id.js";

/** A project id path parameter named `name`, e.g. `projectId` in `/projects/{projectId}/…`. */
export const projectIdParam = (name: string) =>
  z
    .string()
    .max(maxProjectIdLength)
    .refine(isProjectId, { error: "must be a project id (lower-case letters, digits and hyphens)" })
    .openapi({ param: { name, in: "path" }, example: "my-app" });

/** `/projects/{projectId}/…`: every project-scoped route. */
export const SessionParamsSchema = z.object({ projectId: projectIdParam("projectId") });

/** `/projects/{projectId}/sessions/{sessionId}/…`: every session-scoped route. */
export const SessionIdParamsSchema = SessionParamsSchema.extend({
  sessionId: z
    .string()
    .min(1)
    .max(128)
    .openapi({
      param: { name: "sessionId", in: "path" },
      example: "01a1fbbd-b071-711d-bd34-a2488838d83d",
    }),
});
