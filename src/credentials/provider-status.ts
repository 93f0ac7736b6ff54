import type { ProviderEnvKey } from "../config/provider-env-keys.js";
import {
  describeModels,
  oauthProviders,
  providerAuthSource,
  providerDisplayName,
  storedCredential,
  storedProviders,
} from "../pi/org-credentials.js";
import type { OrgServices } from "../pi/org-services.js";

/** Where one credential of a provider comes from; never the credential itself. */
export interface CredentialSource {
  /**
   * `stored`: `auth.json` (API key or subscription login); `environment`: a provider key
   * variable, held in memory; `models_json`: the custom provider record; `server_config`:
   * a provider the server registered in memory (e.g. `litellm`) or an embedding host set.
   */
  source: "stored" | "environment" | "models_json" | "server_config";
  type: "api_key" | "oauth";
  /** The environment variable, for `environment` and env-configured `server_config`. */
  variable: string | null;
  /** When a stored subscription token expires (pi refreshes it). */
  expiresAt: string | null;
}

export interface ProviderStatus {
  provider: string;
  name: string;
  models: number;
  availableModels: number;
  /** Whether sessions can use this provider's models now. */
  authAvailable: boolean;
  /** Every credential found, in pi's precedence: the first is the one requests use. */
  credentials: CredentialSource[];
  /** The provider's subscription (OAuth) login, when it has one. */
  subscription: { name: string; usesCallbackServer: boolean; activeFlowId: string | null } | null;
}

export interface ProviderStatusDeps {
  org: OrgServices;
  envKeys: Record<string, ProviderEnvKey>;
  /** `models.json` providers whose record carries an API key. */
  customWithKey: ReadonlySet<string>;
  /** Providers whose key comes with the server configuration, and its variable if any. */
  configKeys: Readonly<Record<string, string | null>>;
  activeFlow(provider: string): string | undefined;
}

const source = (
  kind: CredentialSource["source"],
  extra: Partial<CredentialSource> = {},
): CredentialSource => ({
  source: kind,
  type: "api_key",
  variable: null,
  expiresAt: null,
  ...extra,
});

function credentialsOf(deps: ProviderStatusDeps, provider: string): CredentialSource[] {
  const found: CredentialSource[] = [];
  const stored = storedCredential(deps.org, provider);
  if (stored?.type === "api_key") found.push(source("stored"));
  if (stored?.type === "oauth") {
    found.push(source("stored", { type: "oauth", expiresAt: stored.expiresAt }));
  }
  const pi = providerAuthSource(deps.org, provider);
  const env = deps.envKeys[provider];
  if (env) found.push(source("environment", { variable: env.variable }));
  else if (pi.source === "environment") found.push(source("environment", { variable: pi.label }));
  if (deps.customWithKey.has(provider)) found.push(source("models_json"));
  const configVariable = deps.configKeys[provider];
  if (configVariable !== undefined) {
    found.push(source("server_config", { variable: configVariable }));
  } else if (found.length === 0 && pi.source !== undefined) {
    found.push(source("server_config"));
  }
  return found;
}

/**
 * Merges model availability, `auth.json`, environment keys, `models.json` keys and the
 * subscription login providers into one list, sorted by provider.
 */
export function listProviderStatuses(deps: ProviderStatusDeps): ProviderStatus[] {
  const counts = new Map<string, { models: number; available: number }>();
  for (const model of describeModels(deps.org)) {
    const count = counts.get(model.provider) ?? { models: 0, available: 0 };
    count.models += 1;
    if (model.authAvailable) count.available += 1;
    counts.set(model.provider, count);
  }
  const logins = new Map(oauthProviders().map((login) => [login.id, login]));
  const names = new Set([
    ...counts.keys(),
    ...storedProviders(deps.org),
    ...Object.keys(deps.envKeys),
    ...logins.keys(),
    ...deps.customWithKey,
    ...Object.keys(deps.configKeys),
  ]);
  return [...names].sort().map((provider) => {
    const count = counts.get(provider) ?? { models: 0, available: 0 };
    const credentials = credentialsOf(deps, provider);
    const login = logins.get(provider);
    return {
      provider,
      name: providerDisplayName(deps.org, provider),
      models: count.models,
      availableModels: count.available,
      authAvailable: count.available > 0 || (count.models === 0 && credentials.length > 0),
      credentials,
      subscription: login
        ? {
            name: login.name,
            usesCallbackServer: login.usesCallbackServer,
            activeFlowId: deps.activeFlow(provider) ?? null,
          }
        : null,
    };
  });
}
