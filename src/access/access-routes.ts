import { defineRoute, jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import {
  ApiTokenListSchema,
  AuditPageSchema,
  AuditQuerySchema,
  CallerSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  TokenIdParamSchema,
} from "./access-schemas.js";

const tags = ["Access"];

export const createTokenRoute = defineRoute({
  method: "post",
  "x-required-role": "admin",
  path: "/tokens",
  operationId: "tokens.create",
  tags,
  summary: "Create an API token with a role and an optional project scope",
  description:
    "The answer carries the secret, shown this once: only its SHA-256 hash is stored (`.pi-global/tokens.json`, mode 0600). The token is on disk before the answer is sent.",
  request: jsonBody(CreateApiTokenSchema, {
    name: "ci-submitter",
    role: "operator",
    projects: ["my-app"],
  }),
  responses: {
    201: json(CreatedApiTokenSchema, "The token and its secret."),
    ...problemResponses(400, 401),
  },
});

export const listTokensRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: "/tokens",
  operationId: "tokens.list",
  tags,
  summary: "List API tokens (never their secrets)",
  description: "Every token in creation order, with its role, scope, expiry and last use.",
  responses: {
    200: json(ApiTokenListSchema, "The tokens."),
    ...problemResponses(401),
  },
});

export const deleteTokenRoute = defineRoute({
  method: "delete",
  "x-required-role": "admin",
  path: "/tokens/{tokenId}",
  operationId: "tokens.delete",
  tags,
  summary: "Delete an API token; it stops working at once",
  description:
    "Requests with the token are refused from now on, and streams opened with its tickets cannot reconnect.",
  request: { params: TokenIdParamSchema },
  responses: {
    204: { description: "The token is gone." },
    ...problemResponses(400, 401, 404),
  },
});

export const auditRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: "/audit",
  operationId: "audit.list",
  tags,
  summary: "Read the audit log, newest first",
  description:
    "One record per state-changing request and per refused request (401, 403): time, token id and name (never a secret), role, method, route pattern, the ids the path named, status and client address. Filter by time range, token, project and action (`METHOD route`); page with `before`.",
  request: { query: AuditQuerySchema },
  responses: {
    200: json(AuditPageSchema, "A page of records."),
    ...problemResponses(400, 401),
  },
});

export const whoAmIRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  "x-project-data": "none",
  path: "/whoami",
  operationId: "access.whoami",
  tags,
  summary: "Who the caller is: token name, role and project scope",
  description:
    "What the server knows of the credential this request carries, so a client can offer only what its role allows.",
  responses: {
    200: json(CallerSchema, "The caller."),
    ...problemResponses(401),
  },
});
