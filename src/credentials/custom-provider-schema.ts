import { z } from "zod";
import { thinkingLevels } from "../contract/thinking-levels.js";

/** Provider names the API accepts: a lower-case slug, also safe in paths and logs. */
export const providerNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const ProviderNameSchema = z.string().regex(providerNamePattern, {
  error:
    "must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
});

/** The APIs a custom provider may speak (those that work with a base URL and a key). */
export const customProviderApis = [
  "openai-completions",
  "openai-responses",
  "anthropic-messages",
  "google-generative-ai",
  "mistral-conversations",
] as const;

/**
 * A secret as given over the API. pi treats `!cmd` as a shell command and a bare
 * upper-case name as an environment variable to read; neither may come in through HTTP,
 * or a caller could run commands or send the server's own environment to a provider.
 */
export const LiteralSecretSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !/[\r\n]/.test(value), { error: "must be a single line" })
  .refine((value) => !value.startsWith("!"), {
    error: "must be the literal value; command references (!…) are not accepted over the API",
  })
  .refine((value) => !/^[A-Z_][A-Z0-9_]*$/.test(value), {
    error:
      "looks like an environment variable name, which pi would resolve from the server's environment; give the literal value",
  });

const HttpUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: "must be an http(s) URL",
  })
  .refine((value) => !URL.canParse(value) || new URL(value).username === "", {
    error: "must not embed credentials; use apiKey or headers",
  });

const HeadersSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9-]{1,128}$/, { error: "must be a header name" }),
    LiteralSecretSchema,
  )
  .refine((headers) => Object.keys(headers).length <= 32, { error: "at most 32 headers" });

const CompatSchema = z
  .record(z.string().max(64), z.unknown())
  .describe("pi's compatibility overrides for the API (see pi's models.md).");

const CostSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});

export const CustomModelInputSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200).optional(),
  api: z.enum(customProviderApis).optional().describe("Default: the provider's api."),
  baseUrl: HttpUrlSchema.optional().describe("Default: the provider's baseUrl."),
  reasoning: z.boolean().optional().describe("Default false."),
  thinkingLevelMap: z
    .partialRecord(z.enum(thinkingLevels), z.string().min(1).nullable())
    .optional(),
  input: z
    .array(z.enum(["text", "image"]))
    .min(1)
    .optional()
    .describe('Default ["text"].'),
  cost: CostSchema.optional().describe("USD per million tokens. Default 0."),
  contextWindow: z.number().int().positive().optional().describe("Default 128000."),
  maxTokens: z.number().int().positive().optional().describe("Default 16384."),
  compat: CompatSchema.optional(),
});

/** A custom provider as written through the API. Omitted `apiKey`/`headers` keep the stored ones. */
export const CustomProviderInputSchema = z.strictObject({
  provider: ProviderNameSchema,
  name: z.string().min(1).max(200).optional().describe("Display name. Default: the provider id."),
  baseUrl: HttpUrlSchema,
  api: z.enum(customProviderApis),
  apiKey: LiteralSecretSchema.optional().describe(
    "Required when creating; omit on update to keep the stored key. Never returned.",
  ),
  headers: HeadersSchema.optional().describe(
    "Extra request headers; omit on update to keep the stored ones. Values are never returned.",
  ),
  authHeader: z
    .boolean()
    .optional()
    .describe("Send `Authorization: Bearer <apiKey>`. Default false."),
  compat: CompatSchema.optional(),
  models: z
    .array(CustomModelInputSchema)
    .min(1)
    .max(500)
    .refine((models) => new Set(models.map((model) => model.id)).size === models.length, {
      error: "model ids must be unique",
    }),
});

export type CustomProviderInput = z.infer<typeof CustomProviderInputSchema>;
export type CustomModelInput = z.infer<typeof CustomModelInputSchema>;

/** A custom model as listed: a record of `models.json` without header values. */
export interface CustomModelView {
  id: string;
  name: string | null;
  api: string | null;
  baseUrl: string | null;
  reasoning: boolean | null;
  thinkingLevelMap: Record<string, string | null> | null;
  input: string[] | null;
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number } | null;
  contextWindow: number | null;
  maxTokens: number | null;
  compat: Record<string, unknown> | null;
}

/** A `models.json` provider as listed: whether a key exists, never the key. */
export interface CustomProviderView {
  provider: string;
  name: string | null;
  baseUrl: string | null;
  api: string | null;
  hasApiKey: boolean;
  headerNames: string[];
  authHeader: boolean;
  compat: Record<string, unknown> | null;
  models: CustomModelView[];
}
