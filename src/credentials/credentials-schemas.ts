import { z } from "@hono/zod-openapi";
import { ThinkingLevelSchema } from "../contract/thinking-levels.js";
import {
  CustomProviderInputSchema,
  LiteralSecretSchema,
  ProviderNameSchema,
} from "./custom-provider-schema.js";
import { flowStatuses } from "./subscription-flow.js";

export const ProviderParamsSchema = z.object({
  provider: ProviderNameSchema.openapi({
    param: { name: "provider", in: "path" },
    example: "anthropic",
  }),
});

export const FlowParamsSchema = z.object({
  flowId: z.uuid().openapi({
    param: { name: "flowId", in: "path" },
    example: "5f0c8a1e-6d0b-4c53-9f1e-2b8f6f0c9a41",
  }),
});

export const ModelQuerySchema = z.object({
  provider: ProviderNameSchema.optional().openapi({ description: "Only this provider's models." }),
  available: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true"))
    .openapi({ description: "Only models whose credentials are (or are not) available." }),
});

export const ModelInfoSchema = z
  .object({
    provider: z.string().openapi({ example: "anthropic" }),
    id: z.string().openapi({ example: "claude-sonnet-4-5" }),
    name: z.string().openapi({ example: "Claude Sonnet 4.5" }),
    api: z.string().openapi({ example: "anthropic-messages" }),
    reasoning: z.boolean().describe("Whether the model can think before answering."),
    input: z.array(z.enum(["text", "image"])),
    contextWindow: z.number().int(),
    maxTokens: z.number().int().describe("Largest output, in tokens."),
    thinkingLevels: z.array(ThinkingLevelSchema).describe("Levels the model accepts."),
    defaultThinkingLevel: ThinkingLevelSchema.describe(
      "What a new session on this model starts with unless told otherwise.",
    ),
    authAvailable: z.boolean().describe("Whether a credential for the provider is configured."),
    usesSubscription: z.boolean().describe("Whether that credential is a subscription login."),
  })
  .openapi("ModelInfo");

export const ModelListSchema = z
  .object({
    items: z.array(ModelInfoSchema),
    defaultModel: z
      .object({ provider: z.string(), modelId: z.string() })
      .nullable()
      .describe(
        "The org default model (`LITELLM_DEFAULT_MODEL`) a new session gets when neither it nor pi's settings name one; null when unset or without credentials.",
      ),
  })
  .openapi("ModelList");

export const CredentialSourceSchema = z
  .object({
    source: z.enum(["stored", "environment", "models_json", "server_config"]),
    type: z.enum(["api_key", "oauth"]),
    variable: z.string().nullable().describe("The environment variable the key comes from."),
    expiresAt: z
      .string()
      .nullable()
      .describe("When a subscription token expires (pi refreshes it)."),
  })
  .openapi("CredentialSource");

export const ProviderStatusSchema = z
  .object({
    provider: z.string().openapi({ example: "anthropic" }),
    name: z.string().openapi({ example: "Anthropic" }),
    models: z.number().int(),
    availableModels: z.number().int(),
    authAvailable: z.boolean(),
    credentials: z
      .array(CredentialSourceSchema)
      .describe("Every credential found, in pi's precedence: the first one is used."),
    subscription: z
      .object({
        name: z.string(),
        usesCallbackServer: z
          .boolean()
          .describe(
            "Whether the final browser redirect goes to localhost and may need pasting back.",
          ),
        activeFlowId: z.string().nullable(),
      })
      .nullable()
      .describe("The provider's subscription (OAuth) login, if it has one."),
  })
  .openapi("ProviderStatus");

export const ProviderStatusListSchema = z
  .object({ items: z.array(ProviderStatusSchema) })
  .openapi("ProviderStatusList");

export const SetApiKeySchema = z
  .strictObject({ apiKey: LiteralSecretSchema.openapi({ example: "sk-ant-…" }) })
  .openapi("SetApiKey");

const PromptSchema = z
  .discriminatedUnion("kind", [
    z.object({
      id: z.string(),
      kind: z.literal("text"),
      message: z.string(),
      placeholder: z.string().nullable(),
      allowEmpty: z.boolean(),
    }),
    z.object({ id: z.string(), kind: z.literal("manual_code"), message: z.string() }),
    z.object({
      id: z.string(),
      kind: z.literal("select"),
      message: z.string(),
      options: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ])
  .openapi("SubscriptionPrompt", {
    description:
      "What the login waits for: free text, the pasted final redirect URL or code (`manual_code`), or one option id (`select`).",
  });

export const SubscriptionFlowSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    status: z.enum(flowStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
    expiresAt: z.string(),
    auth: z
      .object({ url: z.string(), instructions: z.string().nullable() })
      .nullable()
      .describe("Open this URL in a browser and follow the instructions."),
    prompt: PromptSchema.nullable().describe("Answer it with `continue`."),
    progress: z.array(z.string()),
    error: z.string().nullable(),
  })
  .openapi("SubscriptionFlow");

export const ContinueFlowSchema = z
  .strictObject({
    value: z
      .string()
      .max(8192)
      .describe("The answer: text, the pasted redirect URL or code, or a select option id."),
  })
  .openapi("ContinueSubscription");

export const CustomModelSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    api: z.string().nullable(),
    baseUrl: z.string().nullable(),
    reasoning: z.boolean().nullable(),
    thinkingLevelMap: z.record(z.string(), z.string().nullable()).nullable(),
    input: z.array(z.string()).nullable(),
    cost: z
      .object({
        input: z.number(),
        output: z.number(),
        cacheRead: z.number(),
        cacheWrite: z.number(),
      })
      .nullable(),
    contextWindow: z.number().nullable(),
    maxTokens: z.number().nullable(),
    compat: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("CustomModel");

export const CustomProviderSchema = z
  .object({
    provider: z.string(),
    name: z.string().nullable(),
    baseUrl: z.string().nullable(),
    api: z.string().nullable(),
    hasApiKey: z.boolean().describe("Whether the record holds an API key (never returned)."),
    headerNames: z.array(z.string()).describe("Names of extra request headers (values hidden)."),
    authHeader: z.boolean(),
    compat: z.record(z.string(), z.unknown()).nullable(),
    models: z.array(CustomModelSchema),
  })
  .openapi("CustomProvider");

export const CustomProviderListSchema = z
  .object({ items: z.array(CustomProviderSchema) })
  .openapi("CustomProviderList");

export const CustomProviderInputBodySchema =
  CustomProviderInputSchema.openapi("CustomProviderInput");
