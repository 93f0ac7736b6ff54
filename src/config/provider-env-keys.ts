/**
 * The environment variables pi reads an API key from, per provider, in pi's order of
 * precedence. pi-ai keeps this table private, so it is mirrored here (a test checks it
 * against pi-ai's own lookup) for the config loader, which must not import the SDK.
 * Providers that authenticate through ambient cloud credentials (Bedrock, Vertex ADC)
 * are left to pi.
 */
export const providerEnvVars: Readonly<Record<string, readonly string[]>> = {
  anthropic: ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
  "github-copilot": ["COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"],
  openai: ["OPENAI_API_KEY"],
  "azure-openai-responses": ["AZURE_OPENAI_API_KEY"],
  deepseek: ["DEEPSEEK_API_KEY"],
  google: ["GEMINI_API_KEY"],
  "google-vertex": ["GOOGLE_CLOUD_API_KEY"],
  groq: ["GROQ_API_KEY"],
  cerebras: ["CEREBRAS_API_KEY"],
  xai: ["XAI_API_KEY"],
  openrouter: ["OPENROUTER_API_KEY"],
  "vercel-ai-gateway": ["AI_GATEWAY_API_KEY"],
  zai: ["ZAI_API_KEY"],
  mistral: ["MISTRAL_API_KEY"],
  minimax: ["MINIMAX_API_KEY"],
  "minimax-cn": ["MINIMAX_CN_API_KEY"],
  moonshotai: ["MOONSHOT_API_KEY"],
  "moonshotai-cn": ["MOONSHOT_API_KEY"],
  huggingface: ["HF_TOKEN"],
  fireworks: ["FIREWORKS_API_KEY"],
  opencode: ["OPENCODE_API_KEY"],
  "opencode-go": ["OPENCODE_API_KEY"],
  "kimi-coding": ["KIMI_API_KEY"],
  "cloudflare-workers-ai": ["CLOUDFLARE_API_KEY"],
  "cloudflare-ai-gateway": ["CLOUDFLARE_API_KEY"],
  xiaomi: ["XIAOMI_API_KEY"],
  "xiaomi-token-plan-cn": ["XIAOMI_TOKEN_PLAN_CN_API_KEY"],
  "xiaomi-token-plan-ams": ["XIAOMI_TOKEN_PLAN_AMS_API_KEY"],
  "xiaomi-token-plan-sgp": ["XIAOMI_TOKEN_PLAN_SGP_API_KEY"],
};

/** A provider key found in the environment: the value and the variable it came from. */
export interface ProviderEnvKey {
  variable: string;
  value: string;
}

/** Picks, per provider, the first non-empty key variable of `env` in pi's precedence. */
export function collectProviderEnvKeys(
  env: Record<string, string | undefined>,
): Record<string, ProviderEnvKey> {
  const keys: Record<string, ProviderEnvKey> = {};
  for (const [provider, variables] of Object.entries(providerEnvVars)) {
    for (const variable of variables) {
      const value = env[variable]?.trim();
      if (value) {
        keys[provider] = { variable, value };
        break;
      }
    }
  }
  return keys;
}
