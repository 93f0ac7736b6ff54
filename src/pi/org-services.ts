import { join } from "node:path";
import type { ModelThinkingLevel } from "@mariozechner/pi-ai";
import { AuthStorage, ModelRegistry } from "@mariozechner/pi-coding-agent";
import { AtomicAuthFileBackend } from "./auth-file-backend.js";

/** Org-wide defaults for new sessions, below anything a request or pi's settings ask for. */
export interface ModelDefaults {
  /** Model a new session uses when neither the request nor pi's settings name one. */
  model: { provider: string; modelId: string } | undefined;
  /** Requested default thinking level per `provider/modelId`; pi clamps it to the model. */
  thinkingLevels: Map<string, ModelThinkingLevel>;
}

/** The org-wide pi state every project runtime shares: one auth store, one model registry. */
export interface OrgServices {
  /** pi's global config directory (`.pi-global/`): settings, extensions, skills, auth, models. */
  agentDir: string;
  authStorage: AuthStorage;
  modelRegistry: ModelRegistry;
  /** Default: none; the credentials service fills it from the `LITELLM_*` configuration. */
  modelDefaults?: ModelDefaults;
}

/** Paths of the org's credential files under `.pi-global/`. */
export const orgAuthFile = (globalDir: string) => join(globalDir, "auth.json");
export const orgModelsFile = (globalDir: string) => join(globalDir, "models.json");

/**
 * Opens the org's `auth.json` (written atomically, mode 0600) and `models.json` under
 * `globalDir`.
 */
export function createOrgServices(globalDir: string): OrgServices {
  const authStorage = AuthStorage.fromStorage(new AtomicAuthFileBackend(orgAuthFile(globalDir)));
  const modelRegistry = ModelRegistry.create(authStorage, orgModelsFile(globalDir));
  return {
    agentDir: globalDir,
    authStorage,
    modelRegistry,
    modelDefaults: { model: undefined, thinkingLevels: new Map() },
  };
}
