import { type AgentClient, type components, unwrap } from "pi-agent-server-client";

export type ModelInfo = components["schemas"]["ModelInfo"];
export type ModelList = components["schemas"]["ModelList"];
export type ThinkingLevel = components["schemas"]["ThinkingLevel"];

/** One provider's models, for an `<optgroup>`. */
export interface ProviderModels {
  provider: string;
  /** Whether the provider has credentials (then its models can run). */
  available: boolean;
  models: ModelInfo[];
}

/** Every model the server knows, with whether each has credentials. */
export async function loadModels(client: AgentClient): Promise<ModelList> {
  return unwrap(await client.GET("/v1/sessions/models"));
}

/** `provider/modelId`, the value of a model's `<option>`. */
export function modelKey(provider: string, modelId: string): string {
  return `${provider}/${modelId}`;
}

/** The model an option's value names. */
export function findModel(models: readonly ModelInfo[], key: string): ModelInfo | undefined {
  return models.find((model) => modelKey(model.provider, model.id) === key);
}

/**
 * Models grouped by provider: providers with credentials first, then the rest, each
 * alphabetically; models by name within a provider.
 */
export function groupModels(models: readonly ModelInfo[]): ProviderModels[] {
  const groups = new Map<string, ProviderModels>();
  for (const model of models) {
    let group = groups.get(model.provider);
    if (!group) {
      group = { provider: model.provider, available: false, models: [] };
      groups.set(model.provider, group);
    }
    group.available ||= model.authAvailable;
    group.models.push(model);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => Number(b.available) - Number(a.available) || a.provider.localeCompare(b.provider),
  );
  for (const group of sorted) group.models.sort((a, b) => a.name.localeCompare(b.name));
  return sorted;
}

/** The org default model (`LITELLM_DEFAULT_MODEL`) when it has credentials, else undefined. */
export function defaultModel(list: ModelList): ModelInfo | undefined {
  const preferred = list.defaultModel;
  if (!preferred) return undefined;
  return list.items.find(
    (model) => model.provider === preferred.provider && model.id === preferred.modelId,
  );
}

/** Every thinking level, lowest first (pi clamps a level to what the model supports). */
export const allThinkingLevels: readonly ThinkingLevel[] = [
  "off",
  "minimal",
  "low",
  "medium",
  "high",
  "xhigh",
];
