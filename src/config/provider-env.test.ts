import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load-config.js";

function issues(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, { cwd: "/srv" });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig: provider keys", () => {
  it("collects provider keys from the environment, in pi's precedence", () => {
    const config = loadConfig({
      ANTHROPIC_API_KEY: "sk-ant-api",
      ANTHROPIC_OAUTH_TOKEN: "sk-ant-oat",
      OPENAI_API_KEY: " sk-openai ",
      GROQ_API_KEY: "",
      UNRELATED: "x",
    });
    expect(config.providerEnvKeys).toEqual({
      anthropic: { variable: "ANTHROPIC_OAUTH_TOKEN", value: "sk-ant-oat" },
      openai: { variable: "OPENAI_API_KEY", value: "sk-openai" },
    });
  });
});

describe("loadConfig: LITELLM_*", () => {
  it("is off without LITELLM_BASE_URL", () => {
    expect(loadConfig({}).litellm).toBeUndefined();
  });

  it("reads every LITELLM_* variable", () => {
    const config = loadConfig({
      LITELLM_BASE_URL: "http://localhost:4000/",
      LITELLM_API_KEY: "sk-litellm",
      LITELLM_API: "openai-responses",
      LITELLM_DEFAULT_MODEL: "openai/gpt-5.5",
      LITELLM_DEFAULT_THINKING: "low",
      LITELLM_MODELS: "openai/gpt-5.5, deepseek/deepseek-v4-flash,openai/gpt-5.5",
      LITELLM_MODELS_JSON: JSON.stringify([{ id: "local/qwen", reasoning: true, maxTokens: 8192 }]),
    });
    expect(config.litellm).toEqual({
      baseUrl: "http://localhost:4000",
      apiKey: "sk-litellm",
      api: "openai-responses",
      defaultModel: "openai/gpt-5.5",
      defaultThinkingLevel: "low",
      modelIds: ["openai/gpt-5.5", "deepseek/deepseek-v4-flash"],
      models: [{ id: "local/qwen", reasoning: true, maxTokens: 8192 }],
    });
  });

  it("defaults the API to openai-completions and the key to none", () => {
    const config = loadConfig({ LITELLM_BASE_URL: "https://llm.example.com" });
    expect(config.litellm).toMatchObject({ api: "openai-completions", apiKey: undefined });
  });

  it.each([
    [{ LITELLM_BASE_URL: "localhost:4000" }, "LITELLM_BASE_URL: expected an http(s) URL"],
    [{ LITELLM_BASE_URL: "http://h", LITELLM_API: "grpc" }, "LITELLM_API: expected one of"],
    [
      { LITELLM_BASE_URL: "http://h", LITELLM_DEFAULT_THINKING: "max" },
      "LITELLM_DEFAULT_THINKING: expected one of",
    ],
    [
      { LITELLM_BASE_URL: "http://h", LITELLM_MODELS_JSON: "{nope" },
      "LITELLM_MODELS_JSON: is not valid JSON",
    ],
    [
      { LITELLM_BASE_URL: "http://h", LITELLM_MODELS_JSON: '[{"id":"a","reasoning":"yes"}]' },
      "LITELLM_MODELS_JSON: [0].reasoning:",
    ],
    [
      { LITELLM_BASE_URL: "http://h", LITELLM_MODELS_JSON: '[{"id":"a"},{"id":"a"}]' },
      "LITELLM_MODELS_JSON: value: model ids must be unique",
    ],
    [
      { LITELLM_BASE_URL: "http://h", LITELLM_MODELS_JSON: '[{"id":"a","contextWindow":-1}]' },
      "LITELLM_MODELS_JSON: [0].contextWindow:",
    ],
    [{ LITELLM_API_KEY: "sk-x" }, "LITELLM_API_KEY: has no effect without LITELLM_BASE_URL"],
  ])("rejects %j naming the variable", (env, message) => {
    expect(issues(env).join("\n")).toContain(message);
  });

  it("never echoes the key in an error", () => {
    const found = issues({ LITELLM_API_KEY: "sk-very-secret" });
    expect(found.join("\n")).not.toContain("sk-very-secret");
  });
});
