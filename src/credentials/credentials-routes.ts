import { defineRoute, jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
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

export const listModelsRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  "x-project-data": "none",
  path: "/sessions/models",
  operationId: "models.list",
  tags: ["Models"],
  summary: "Models sessions can select, with whether credentials for them are available",
  description:
    "Every model pi knows: built-in providers, custom providers from `models.json` and the server-registered ones such as `litellm`. `authAvailable` says whether a credential for its provider is configured (a stored key, a subscription login or an environment key); a session can only run on such a model. Filter with `provider` and `available`.",
  request: { query: ModelQuerySchema },
  responses: { 200: json(ModelListSchema, "The models."), ...problemResponses(400, 401) },
});

export const listProvidersRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
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

export const setApiKeyRoute = defineRoute({
  method: "put",
  "x-required-role": "admin",
  path: "/auth/providers/{provider}/api-key",
  operationId: "auth.setApiKey",
  tags: credentials,
  summary: "Store an API key for a provider",
  description:
    "Written to `auth.json` (mode 0600) and used by every project's sessions at once; it takes precedence over a key from the environment. Give the literal key: a value pi would resolve instead of sending as is (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.",
  request: {
    params: ProviderParamsSchema,
    ...jsonBody(SetApiKeySchema, { apiKey: "sk-ant-api03-…" }),
  },
  responses: {
    200: json(ProviderStatusSchema, "The provider's status after the change."),
    ...problemResponses(400, 401, 404),
  },
});

export const removeCredentialRoute = defineRoute({
  method: "delete",
  "x-required-role": "admin",
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

export const startSubscriptionRoute = defineRoute({
  method: "post",
  "x-required-role": "admin",
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

export const getSubscriptionRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: "/auth/subscription/{flowId}",
  operationId: "auth.getSubscription",
  tags: credentials,
  summary: "A subscription login's state: auth URL, pending prompt, progress, outcome",
  description:
    "Poll this while a login runs: it shows the URL to open, the prompt waiting for `auth.continueSubscription`, progress messages, and finally `succeeded`, `failed` (with the reason), `cancelled` or `expired` (logins expire after 10 minutes).",
  request: { params: FlowParamsSchema },
  responses: {
    200: json(SubscriptionFlowSchema, "The login flow."),
    ...problemResponses(400, 401, 404),
  },
});

export const continueSubscriptionRoute = defineRoute({
  method: "post",
  "x-required-role": "admin",
  path: "/auth/subscription/{flowId}/continue",
  operationId: "auth.continueSubscription",
  tags: credentials,
  summary: "Answer the login's pending prompt",
  description:
    "Returns once the login has reacted (or after a short wait): poll the flow until it is `succeeded` or `failed`.",
  request: {
    params: FlowParamsSchema,
    ...jsonBody(ContinueFlowSchema, {
      value: "http://localhost:1455/auth/callback?code=ac_3f9c…&state=8d1e…",
    }),
  },
  responses: {
    200: json(SubscriptionFlowSchema, "The login flow."),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const cancelSubscriptionRoute = defineRoute({
  method: "delete",
  "x-required-role": "admin",
  path: "/auth/subscription/{flowId}",
  operationId: "auth.cancelSubscription",
  tags: credentials,
  summary: "Cancel a subscription login in progress",
  description:
    "Stops the login; nothing is stored even if the provider completes it later. A login that already ended is 409 `SUBSCRIPTION_FLOW_FINISHED`.",
  request: { params: FlowParamsSchema },
  responses: {
    200: json(SubscriptionFlowSchema, "The cancelled flow."),
    ...problemResponses(400, 401, 404, 409),
  },
});

export const listCustomProvidersRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: "/custom/providers",
  operationId: "custom.listProviders",
  tags: custom,
  summary: "The provider records of `models.json`, without secrets",
  description:
    "Each provider with its base URL, API, models and whether an API key and headers are stored; keys and header values are never returned. A `models.json` that pi cannot load is 409 `MODELS_FILE_INVALID`.",
  responses: {
    200: json(CustomProviderListSchema, "The custom providers."),
    ...problemResponses(401, 409),
  },
});

export const upsertCustomProviderRoute = defineRoute({
  method: "put",
  "x-required-role": "admin",
  path: "/custom/providers",
  operationId: "custom.upsertProvider",
  tags: custom,
  summary: "Create or replace a custom provider",
  description:
    "Written atomically to `models.json` (mode 0600) and loaded at once. A record pi cannot load is refused (400) and the file is left as it was. `apiKey` and header values are sent literally: a value pi would resolve instead (one starting with `!`, which pi runs as a command, an upper-case `NAME_LIKE_THIS`, or the name of any variable of the server's environment in any case) is refused with 400.",
  request: jsonBody(CustomProviderInputBodySchema, {
    provider: "acme-llm",
    name: "Acme LLM gateway",
    baseUrl: "https://llm.acme.example/v1",
    api: "openai-completions",
    apiKey: "sk-acme-…",
    models: [{ id: "acme-coder-32b", name: "Acme Coder 32B", contextWindow: 128000 }],
  }),
  responses: {
    200: json(CustomProviderSchema, "The provider was replaced."),
    201: json(CustomProviderSchema, "The provider was created."),
    ...problemResponses(400, 401, 409),
  },
});

export const deleteCustomProviderRoute = defineRoute({
  method: "delete",
  "x-required-role": "admin",
  path: "/custom/providers/{provider}",
  operationId: "custom.deleteProvider",
  tags: custom,
  summary: "Remove a custom provider and its models",
  description:
    "Removes the record from `models.json` and reloads the models at once; sessions using one of its models fail on their next model call. Unknown providers are 404 `CUSTOM_PROVIDER_NOT_FOUND`.",
  request: { params: ProviderParamsSchema },
  responses: {
    204: { description: "Removed." },
    ...problemResponses(400, 401, 404, 409),
  },
});
