import {
  type FauxModelDefinition,
  type FauxProviderRegistration,
  type Model,
  registerFauxProvider,
} from "@mariozechner/pi-ai";
import type { OrgServices } from "./org-services.js";

export type { AssistantMessage, FauxResponseStep } from "@mariozechner/pi-ai";
/** Pi-ai's builders of scripted replies, for `setResponses` on `installFauxProvider`'s result. */
export { fauxAssistantMessage, fauxText, fauxThinking, fauxToolCall } from "@mariozechner/pi-ai";

export interface FauxProviderOptions {
  /** The provider name sessions select. Default `faux`. */
  provider?: string;
  /** Streaming speed of scripted replies. Default 0: each reply at once. */
  tokensPerSecond?: number;
  /** Default: pi-ai's single non-reasoning `faux-1`. */
  models?: FauxModelDefinition[];
}

/**
 * Registers pi-ai's scripted faux provider and makes its models selectable through the
 * org's model registry, so sessions created over HTTP can use them: for tests of an app
 * over `createInMemoryServices`. Call `unregister()` on the result when done.
 *
 * @example
 * const faux = installFauxProvider(services.credentials.org);
 * faux.setResponses([fauxAssistantMessage("pong")]);
 */
export function installFauxProvider(
  org: OrgServices,
  options: FauxProviderOptions = {},
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
