import type { CustomProvider, CustomProviderInput } from "./load-credentials.js";

export type CustomApi = CustomProviderInput["api"];
type ModelInput = CustomProviderInput["models"][number];

/** Every API a custom provider may speak; a `Record` so a new one in the schema fails to compile here. */
const apiNames: Record<CustomApi, true> = {
  "openai-completions": true,
  "openai-responses": true,
  "anthropic-messages": true,
  "google-generative-ai": true,
  "mistral-conversations": true,
};

export const customApis = Object.keys(apiNames) as CustomApi[];

/** One model as edited in the form: numbers as typed, plus the fields the form leaves alone. */
export interface ModelDraft {
  /** Stable key for the form's rows. */
  key: number;
  id: string;
  name: string;
  contextWindow: string;
  maxTokens: string;
  reasoning: boolean;
  image: boolean;
  costInput: string;
  costOutput: string;
  costCacheRead: string;
  costCacheWrite: string;
  /** Per-model overrides the form does not edit, written back unchanged. */
  kept: Pick<ModelInput, "api" | "baseUrl" | "thinkingLevelMap" | "compat">;
}

export interface ProviderDraft {
  provider: string;
  name: string;
  baseUrl: string;
  api: CustomApi;
  /** Empty on edit keeps the stored key. */
  apiKey: string;
  authHeader: boolean;
  /** `Name: value` per line; empty on edit keeps the stored headers. */
  headers: string;
  /** JSON object, or empty. */
  compat: string;
  models: ModelDraft[];
}

let nextKey = 1;

export function emptyModel(): ModelDraft {
  return {
    key: nextKey++,
    id: "",
    name: "",
    contextWindow: "",
    maxTokens: "",
    reasoning: false,
    image: false,
    costInput: "",
    costOutput: "",
    costCacheRead: "",
    costCacheWrite: "",
    kept: {},
  };
}

export function emptyDraft(): ProviderDraft {
  return {
    provider: "",
    name: "",
    baseUrl: "",
    api: "openai-completions",
    apiKey: "",
    authHeader: false,
    headers: "",
    compat: "",
    models: [emptyModel()],
  };
}

const text = (value: number | null | undefined) => (value == null ? "" : String(value));

/** The form's starting point for editing `provider`; secrets are never known, so left empty. */
export function draftOf(provider: CustomProvider): ProviderDraft {
  return {
    provider: provider.provider,
    name: provider.name ?? "",
    baseUrl: provider.baseUrl ?? "",
    api: customApis.find((api) => api === provider.api) ?? "openai-completions",
    apiKey: "",
    authHeader: provider.authHeader,
    headers: "",
    compat: provider.compat ? JSON.stringify(provider.compat, null, 2) : "",
    models: provider.models.map((model) => ({
      key: nextKey++,
      id: model.id,
      name: model.name ?? "",
      contextWindow: text(model.contextWindow),
      maxTokens: text(model.maxTokens),
      reasoning: model.reasoning ?? false,
      image: model.input?.includes("image") ?? false,
      costInput: text(model.cost?.input),
      costOutput: text(model.cost?.output),
      costCacheRead: text(model.cost?.cacheRead),
      costCacheWrite: text(model.cost?.cacheWrite),
      kept: {
        ...(customApis.find((api) => api === model.api) ? { api: model.api as CustomApi } : {}),
        ...(model.baseUrl ? { baseUrl: model.baseUrl } : {}),
        ...(model.thinkingLevelMap ? { thinkingLevelMap: model.thinkingLevelMap } : {}),
        ...(model.compat ? { compat: model.compat } : {}),
      },
    })),
  };
}

function number(value: string, what: string): number | undefined {
  if (value.trim() === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${what} must be a number ≥ 0.`);
  return parsed;
}

function modelInput(model: ModelDraft): ModelInput {
  const what = model.id || "a model";
  const costs = [model.costInput, model.costOutput, model.costCacheRead, model.costCacheWrite];
  const priced = costs.some((cost) => cost.trim() !== "");
  const contextWindow = number(model.contextWindow, `The context window of ${what}`);
  const maxTokens = number(model.maxTokens, `The max tokens of ${what}`);
  return {
    id: model.id.trim(),
    ...model.kept,
    ...(model.name.trim() ? { name: model.name.trim() } : {}),
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    reasoning: model.reasoning,
    input: model.image ? ["text", "image"] : ["text"],
    ...(priced
      ? {
          cost: {
            input: number(model.costInput, `The input price of ${what}`) ?? 0,
            output: number(model.costOutput, `The output price of ${what}`) ?? 0,
            cacheRead: number(model.costCacheRead, `The cache read price of ${what}`) ?? 0,
            cacheWrite: number(model.costCacheWrite, `The cache write price of ${what}`) ?? 0,
          },
        }
      : {}),
  };
}

function headersOf(lines: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines.split("\n")) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error('Write each header as "Name: value", one per line.');
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The request body for `draft`; throws an Error whose message says what to fix. */
export function inputOf(draft: ProviderDraft): CustomProviderInput {
  let compat: Record<string, unknown> | undefined;
  if (draft.compat.trim() !== "") {
    try {
      compat = JSON.parse(draft.compat);
    } catch {
      throw new Error("Compatibility overrides must be a JSON object.");
    }
    if (typeof compat !== "object" || compat === null || Array.isArray(compat)) {
      throw new Error("Compatibility overrides must be a JSON object.");
    }
  }
  const headers = draft.headers.trim() === "" ? undefined : headersOf(draft.headers);
  return {
    provider: draft.provider.trim(),
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    baseUrl: draft.baseUrl.trim(),
    api: draft.api,
    ...(draft.apiKey ? { apiKey: draft.apiKey } : {}),
    ...(headers ? { headers } : {}),
    authHeader: draft.authHeader,
    ...(compat ? { compat } : {}),
    models: draft.models.map(modelInput),
  };
}
