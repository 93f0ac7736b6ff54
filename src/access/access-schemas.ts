import { z } from "@hono/zod-openapi";
import { roles } from "../contract/roles.js";
import { isProjectId, maxProjectIdLength } from "../workspace/project-id.js";

const RoleSchema = z.enum(roles).openapi({
  description:
    "`viewer`: read-only (lists, history, streams, usage). `operator`: also projects, sessions, prompts, approvals and tasks. `admin`: everything, including credentials, tokens and the audit log.",
});

export const ApiTokenSchema = z
  .object({
    id: z.string().openapi({ example: "0f8e2c1a-9d4b-4e57-8a51-3c2d1b0a9f8e" }),
    name: z.string().openapi({ example: "ci-submitter" }),
    role: RoleSchema,
    projects: z
      .array(z.string())
      .optional()
      .openapi({ description: "Projects the token is limited to; absent for every project." }),
    createdAt: z.iso.datetime(),
    createdBy: z.string().openapi({ description: "Name of the token that created this one." }),
    expiresAt: z.iso.datetime().optional(),
    lastUsedAt: z.iso
      .datetime()
      .optional()
      .openapi({ description: "Last successful use, to the minute." }),
  })
  .openapi("ApiToken");

export const CreateApiTokenSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: RoleSchema,
    projects: z
      .array(
        z.string().max(maxProjectIdLength).refine(isProjectId, { error: "must be a project id" }),
      )
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: "Limit the token to these project ids; omit for every project." }),
    expiresAt: z.iso
      .datetime()
      .optional()
      .openapi({ description: "When the token stops working; must be in the future." }),
  })
  .openapi("CreateApiToken");

export const CreatedApiTokenSchema = z
  .object({
    token: ApiTokenSchema,
    secret: z.string().openapi({
      example: "pas_Vq3oQ9…",
      description: "The bearer secret. Shown this once; only its hash is stored.",
    }),
  })
  .openapi("CreatedApiToken");

export const ApiTokenListSchema = z
  .object({ items: z.array(ApiTokenSchema) })
  .openapi("ApiTokenList");

export const TokenIdParamSchema = z.object({
  tokenId: z
    .string()
    .uuid()
    .openapi({ param: { name: "tokenId", in: "path" } }),
});

export const AuditRecordSchema = z
  .object({
    id: z.int(),
    time: z.iso.datetime(),
    tokenId: z.string().optional(),
    tokenName: z.string().openapi({
      description:
        "The token's name, `AGENT_SERVER_TOKEN`, `anonymous` (auth off), `webhook` or `unauthenticated` (refused).",
    }),
    role: RoleSchema.optional(),
    method: z.string(),
    route: z.string().openapi({ example: "/v1/projects/{projectId}/tasks/{taskId}/approve" }),
    target: z.record(z.string(), z.string()).openapi({
      description: "The ids the path named.",
      example: { projectId: "my-app", taskId: "t-1" },
    }),
    status: z.int(),
    client: z.string().optional().openapi({ description: "The client's address." }),
  })
  .openapi("AuditRecord");

export const AuditQuerySchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  tokenId: z.string().max(100).optional(),
  projectId: z.string().max(100).optional(),
  action: z
    .string()
    .max(300)
    .optional()
    .openapi({ description: "`METHOD route`, e.g. `POST /v1/projects/{projectId}`." }),
  before: z.coerce.number().int().min(1).optional().openapi({
    description: "Records older than this id: the `next` of the previous page.",
  }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const AuditPageSchema = z
  .object({
    items: z.array(AuditRecordSchema),
    next: z
      .int()
      .optional()
      .openapi({ description: "Pass as `before` for the next (older) page." }),
  })
  .openapi("AuditPage");

export const CallerSchema = z
  .object({
    kind: z.enum(["bootstrap", "token", "open"]).openapi({
      description:
        "`bootstrap`: `AGENT_SERVER_TOKEN`; `token`: an API token; `open`: auth is off (every caller is admin).",
    }),
    tokenId: z.string().optional(),
    name: z.string(),
    role: RoleSchema,
    projects: z.array(z.string()).optional(),
  })
  .openapi("Caller");
