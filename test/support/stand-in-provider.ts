/**
 * A custom provider (`PUT /v1/custom/providers` body) whose one model has a key, so
 * sessions can be created in tests that never prompt. Its endpoint is a closed port:
 * a prompt would fail, never reach a real service.
 */
export const standInProvider = {
  provider: "stand-in",
  baseUrl: "http://127.0.0.1:9/v1",
  api: "openai-completions",
  apiKey: "stand-in-key",
  models: [{ id: "stand-in-1" }],
} as const;
