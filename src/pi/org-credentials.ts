import {
  type Api,
  clampThinkingLevel,
  getApiProviders,
  getProviders,
  getSupportedThinkingLevels,
  type Model,
  type ModelThinkingLevel,
  type OAuthLoginCallbacks,
  registerApiProvider,
} from "@mariozechner/pi-ai";
import {
  getOAuthProvider,
  getOAuthProviders,
  registerOAuthProvider,
} from "@mariozechner/pi-ai/oauth";
import type { OrgServices } from "./org-services.js";

export type {
  OAuthAuthInfo,
  OAuthLoginCallbacks,
  OAuthPrompt,
  OAuthSelectPrompt,
} from "@mariozechner/pi-ai";

/** pi's default thinking level for a session whose settings name none. */
const piDefaultThinkingLevel: ModelThinkingLevel = "medium";

/** A selectable model, without anything secret. */
export interface ModelDescription {
  provider: string;
  id: string;
  name: string;
  api: string;
  reasoning: boolean;
  input: Array<"text" | "image">;
  contextWindow: number;
  maxTokens: number;
  /** The levels pi accepts for this model, weakest first. */
  thinkingLevels: ModelThinkingLevel[];
  /** What a new session on this model starts with, clamped to `thinkingLevels`. */
  defaultThinkingLevel: ModelThinkingLevel;
  authAvailable: boolean;
  usesSubscription: boolean;
}

function describe(org: OrgServices, model: Model<Api>): ModelDescription {
  const requested =
    org.modelDefaults?.thinkingLevels.get(`${model.provider}/${model.id}`) ??
    piDefaultThinkingLevel;
  return {
    provider: model.provider,
    id: model.id,
    name: model.name,
    api: model.api,
    reasoning: model.reasoning,
    input: [...model.input],
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    thinkingLevels: getSupportedThinkingLevels(model),
    defaultThinkingLevel: clampThinkingLevel(model, requested),
    authAvailable: org.modelRegistry.hasConfiguredAuth(model),
    usesSubscription: org.modelRegistry.isUsingOAuth(model),
  };
}

/** Every model the org's registry knows: built-in, models.json and registered providers. */
export function describeModels(org: OrgServices): ModelDescription[] {
  return org.modelRegistry.getAll().map((model) => describe(org, model));
}

/** The providers shipped with pi (custom providers may not reuse these names). */
export function builtInProviders(): string[] {
  return getProviders();
}

export function providerDisplayName(org: OrgServices, provider: string): string {
  return org.modelRegistry.getProviderDisplayName(provider);
}

/** What `auth.json` holds for a provider: its kind and, for OAuth, when the token expires. */
export function storedCredential(
  org: OrgServices,
  provider: string,
): { type: "api_key" } | { type: "oauth"; expiresAt: string | null } | undefined {
  const credential = org.authStorage.get(provider);
  if (!credential) return undefined;
  if (credential.type === "api_key") return { type: "api_key" };
  const expires = Number(credential.expires);
  return {
    type: "oauth",
    expiresAt: Number.isFinite(expires) ? new Date(expires).toISOString() : null,
  };
}

export function storedProviders(org: OrgServices): string[] {
  return org.authStorage.list();
}

/** Where pi itself would find a provider's credential first (no secret, no token refresh). */
export function providerAuthSource(
  org: OrgServices,
  provider: string,
): { source: string | undefined; label: string | null } {
  const status = org.modelRegistry.getProviderAuthStatus(provider);
  return { source: status.source, label: status.label ?? null };
}

function throwStorageErrors(org: OrgServices): void {
  const [error] = org.authStorage.drainErrors();
  if (error) throw new Error(`auth.json could not be written: ${error.message}`);
}

/** Writes an API key to `auth.json`. */
export function storeApiKey(org: OrgServices, provider: string, key: string): void {
  org.authStorage.set(provider, { type: "api_key", key });
  throwStorageErrors(org);
}

