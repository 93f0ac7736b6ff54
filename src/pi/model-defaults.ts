import type { Api, Model, ModelThinkingLevel } from "@mariozechner/pi-ai";
import type { SettingsManager } from "@mariozechner/pi-coding-agent";
import type { OrgServices } from "./org-services.js";

/**
 * Fills in the org's default model and thinking level for a new session: a model only
 * when the request names none and pi's settings set no default provider, and only if it
 * has credentials; a thinking level only when neither the request nor the settings set one.
 */
export function applyModelDefaults(
  org: OrgServices,
  settings: Pick<SettingsManager, "getDefaultProvider" | "getDefaultThinkingLevel">,
  requested: { model: Model<Api> | undefined; thinkingLevel: ModelThinkingLevel | undefined },
): { model: Model<Api> | undefined; thinkingLevel: ModelThinkingLevel | undefined } {
  const defaults = org.modelDefaults;
  let model = requested.model;
  if (!model && defaults?.model && settings.getDefaultProvider() === undefined) {
    const candidate = org.modelRegistry.find(defaults.model.provider, defaults.model.modelId);
    if (candidate && org.modelRegistry.hasConfiguredAuth(candidate)) model = candidate;
  }
  let thinkingLevel = requested.thinkingLevel;
  if (thinkingLevel === undefined && model && settings.getDefaultThinkingLevel() === undefined) {
    thinkingLevel = defaults?.thinkingLevels.get(`${model.provider}/${model.id}`);
  }
  return { model, thinkingLevel };
}
