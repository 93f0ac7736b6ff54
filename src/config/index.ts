export { checkConfiguredPaths } from "./check-paths.js";
export {
  type LiteLlmApi,
  type LiteLlmConfig,
  type LiteLlmModelInput,
  type LiteLlmThinkingLevel,
  liteLlmApis,
} from "./litellm-env.js";
export {
  type ClusterConfig,
  type Config,
  ConfigError,
  isLoopbackHost,
  type Limits,
  type LoadConfigOptions,
  type LostTaskPolicy,
  loadConfig,
  lostTaskPolicies,
  type NodeRole,
  nodeRoles,
  type PiResourceConfig,
  type SandboxConfig,
  type StateStoreKind,
  stateStores,
  type TaskConfig,
  type WorktreeCleanupPolicy,
  worktreeCleanupPolicies,
} from "./load-config.js";