/** Removes a provider's entry from `auth.json`, then reloads models an OAuth login had adjusted. */
export function removeStoredCredential(org: OrgServices, provider: string): void {
  const wasOAuth = org.authStorage.get(provider)?.type === "oauth";
  org.authStorage.remove(provider);
  throwStorageErrors(org);
  if (wasOAuth) reloadModels(org);
}

/** Sets or clears an in-memory key that takes precedence over everything pi would look up. */
export function setRuntimeKey(org: OrgServices, provider: string, key: string | undefined): void {
  if (key === undefined) org.authStorage.removeRuntimeApiKey(provider);
  else org.authStorage.setRuntimeApiKey(provider, key);
}

/** The registered subscription (OAuth) login providers. */
export function oauthProviders(): Array<{ id: string; name: string; usesCallbackServer: boolean }> {
  return getOAuthProviders().map((provider) => ({
    id: provider.id,
    name: provider.name,
    usesCallbackServer: provider.usesCallbackServer === true,
  }));
}

/**
 * Runs pi's login for an OAuth provider, as pi's own `AuthStorage.login` does, but stores
 * the credential only if `accept()` still holds when the login returns. Returns whether
 * it was stored.
 */
export async function loginWithOAuth(
  org: OrgServices,
  provider: string,
  callbacks: OAuthLoginCallbacks,
  accept: () => boolean,
): Promise<boolean> {
  const login = getOAuthProvider(provider);
  if (!login) throw new Error(`Unknown OAuth provider: ${provider}`);
  const credentials = await login.login(callbacks);
  if (!accept()) return false;
  org.authStorage.set(provider, { type: "oauth", ...credentials });
  throwStorageErrors(org);
  reloadModels(org);
  return true;
}

/**
 * Reloads built-in models, `models.json` and registered providers. pi's refresh also resets
 * the process-wide API and OAuth provider tables to their built-ins, which would drop
 * providers registered directly with pi-ai (extensions, embedding hosts, tests); those are
 * restored. Returns pi's error when `models.json` is invalid.
 */
export function reloadModels(org: OrgServices): string | undefined {
  const apis = getApiProviders();
  const logins = getOAuthProviders();
  org.modelRegistry.refresh();
  const apisNow = new Set(getApiProviders().map((provider) => provider.api));
  for (const provider of apis) if (!apisNow.has(provider.api)) registerApiProvider(provider);
  const loginsNow = new Set(getOAuthProviders().map((provider) => provider.id));
  for (const provider of logins) if (!loginsNow.has(provider.id)) registerOAuthProvider(provider);
  return org.modelRegistry.getError();
}

/**
 * Reads `auth.json` and `models.json` again, for changes another process made to them
 * (another node of a cluster on the shared volume). Returns pi's error when `models.json`
 * is invalid.
 */
export function reloadCredentials(org: OrgServices): string | undefined {
  org.authStorage.reload();
  return reloadModels(org);
}

/** A provider registered in memory (never written to `models.json`). */
export interface MemoryProvider {
  baseUrl: string;
  apiKey: string;
  models: Array<{
    id: string;
    name: string;
    api: string;
    reasoning: boolean;
    thinkingLevelMap?: Partial<Record<ModelThinkingLevel, string | null>>;
    input: Array<"text" | "image">;
    cost: { input: number; output: number; cacheRead: number; cacheWrite: number };
    contextWindow: number;
    maxTokens: number;
    compat?: Record<string, unknown>;
  }>;
}

export function registerMemoryProvider(
  org: OrgServices,
  name: string,
  provider: MemoryProvider,
): void {
  org.modelRegistry.registerProvider(name, {
    baseUrl: provider.baseUrl,
    apiKey: provider.apiKey,
    models: provider.models.map((model) => ({
      ...model,
      api: model.api as Api,
      compat: model.compat as Model<Api>["compat"],
    })),
  });
}
