import type { Api, Model } from "@mariozechner/pi-ai";
import { providerEnvVars } from "../config/provider-env-keys.js";
import { AppError } from "../errors/index.js";
import { oauthProviders } from "./org-credentials.js";
import type { OrgServices } from "./org-services.js";

/**
 * The prefix the guidance names routes under: the standalone server's. A host that
 * mounts the routers elsewhere serves the same paths under its own prefix.
 */
const api = "/v1";

/** Models named in a message before it points at the model list instead. */
const listedModels = 10;

/**
 * Whether `model` is a registry model with credentials. With no model at all pi keeps a
 * placeholder whose provider and id are `unknown`; it is never usable.
 */
export function isUsableModel(org: OrgServices, model: Model<Api> | undefined): boolean {
  if (!model || isPlaceholderModel(org, model)) return false;
  return org.modelRegistry.hasConfiguredAuth(model);
}

/** Whether `model` is pi's stand-in for "no model selected" rather than a registry model. */
export function isPlaceholderModel(org: OrgServices, model: Model<Api>): boolean {
  return (
    model.provider === "unknown" &&
    model.id === "unknown" &&
    org.modelRegistry.find(model.provider, model.id) === undefined
  );
}

/**
 * The problem a session's model answers with when it cannot run, told in HTTP terms:
 * the route that stores a key, the environment variable pi reads, and the models that
 * have credentials now. `MODEL_NO_CREDENTIALS` names a model without credentials;
 * `NO_MODEL_AVAILABLE` says there is no model to run with at all.
 *
 * @param role whose model it is: an existing session's, or the default a new session
 *   would get (then no model with credentials anywhere is `NO_MODEL_AVAILABLE`).
 *   Default `session`.
 * @returns `undefined` when the model is usable.
 * @example
 * const problem = unusableModelProblem(org, agent.model);
 * if (problem) throw problem;
 */
export function unusableModelProblem(
  org: OrgServices,
  model: Model<Api> | undefined,
  role: "session" | "default" = "session",
): AppError | undefined {
  if (isUsableModel(org, model)) return undefined;
  const available = org.modelRegistry.getAvailable().map((m) => `${m.provider}/${m.id}`);
  const named = model && !isPlaceholderModel(org, model) ? model : undefined;
  if (!named) {
    const fix =
      available.length === 0
        ? `no provider has credentials. ${setUpAnyProvider()}`
        : readyModels(available, role);
    return new AppError("NO_MODEL_AVAILABLE", `${noModel[role]}: ${fix}`);
  }
  const lacking = `${whose[role]} ${named.provider}/${named.id} has no credentials`;
  const setUp = setUpProvider(named.provider);
  if (available.length > 0) {
    return new AppError(
      "MODEL_NO_CREDENTIALS",
      `${lacking}. ${setUp} ${readyModels(available, role)}`,
    );
  }
  return new AppError(
    role === "default" ? "NO_MODEL_AVAILABLE" : "MODEL_NO_CREDENTIALS",
    `${lacking}, and no other model has any. ${setUp} ${setUpAnyProvider()}`,
  );
}

const noModel = {
  session: "This session has no model",
  default: "No model is available for a new session",
} as const;

const whose = { session: "The session's model", default: "The default model" } as const;

function readyModels(available: string[], role: "session" | "default"): string {
  const choose =
    role === "default"
      ? "name one of them (provider and modelId) when creating the session"
      : `switch to one with PATCH ${api}/projects/{projectId}/sessions/{sessionId}/settings`;
  return `Models with credentials: ${summarise(available)}; ${choose}.`;
}

/** How to give one provider credentials, over HTTP or through the environment. */
function setUpProvider(provider: string): string {
  const ways = [`store an API key with PUT ${api}/auth/providers/${provider}/api-key`];
  if (oauthProviders().some((candidate) => candidate.id === provider)) {
    ways.push(`log in with POST ${api}/auth/providers/${provider}/subscription/start`);
  }
  const variables = providerEnvVars[provider];
  if (variables && variables.length > 0) {
    ways.push(`set ${variables.join(" or ")} in the server's environment and restart it`);
  }
  return `To use ${provider}, ${joinAlternatives(ways)}.`;
}

function setUpAnyProvider(): string {
  return [
    `To use any provider, store its API key with PUT ${api}/auth/providers/{provider}/api-key (GET ${api}/auth/providers lists the providers),`,
    "set one such as ANTHROPIC_API_KEY or OPENAI_API_KEY in the server's environment and restart it,",
    `or add an OpenAI-compatible provider with PUT ${api}/custom/providers.`,
    `GET ${api}/sessions/models then lists the models you can use.`,
  ].join(" ");
}

function summarise(models: string[]): string {
  if (models.length <= listedModels) return models.join(", ");
  const more = models.length - listedModels;
  return `${models.slice(0, listedModels).join(", ")} and ${more} more (GET ${api}/sessions/models)`;
}

function joinAlternatives(ways: string[]): string {
  if (ways.length <= 1) return ways.join("");
  return `${ways.slice(0, -1).join(", ")} or ${ways.at(-1)}`;
}
