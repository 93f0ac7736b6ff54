import { describe, expect, it } from "vitest";
import type { LiteLlmConfig } from "../config/index.js";
import { liteLlmPresets, resolveLiteLlmProvider } from "./litellm.js";

const base: LiteLlmConfig = {
  baseUrl: "http://localhost:4000",
  apiKey: "sk-litellm",
  api: "openai-completions",
  defaultModel: undefined,
  defaultThinkingLevel: undefined,
  modelIds: [],
  models: [],
};

describe("resolveLiteLlmProvider", () => {
  it("registers the three presets when no model is configured", () => {
    const provider = resolveLiteLlmProvider(base);
    expect(provider.models.map((model) => model.id)).toEqual([
      "openai/gpt-5.5",
      "deepseek/deepseek-v4-pro",
      "deepseek/deepseek-v4-flash",
    ]);
    expect(provider).toMatchObject({ baseUrl: "http://localhost:4000", apiKey: "sk-litellm" });
  });

  it.each([
    [
      "openai/gpt-5.5",
      { off: null, xhigh: "xhigh" },
      272_000,
      128_000,
      ["text", "image"],
      "medium",
    ],
    [
      "deepseek/deepseek-v4-pro",
      { minimal: null, low: null, medium: null, high: "high", xhigh: "max" },
      1_000_000,
      384_000,
      ["text"],
      "high",
    ],
    [
      "deepseek/deepseek-v4-flash",
      { minimal: null, low: null, medium: null, high: "high", xhigh: "max" },
      1_000_000,
      384_000,
      ["text"],
      "high",
    ],
  ])(
    "preset %s: thinking map, limits, input and default level",
    (id, map, context, max, input, level) => {
      const provider = resolveLiteLlmProvider({ ...base, modelIds: [id] });
      expect(provider.models).toHaveLength(1);
      expect(provider.models[0]).toMatchObject({
        id,
        api: "openai-completions",
        reasoning: true,
        thinkingLevelMap: map,
        contextWindow: context,
        maxTokens: max,
        input,
      });
      expect(provider.models[0]?.compat).toEqual(liteLlmPresets[id]?.compat);
      expect(provider.defaultThinkingLevels.get(id)).toBe(level);
    },
  );

  it("gives LITELLM_MODELS ids that are not presets pi's defaults", () => {
    const provider = resolveLiteLlmProvider({
      ...base,
      modelIds: ["openai/gpt-5.5", "local/llama"],
    });
    expect(provider.models[1]).toEqual({
      id: "local/llama",
      name: "local/llama",
      api: "openai-completions",
      reasoning: false,
      input: ["text"],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 128_000,
      maxTokens: 16_384,
    });
    expect(provider.defaultThinkingLevels.has("local/llama")).toBe(false);
  });

  it("lays LITELLM_MODELS_JSON entries over presets and adds new models", () => {
    const provider = resolveLiteLlmProvider({
      ...base,
      modelIds: ["deepseek/deepseek-v4-flash"],
      models: [
        { id: "deepseek/deepseek-v4-flash", maxTokens: 8_000, defaultThinkingLevel: "off" },
        {
          id: "anthropic/claude",
          api: "anthropic-messages",
          reasoning: true,
          thinkingLevelMap: { xhigh: "max" },
          contextWindow: 200_000,
          compat: { supportsEagerToolInputStreaming: true },
        },
      ],
    });
    const [flash, claude] = provider.models;
    expect(flash).toMatchObject({ maxTokens: 8_000, contextWindow: 1_000_000, reasoning: true });
    expect(provider.defaultThinkingLevels.get("deepseek/deepseek-v4-flash")).toBe("off");
    expect(claude).toMatchObject({
      api: "anthropic-messages",
      reasoning: true,
      thinkingLevelMap: { xhigh: "max" },
      contextWindow: 200_000,
      compat: { supportsEagerToolInputStreaming: true },
    });
  });

  it("applies LITELLM_API to every model and drops the chat-completions compat of presets", () => {
    const provider = resolveLiteLlmProvider({
      ...base,
      api: "openai-responses",
      modelIds: ["openai/gpt-5.5"],
    });
    expect(provider.models[0]?.api).toBe("openai-responses");
    expect(provider.models[0]?.compat).toBeUndefined();
  });

  it("lets LITELLM_DEFAULT_THINKING override presets but not JSON entries", () => {
    const provider = resolveLiteLlmProvider({
      ...base,
      defaultThinkingLevel: "low",
      modelIds: ["openai/gpt-5.5"],
      models: [{ id: "deepseek/deepseek-v4-pro", defaultThinkingLevel: "xhigh" }],
    });
    expect(provider.defaultThinkingLevels.get("openai/gpt-5.5")).toBe("low");
    expect(provider.defaultThinkingLevels.get("deepseek/deepseek-v4-pro")).toBe("xhigh");
  });

  it("adds LITELLM_DEFAULT_MODEL to the models and sends a placeholder key when none is set", () => {
    const provider = resolveLiteLlmProvider({
      ...base,
      apiKey: undefined,
      modelIds: ["openai/gpt-5.5"],
      defaultModel: "local/qwen",
    });
    expect(provider.models.map((model) => model.id)).toEqual(["openai/gpt-5.5", "local/qwen"]);
    expect(provider.defaultModel).toBe("local/qwen");
    expect(provider.apiKey).toBe("litellm-no-key");
  });
});
