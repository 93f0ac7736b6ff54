import { z } from "zod";
import { thinkingLevels } from "../contract/thinking-levels.js";

export const liteLlmApis = [
  "openai-completions",
  "openai-responses",
  "anthropic-messages",
] as const;
export type LiteLlmApi = (typeof liteLlmApis)[number];

export type LiteLlmThinkingLevel = (typeof thinkingLevels)[number];

const positiveInt = z.number().int().positive();

/** One entry of `LITELLM_MODELS_JSON`: every field but `id` falls back to a preset or a default. */
export const LiteLlmModelInputSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200).optional(),
  api: z.enum(liteLlmApis).optional(),
  reasoning: z.boolean().optional(),
  thinkingLevelMap: z
    .partialRecord(z.enum(thinkingLevels), z.string().min(1).nullable())
    .optional()
    .describe("pi level → value sent upstream; null marks a level unsupported."),
  defaultThinkingLevel: z.enum(thinkingLevels).optional(),
  compat: z.record(z.string(), z.unknown()).optional(),
  contextWindow: positiveInt.optional(),
  maxTokens: positiveInt.optional(),
  input: z
    .array(z.enum(["text", "image"]))
    .min(1)
    .optional(),
  cost: z
    .strictObject({
      input: z.number().nonnegative(),
      output: z.number().nonnegative(),
      cacheRead: z.number().nonnegative(),
      cacheWrite: z.number().nonnegative(),
    })
    .optional(),
});

export type LiteLlmModelInput = z.infer<typeof LiteLlmModelInputSchema>;

/** The `LITELLM_*` variables, validated; models are resolved against presets later. */
export interface LiteLlmConfig {
  baseUrl: string;
  /** `LITELLM_API_KEY`; a LiteLLM proxy without a master key accepts any. */
  apiKey: string | undefined;
  /** Default `openai-completions`. */
  api: LiteLlmApi;
  defaultModel: string | undefined;
  defaultThinkingLevel: LiteLlmThinkingLevel | undefined;
  /** `LITELLM_MODELS`, comma-separated ids. */
  modelIds: string[];
  /** `LITELLM_MODELS_JSON`, full per-model configuration. */
  models: LiteLlmModelInput[];
}

const dependentVariables = [
  "LITELLM_API_KEY",
  "LITELLM_API",
  "LITELLM_DEFAULT_MODEL",
  "LITELLM_DEFAULT_THINKING",
  "LITELLM_MODELS",
  "LITELLM_MODELS_JSON",
];

const blank = (value: string | undefined) => value === undefined || value.trim() === "";

/**
 * Reads the `LITELLM_*` variables. Returns `undefined` when `LITELLM_BASE_URL` is unset,
 * or the issues found, each naming its variable.
 */
export function parseLiteLlmEnv(env: Record<string, string | undefined>): {
  config: LiteLlmConfig | undefined;
  issues: string[];
} {
  const issues: string[] = [];
  const value = (name: string) => (blank(env[name]) ? undefined : env[name]?.trim());
  const baseUrl = value("LITELLM_BASE_URL");
  if (baseUrl === undefined) {
    for (const name of dependentVariables) {
      if (!blank(env[name])) issues.push(`${name}: has no effect without LITELLM_BASE_URL`);
    }
    return { config: undefined, issues };
  }
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    issues.push("LITELLM_BASE_URL: expected an http(s) URL such as http://localhost:4000");
  }
  const api = value("LITELLM_API") ?? "openai-completions";
  if (!(liteLlmApis as readonly string[]).includes(api)) {
    issues.push(`LITELLM_API: expected one of ${liteLlmApis.join(", ")}`);
  }
  const thinking = value("LITELLM_DEFAULT_THINKING");
  if (thinking !== undefined && !(thinkingLevels as readonly string[]).includes(thinking)) {
    issues.push(`LITELLM_DEFAULT_THINKING: expected one of ${thinkingLevels.join(", ")}`);
  }
  const models = parseModelsJson(value("LITELLM_MODELS_JSON"), issues);
  const modelIds = (value("LITELLM_MODELS") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (issues.length > 0) return { config: undefined, issues };
  return {
    config: {
      baseUrl: baseUrl.replace(/\/+$/, ""),
      apiKey: value("LITELLM_API_KEY"),
      api: api as LiteLlmApi,
      defaultModel: value("LITELLM_DEFAULT_MODEL"),
      defaultThinkingLevel: thinking as LiteLlmThinkingLevel | undefined,
      modelIds: [...new Set(modelIds)],
      models,
    },
    issues,
  };
}

function parseModelsJson(raw: string | undefined, issues: string[]): LiteLlmModelInput[] {
  if (raw === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    issues.push("LITELLM_MODELS_JSON: is not valid JSON");
    return [];
  }
  const parsed = z
    .array(LiteLlmModelInputSchema)
    .refine((list) => new Set(list.map((model) => model.id)).size === list.length, {
      error: "model ids must be unique",
    })
    .safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((part) =>
        typeof part === "number" ? `[${part}]` : `.${String(part)}`,
      );
      issues.push(
        `LITELLM_MODELS_JSON: ${path.join("").replace(/^\./, "") || "value"}: ${issue.message}`,
      );
    }
    return [];
  }
  return parsed.data;
}
