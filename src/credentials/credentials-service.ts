import type { LiteLlmConfig } from "../config/index.js";
import type { ProviderEnvKey } from "../config/provider-env-keys.js";
import { AppError } from "../errors/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import {
  describeModels,
  loginWithOAuth,
  type ModelDescription,
  oauthProviders,
  registerMemoryProvider,
  reloadCredentials,
  removeStoredCredential,
  setRuntimeKey,
  storeApiKey,
  storedCredential,
} from "../pi/org-credentials.js";
import { createOrgServices, type OrgServices, orgModelsFile } from "../pi/org-services.js";
import { CustomProviders } from "./custom-providers.js";
import { liteLlmProvider, resolveLiteLlmProvider } from "./litellm.js";
import { LiteralValues } from "./literal-values.js";
import { listProviderStatuses, type ProviderStatus } from "./provider-status.js";
import { SubscriptionFlows, type SubscriptionFlowsOptions } from "./subscription-flows.js";

export interface CredentialsServiceOptions {
  /** `.pi-global/`: where `auth.json` and `models.json` live. */
  globalDir: string;
  /** The org's pi state. Default: opened from `globalDir`. */
  org?: OrgServices;
  /** Provider keys read from the environment, injected in memory. Default: none. */
  envKeys?: Record<string, ProviderEnvKey>;
  /** Registers the `litellm` provider. Default: none. */
  litellm?: LiteLlmConfig | undefined;
  /**
   * Names of the server's environment variables: a stored key or header value naming one
   * is refused, because pi would send the variable's value instead. Default: none known.
   */
  environmentNames?: Iterable<string>;
  /** Default: nothing logged. */
  logger?: Logger;
  /** Subscription login timing. Default: 10 min TTL, 10 min retention, 2 s settle. */
  subscriptions?: Pick<SubscriptionFlowsOptions, "ttlMs" | "retainMs" | "settleMs" | "now">;
  /**
   * Called after every change to `auth.json` or `models.json` made here (a cluster node
   * announces it, so the other nodes `reload`). Default: none.
   */
  onChange?: (() => void) | undefined;
  /** Called by `dispose` (a cluster node stops following changes). Default: none. */
  onDispose?: (() => void) | undefined;
}

/** A URL fit for logs: credentials embedded as `user:password@` are dropped. */
function withoutUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

export interface ModelFilter {
  provider?: string | undefined;
  available?: boolean | undefined;
}

/**
 * The org's credentials and models: API keys in `auth.json`, keys from the environment
 * (memory only), subscription logins, custom providers in `models.json` and the `litellm`
 * provider. Every change is visible to all projects' sessions at once because they
 * share this one auth store and registry. Nothing it returns ever holds a secret.
 */
export class CredentialsService {
  readonly org: OrgServices;
  readonly subscriptions: SubscriptionFlows;
  readonly customProviders: CustomProviders;
  readonly #envKeys: Record<string, ProviderEnvKey>;
  /** Providers registered from the server configuration → the variable holding their key. */
  readonly #configKeys: Record<string, string | null> = {};
  readonly #logger: Logger;
  readonly #literals: LiteralValues;
  readonly #onChange: () => void;
  readonly #onDispose: () => void;

