import {
  type FauxModelDefinition,
  type FauxProviderRegistration,
  type Model,
  registerFauxProvider,
} from "@mariozechner/pi-ai";
import type { OrgServices } from "../../src/pi/org-services.js";

export {
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
} from "@mariozechner/pi-ai";

/**
 * Registers pi-ai's scripted faux provider and makes its models selectable through the
 * org's model registry, so sessions created over HTTP can use it. `models` defaults to
 * pi-ai's single non-reasoning `faux-1`.
 */
export function installFauxProvider(
  org: OrgServices,
  options: { provider?: string; tokensPerSecond?: number; models?: FauxModelDefinition[] } = {},
): FauxProviderRegistration {
  const provider = options.provider ?? "faux";
  const faux = registerFauxProvider({
    provider,
    tokensPerSecond: options.tokensPerSecond ?? 0,
    ...(options.models ? { models: options.models } : {}),
  });
  registerFauxModels(org, provider, faux.api, faux.models);
  return faux;
}

/** Makes faux models selectable through the org's model registry under `provider`. */
export function registerFauxModels(
  org: OrgServices,
  provider: string,
  api: string,
  models: readonly Model<string>[],
): void {
  org.modelRegistry.registerProvider(provider, {
    baseUrl: "http://faux.invalid",
    apiKey: "faux-key",
    api,
    models: models.map((model) => ({
      id: model.id,
      name: model.name,
      reasoning: model.reasoning,
      input: model.input,
      cost: model.cost,
      contextWindow: model.contextWindow,
      maxTokens: model.maxTokens,
    })),
  });
}
