import { AppError } from "../errors/index.js";
import type { Logger } from "../logging/logger.js";
import {
  type ModelsJsonDocument,
  readModelsJson,
  restoreModelsJson,
  writeModelsJson,
} from "../pi/models-json.js";
import { builtInProviders, reloadModels } from "../pi/org-credentials.js";
import type { OrgServices } from "../pi/org-services.js";
import type {
  CustomModelView,
  CustomProviderInput,
  CustomProviderView,
} from "./custom-provider-schema.js";
import { LiteralValues } from "./literal-values.js";

export interface CustomProvidersOptions {
  org: OrgServices;
  /** `.pi-global/models.json`. */
  file: string;
  /** Refuses key and header values pi would read from the environment. Default: shape checks only. */
  literals?: LiteralValues;
  /** Providers registered in memory (e.g. `litellm`) that a record must not shadow. */
  reserved?: ReadonlySet<string>;
  logger: Logger;
  /** Called after each change to `models.json` (other nodes reload). Default: none. */
  onChange?: (() => void) | undefined;
}

type Entry = Record<string, unknown>;

const str = (value: unknown) => (typeof value === "string" ? value : null);
const num = (value: unknown) => (typeof value === "number" ? value : null);
const obj = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Entry) : null;

function viewModel(model: Entry): CustomModelView {
  const cost = obj(model.cost);
  return {
    id: str(model.id) ?? "",
    name: str(model.name),
    api: str(model.api),
    baseUrl: str(model.baseUrl),
    reasoning: typeof model.reasoning === "boolean" ? model.reasoning : null,
    thinkingLevelMap: obj(model.thinkingLevelMap) as CustomModelView["thinkingLevelMap"],
    input: Array.isArray(model.input)
      ? model.input.filter((item) => typeof item === "string")
      : null,
    cost: cost ? (cost as CustomModelView["cost"]) : null,
    contextWindow: num(model.contextWindow),
    maxTokens: num(model.maxTokens),
    compat: obj(model.compat),
  };
}

/** Projects a `models.json` record to what the API shows: secrets reduced to their presence. */
export function viewProvider(provider: string, record: Entry): CustomProviderView {
  const models = Array.isArray(record.models) ? record.models : [];
  return {
    provider,
    name: str(record.name),
    baseUrl: str(record.baseUrl),
    api: str(record.api),
    hasApiKey: typeof record.apiKey === "string" && record.apiKey.length > 0,
    headerNames: Object.keys(obj(record.headers) ?? {}).sort(),
    authHeader: record.authHeader === true,
    compat: obj(record.compat),
    models: models.flatMap((model) => {
      const entry = obj(model);
      return entry ? [viewModel(entry)] : [];
    }),
  };
}

/** pi's load error without the file path it appends. */
const piReason = (error: string) => error.replace(/\n+File: .*$/s, "").trim();

/**
 * The custom provider records of `models.json`: listed without secrets, written
 * atomically (0600) one at a time, and loaded into the registry right away. A write pi
 * cannot load is rolled back, so a bad record never takes the other providers down.
 */
export class CustomProviders {
  readonly #options: CustomProvidersOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CustomProvidersOptions) {
    this.#options = options;
  }

  async list(): Promise<CustomProviderView[]> {
    const { document } = await readModelsJson(this.#options.file);
    return Object.entries(document.providers)
      .map(([name, record]) => viewProvider(name, record))
      .sort((a, b) => a.provider.localeCompare(b.provider));
  }

  /** Names of the records that carry an API key (none while the file cannot be read). */
  async withApiKey(): Promise<Set<string>> {
    try {
      return new Set((await this.list()).filter((p) => p.hasApiKey).map((p) => p.provider));
    } catch (error) {
      if (error instanceof AppError && error.code === "MODELS_FILE_INVALID") return new Set();
      throw error;
    }
  }

  /**
   * Creates or replaces one provider record; an omitted `apiKey` or `headers` keeps the stored one.
   *
   * @throws {AppError} `VALIDATION_FAILED`, `CUSTOM_PROVIDER_REJECTED`, `MODELS_FILE_INVALID`
   */
  upsert(input: CustomProviderInput): Promise<{ provider: CustomProviderView; created: boolean }> {
    const name = input.provider;
    if (builtInProviders().includes(name) || this.#options.reserved?.has(name)) {
      const message = "is a built-in or server-registered provider; choose another name";
      throw new AppError("VALIDATION_FAILED", `body.provider: ${message}`, {
        fields: [{ path: "body.provider", message }],
      });
    }
    (this.#options.literals ?? new LiteralValues()).assert([
      ...(input.apiKey === undefined ? [] : [{ path: "body.apiKey", value: input.apiKey }]),
      ...Object.entries(input.headers ?? {}).map(([header, value]) => ({
        path: `body.headers.${header}`,
        value,
      })),
    ]);
    return this.#exclusive(async () => {
      const { raw, document } = await this.#loadable();
      const existing = document.providers[name];
      const { provider: _name, apiKey, headers, ...rest } = input;
      const record: Entry = { ...rest };
      const key = apiKey ?? existing?.apiKey;
      if (key === undefined) {
        const message = "is required when creating a provider";
        throw new AppError("VALIDATION_FAILED", `body.apiKey: ${message}`, {
          fields: [{ path: "body.apiKey", message }],
        });
      }
      record.apiKey = key;
      const keptHeaders = headers ?? existing?.headers;
      if (keptHeaders !== undefined) record.headers = keptHeaders;
      await this.#commit(raw, {
        ...document,
        providers: { ...document.providers, [name]: record },
      });
      this.#options.onChange?.();
      this.#options.logger.info(existing ? "custom provider updated" : "custom provider created", {
        provider: name,
        models: input.models.length,
      });
      return { provider: viewProvider(name, record), created: existing === undefined };
    });
  }

  /** @throws {AppError} `CUSTOM_PROVIDER_NOT_FOUND`, `MODELS_FILE_INVALID` */
  remove(name: string): Promise<void> {
    return this.#exclusive(async () => {
      const { document } = await readModelsJson(this.#options.file);
      if (!document.providers[name]) {
        throw new AppError(
          "CUSTOM_PROVIDER_NOT_FOUND",
          `No custom provider "${name}" in models.json`,
        );
      }
      const { [name]: _removed, ...providers } = document.providers;
      await writeModelsJson(this.#options.file, { ...document, providers });
      reloadModels(this.#options.org);
      this.#options.onChange?.();
      this.#options.logger.info("custom provider removed", { provider: name });
    });
  }

  /** Reads the file and refuses to build on one pi cannot load (a write would be blamed for it). */
  async #loadable() {
    const snapshot = await readModelsJson(this.#options.file);
    const error = reloadModels(this.#options.org);
    if (error) {
      throw new AppError(
        "MODELS_FILE_INVALID",
        `models.json does not load, so it cannot be changed safely: ${piReason(error)}`,
      );
    }
    return snapshot;
  }

  async #commit(raw: string | undefined, document: ModelsJsonDocument): Promise<void> {
    const { file, org } = this.#options;
    await writeModelsJson(file, document);
    const error = reloadModels(org);
    if (!error) return;
    await restoreModelsJson(file, raw);
    reloadModels(org);
    throw new AppError("CUSTOM_PROVIDER_REJECTED", `pi rejected the provider: ${piReason(error)}`);
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
