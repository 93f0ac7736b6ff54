import { join } from "node:path";
import { AuthStorage, ModelRegistry } from "@mariozechner/pi-coding-agent";

/** The org-wide pi state every project runtime shares: one auth store, one model registry. */
export interface OrgServices {
  /** pi's global config directory (`.pi-global/`): settings, extensions, skills, auth, models. */
  agentDir: string;
  authStorage: AuthStorage;
  modelRegistry: ModelRegistry;
}

/** Opens the org's `auth.json` and `models.json` under `globalDir`. */
export function createOrgServices(globalDir: string): OrgServices {
  const authStorage = AuthStorage.create(join(globalDir, "auth.json"));
  const modelRegistry = ModelRegistry.create(authStorage, join(globalDir, "models.json"));
  return { agentDir: globalDir, authStorage, modelRegistry };
}
