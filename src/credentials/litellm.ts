import type {
  LiteLlmApi,
  LiteLlmConfig,
  LiteLlmModelInput,
  LiteLlmThinkingLevel,
} from "../config/index.js";

/** The provider name the `LITELLM_*` variables register. */
export const liteLlmProvider = "litellm";

/** A model as handed to pi's registry: every field resolved. */
export interface ProviderModelDefinition {
  id: string;
  name: string;
  api: LiteLlmApi;
  reasoning: boolean;
  thinkingLevelMap?: Partial<Record<LiteLlmThinkingLevel, string | null>>;
  input: Array<"text" | "image">;
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number };
  contextWindow: number;
  maxTokens: number;
  compat?: Record<string, unknown>;
}

/** The `litellm` provider resolved from its configuration and presets. */
export interface LiteLlmProviderDefinition {
  baseUrl: string;
  apiKey: string;
  models: ProviderModelDefinition[];
  /** Model new sessions use when they name none (`LITELLM_DEFAULT_MODEL`). */
  defaultModel: string | undefined;
  /** Requested default thinking level per model id; pi clamps it to what the model supports. */
  defaultThinkingLevels: ReadonlyMap<string, LiteLlmThinkingLevel>;
}

type Preset = Omit<LiteLlmModelInput, "id" | "api"> & Pick<ProviderModelDefinition, "name">;

const deepseekThinking = { minimal: null, low: null, medium: null, high: "high", xhigh: "max" };
const deepseekCompat = {
  thinkingFormat: "deepseek",
  requiresReasoningContentOnAssistantMessages: true,
  supportsDeveloperRole: false,
  supportsStore: false,
  maxTokensField: "max_tokens",
};

/**
 * Known models behind a LiteLLM proxy. Token limits, thinking maps and list prices follow
 * the upstream providers; `compat` describes the OpenAI chat-completions dialect and is
 * dropped when `LITELLM_API` selects another API.
 */
export const liteLlmPresets: Readonly<Record<string, Preset>> = {
  "openai/gpt-5.5": {
    name: "GPT-5.5 (LiteLLM)",
    reasoning: true,
    thinkingLevelMap: { off: null, xhigh: "xhigh" },
    defaultThinkingLevel: "medium",
    input: ["text", "image"],
    contextWindow: 272_000,
    maxTokens: 128_000,
    cost: { input: 5, output: 30, cacheRead: 0.5, cacheWrite: 0 },
    compat: { supportsReasoningEffort: true, maxTokensField: "max_completion_tokens" },
  },
  "deepseek/deepseek-v4-pro": {
    name: "DeepSeek V4 Pro (LiteLLM)",
    reasoning: true,
    thinkingLevelMap: deepseekThinking,
    defaultThinkingLevel: "high",
    input: ["text"],
    contextWindow: 1_000_000,
    maxTokens: 384_000,
    cost: { input: 0.435, output: 0.87, cacheRead: 0.003625, cacheWrite: 0 },
    compat: deepseekCompat,
  },
  "deepseek/deepseek-v4-flash": {
    name: "DeepSeek V4 Flash (LiteLLM)",
    reasoning: true,
    thinkingLevelMap: deepseekThinking,
    defaultThinkingLevel: "high",
    input: ["text"],
    contextWindow: 1_000_000,
    maxTokens: 384_000,
    cost: { input: 0.14, output: 0.28, cacheRead: 0.0028, cacheWrite: 0 },
    compat: deepseekCompat,
  },
};

/** What an id that is neither a preset nor described in `LITELLM_MODELS_JSON` gets (pi's own defaults). */
const zeroCost = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

const genericModel = (id: string): Preset => ({
  name: id,
  reasoning: false,
  input: ["text"],
  contextWindow: 128_000,
  maxTokens: 16_384,
  cost: zeroCost,
});

/** Sent when `LITELLM_API_KEY` is unset: pi needs some key, and a keyless proxy ignores it. */
const keylessPlaceholder = "litellm-no-key";

/**
 * Resolves the models of the `litellm` provider: the ids of `LITELLM_MODELS`, the entries of
 * `LITELLM_MODELS_JSON` and `LITELLM_DEFAULT_MODEL`, each starting from its preset (or pi's
 * defaults) with the JSON entry on top. With none of them set, the presets are registered.
 * A model's default thinking level is its JSON entry's, else `LITELLM_DEFAULT_THINKING`,
 * else the preset's.
 */
export function resolveLiteLlmProvider(config: LiteLlmConfig): LiteLlmProviderDefinition {
  const described = new Map(config.models.map((model) => [model.id, model]));
  let ids = [...new Set([...config.modelIds, ...described.keys()])];
  if (config.defaultModel !== undefined && !ids.includes(config.defaultModel)) {
    ids.push(config.defaultModel);
  }
  if (ids.length === 0) ids = Object.keys(liteLlmPresets);

  const defaultThinkingLevels = new Map<string, LiteLlmThinkingLevel>();
  const models = ids.map((id): ProviderModelDefinition => {
    const preset = liteLlmPresets[id] ?? genericModel(id);
    const entry = described.get(id);
    const api = entry?.api ?? config.api;
    const thinking =
      entry?.defaultThinkingLevel ?? config.defaultThinkingLevel ?? preset.defaultThinkingLevel;
    if (thinking !== undefined) defaultThinkingLevels.set(id, thinking);
    const compat = entry?.compat ?? (api === "openai-completions" ? preset.compat : undefined);
    const thinkingLevelMap = entry?.thinkingLevelMap ?? preset.thinkingLevelMap;
    return {
      id,
      name: entry?.name ?? preset.name,
      api,
      reasoning: entry?.reasoning ?? preset.reasoning ?? false,
      ...(thinkingLevelMap ? { thinkingLevelMap } : {}),
      input: entry?.input ?? preset.input ?? ["text"],
      cost: entry?.cost ?? preset.cost ?? zeroCost,
      contextWindow: entry?.contextWindow ?? preset.contextWindow ?? 128_000,
      maxTokens: entry?.maxTokens ?? preset.maxTokens ?? 16_384,
      ...(compat ? { compat } : {}),
    };
  });
  return {
    baseUrl: config.baseUrl,
    apiKey: config.apiKey ?? keylessPlaceholder,
    models,
    defaultModel: config.defaultModel,
    defaultThinkingLevels,
  };
}
