import { createRoute } from "@hono/zod-openapi";
import { jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import {
  ContinueFlowSchema,
  CustomProviderInputBodySchema,
  CustomProviderListSchema,
  CustomProviderSchema,
  FlowParamsSchema,
  ModelListSchema,
  ModelQuerySchema,
  ProviderParamsSchema,
  ProviderStatusListSchema,
  ProviderStatusSchema,
  SetApiKeySchema,
  SubscriptionFlowSchema,
} from "./credentials-schemas.js";

const credentials = ["Credentials"];
const custom = ["Custom providers"];

export const listModelsRoute = createRoute({
  method: "get",
  path: "/sessions/models",
  operationId: "models.list",
  tags: ["Models"],
  summary: "Models sessions can select, with whether credentials for them are available",
  request: { query: ModelQuerySchema },
  responses: { 200: json(ModelListSchema, "The models."), ...problemResponses(400, 401) },
});

export const listProvidersRoute = createRoute({
  method: "get",
  path: "/auth/providers",
  operationId: "auth.listProviders",
  tags: credentials,
  summary: "Every provider with where its credentials come from (never the credentials)",
  description:
    "Merges model availability, API keys and subscription logins in `auth.json`, provider keys from the environment, keys of `models.json` records and the server-registered providers.",
  responses: {
    200: json(ProviderStatusListSchema, "The providers."),
    ...problemResponses(401),
  },
});

export const setApiKeyRoute = createRoute({
  method: "put",
  path: "/auth/providers/{provider}/api-key",
  operationId: "auth.setApiKey",
  tags: credentials,
  summary: "Store an API key for a provider",
  description:
    "Written to `auth.json` (mode 0600) and used by every project's sessions at once; it takes precedence over a key from the environment. Give the literal key: a value pi would resolve instead of sending as is (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.",
  request: { params: ProviderParamsSchema, ...jsonBody(SetApiKeySchema) },
  responses: {
    200: json(ProviderStatusSchema, "The provider's status after the change."),
    ...problemResponses(400, 401, 404, 413, 415),
  },
});

export const removeCredentialRoute = createRoute({
  method: "delete",
  path: "/auth/providers/{provider}",
  operationId: "auth.removeCredential",
  tags: credentials,
  summary: "Remove a provider's stored API key or subscription login",
  description:
    "Only `auth.json` entries can be removed; a key from the environment or from `models.json` is a 409 naming where it comes from.",
  request: { params: ProviderParamsSchema },
  responses: {
    204: { description: "Removed; an environment key, if any, applies again." },
    ...problemResponses(400, 401, 404, 409),
  },
});

export const startSubscriptionRoute = createRoute({
  method: "post",
  path: "/auth/providers/{provider}/subscription/start",
  operationId: "auth.startSubscription",
  tags: credentials,
  summary: "Start a subscription (OAuth) login",
  description:
    "Runs pi's login for the provider. The answer usually already carries the auth URL and, for providers that redirect to localhost, a `manual_code` prompt for the final redirect URL. One active login per provider; it expires if not completed.",
  request: { params: ProviderParamsSchema },
  responses: {
    201: json(SubscriptionFlowSchema, "The login flow."),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const getSubscriptionRoute = createRoute({
  method: "get",
  path: "/auth/subscription/{flowId}",
  operationId: "auth.getSubscription",
  tags: credentials,
  summary: "A subscription login's state: auth URL, pending prompt, progress, outcome",
  request: { params: FlowParamsSchema },
  responses: {
    200: json(SubscriptionFlowSchema, "The login flow."),
    ...problemResponses(400, 401, 404),
  },
});

export const continueSubscriptionRoute = createRoute({
  method: "post",
  path: "/auth/subscription/{flowId}/continue",
  operationId: "auth.continueSubscription",
  tags: credentials,
  summary: "Answer the login's pending prompt",
  description:
    "Returns once the login has reacted (or after a short wait): poll the flow until it is `succeeded` or `failed`.",
  request: { params: FlowParamsSchema, ...jsonBody(ContinueFlowSchema) },
  responses: {
    200: json(SubscriptionFlowSchema, "The login flow."),
    ...problemResponses(400, 401, 404, 409, 413, 415),
  },
});

export const cancelSubscriptionRoute = createRoute({
  method: "delete",
  path: "/auth/subscription/{flowId}",
  operationId: "auth.cancelSubscription",
  tags: credentials,
  summary: "Cancel a subscription login in progress",
  request: { params: FlowParamsSchema },
  responses: {
    200: json(SubscriptionFlowSchema, "The cancelled flow."),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const listCustomProvidersRoute = createRoute({
  method: "get",
  path: "/custom/providers",
  operationId: "custom.listProviders",
  tags: custom,
  summary: "The provider records of `models.json`, without secrets",
  responses: {
    200: json(CustomProviderListSchema, "The custom providers."),
    ...problemResponses(401, 409),
  },
});

export const upsertCustomProviderRoute = createRoute({
  method: "put",
  path: "/custom/providers",
  operationId: "custom.upsertProvider",
  tags: custom,
  summary: "Create or replace a custom provider",
  description:
    "Written atomically to `models.json` (mode 0600) and loaded at once. A record pi cannot load is refused (400) and the file is left as it was. `apiKey` and header values are sent literally: a value pi would resolve instead (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.",
  request: jsonBody(CustomProviderInputBodySchema),
  responses: {
    200: json(CustomProviderSchema, "The provider was replaced."),
    201: json(CustomProviderSchema, "The provider was created."),
    ...problemResponses(400, 401, 409, 413, 415),
  },
});

export const deleteCustomProviderRoute = createRoute({
  method: "delete",
  path: "/custom/providers/{provider}",
  operationId: "custom.deleteProvider",
  tags: custom,
  summary: "Remove a custom provider and its models",
  request: { params: ProviderParamsSchema },
  responses: {
    204: { description: "Removed." },
    ...problemResponses(400, 401, 404, 409),
  },
});