  constructor(options: CredentialsServiceOptions) {
    this.#onChange = options.onChange ?? (() => undefined);
    this.#onDispose = options.onDispose ?? (() => undefined);
    this.org = options.org ?? createOrgServices(options.globalDir);
    this.#logger = options.logger ?? silentLogger;
    this.#envKeys = options.envKeys ?? {};
    this.#literals = new LiteralValues(options.environmentNames);
    if (options.litellm) this.#registerLiteLlm(options.litellm);
    if (this.org.modelRegistry.getError()) {
      // pi's reason may quote the file's text, which can hold keys: say where, not why.
      this.#logger.warn("models.json does not load; its custom providers are unavailable");
    }
    for (const provider of Object.keys(this.#envKeys)) this.#syncRuntimeKey(provider);
    this.customProviders = new CustomProviders({
      org: this.org,
      file: orgModelsFile(options.globalDir),
      reserved: new Set(Object.keys(this.#configKeys)),
      literals: this.#literals,
      logger: this.#logger,
      onChange: this.#onChange,
    });
    this.subscriptions = new SubscriptionFlows({
      ...options.subscriptions,
      logger: this.#logger,
      supports: (provider) => oauthProviders().some((candidate) => candidate.id === provider),
      login: async (provider, callbacks, accept) => {
        if (await loginWithOAuth(this.org, provider, callbacks, accept)) {
          this.#syncRuntimeKey(provider);
          this.#onChange();
        }
      },
    });
  }

  /** Every model the registry knows, with whether credentials for it are available. */
  models(filter: ModelFilter = {}): ModelDescription[] {
    return describeModels(this.org).filter(
      (model) =>
        (filter.provider === undefined || model.provider === filter.provider) &&
        (filter.available === undefined || model.authAvailable === filter.available),
    );
  }

  /** The model new sessions get when they name none, if the org set one and it is usable. */
  defaultModel(): { provider: string; modelId: string } | null {
    const preferred = this.org.modelDefaults?.model;
    if (!preferred) return null;
    const usable = this.models({ provider: preferred.provider, available: true }).some(
      (model) => model.id === preferred.modelId,
    );
    return usable ? preferred : null;
  }

  /** One status per provider, merging every place a credential can come from. */
  async providers(): Promise<ProviderStatus[]> {
    return listProviderStatuses({
      org: this.org,
      envKeys: this.#envKeys,
      customWithKey: await this.customProviders.withApiKey(),
      configKeys: this.#configKeys,
      activeFlow: (provider) => this.subscriptions.activeFlowId(provider),
    });
  }

  /** @throws {AppError} `PROVIDER_NOT_FOUND` */
  async provider(name: string): Promise<ProviderStatus> {
    const status = (await this.providers()).find((candidate) => candidate.provider === name);
    if (!status) throw new AppError("PROVIDER_NOT_FOUND", `No provider "${name}"`);
    return status;
  }

  /**
   * Stores an API key in `auth.json`. It takes precedence over an environment key, as in pi.
   *
   * @throws {AppError} `PROVIDER_NOT_FOUND` for a provider with no models and no login;
   *   `VALIDATION_FAILED` for a key naming an environment variable.
   */
  async setApiKey(provider: string, key: string): Promise<ProviderStatus> {
    this.#literals.assert([{ path: "body.apiKey", value: key }]);
    await this.provider(provider);
    storeApiKey(this.org, provider, key);
    this.#syncRuntimeKey(provider);
    this.#onChange();
    this.#logger.info("API key stored", { provider });
    return this.provider(provider);
  }

  /**
   * Removes the provider's `auth.json` entry (API key or subscription login).
   *
   * @throws {AppError} `CREDENTIAL_NOT_FOUND`, or `CREDENTIAL_NOT_REMOVABLE` when the only
   *   credential comes from the environment or `models.json`.
   */
  async removeCredential(provider: string): Promise<void> {
    if (!storedCredential(this.org, provider)) {
      const status = (await this.providers()).find((candidate) => candidate.provider === provider);
      const other = status?.credentials[0];
      if (other) {
        const where =
          other.source === "environment"
            ? `the environment variable ${other.variable ?? "(unknown)"}; unset it and restart`
            : other.source === "models_json"
              ? "models.json; delete or update the custom provider instead"
              : "the server configuration";
        throw new AppError(
          "CREDENTIAL_NOT_REMOVABLE",
          `The credential of "${provider}" comes from ${where}`,
        );
      }
      throw new AppError("CREDENTIAL_NOT_FOUND", `No stored credential for "${provider}"`);
    }
    removeStoredCredential(this.org, provider);
    this.#syncRuntimeKey(provider);
    this.#onChange();
    this.#logger.info("credential removed", { provider });
  }

  /**
   * Reads `auth.json` and `models.json` again after another process changed them; every
   * project's sessions see the result at their next model call.
   */
  reload(): void {
    if (reloadCredentials(this.org)) {
      this.#logger.warn("models.json does not load; its custom providers are unavailable");
    }
    for (const provider of Object.keys(this.#envKeys)) this.#syncRuntimeKey(provider);
  }

  /** Cancels subscription logins in progress. */
  dispose(): void {
    this.subscriptions.dispose();
    this.#onDispose();
  }

  /** An environment key is a runtime key only while `auth.json` holds nothing for the provider. */
  #syncRuntimeKey(provider: string): void {
    const env = this.#envKeys[provider];
    if (!env) return;
    setRuntimeKey(this.org, provider, storedCredential(this.org, provider) ? undefined : env.value);
  }

  #registerLiteLlm(config: LiteLlmConfig): void {
    const definition = resolveLiteLlmProvider(config);
    registerMemoryProvider(this.org, liteLlmProvider, definition);
    this.#configKeys[liteLlmProvider] = config.apiKey ? "LITELLM_API_KEY" : null;
    const defaults = this.org.modelDefaults ?? { model: undefined, thinkingLevels: new Map() };
    this.org.modelDefaults = defaults;
    for (const [id, level] of definition.defaultThinkingLevels) {
      defaults.thinkingLevels.set(`${liteLlmProvider}/${id}`, level);
    }
    if (definition.defaultModel) {
      defaults.model = { provider: liteLlmProvider, modelId: definition.defaultModel };
    }
    this.#logger.info("registered provider litellm", {
      baseUrl: withoutUserInfo(definition.baseUrl),
      models: definition.models.map((model) => model.id).join(","),
    });
  }
}
