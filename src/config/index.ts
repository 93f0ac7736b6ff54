export { checkConfiguredPaths } from "./check-paths.js";
export {
  type LiteLlmApi,
  type LiteLlmConfig,
  type LiteLlmModelInput,
  type LiteLlmThinkingLevel,
  liteLlmApis,
} from "./litellm-env.js";
export {
  type Config,
  ConfigError,
  isLoopbackHost,
  type Limits,
  type LoadConfigOptions,
  loadConfig,
  type PiResourceConfig,
  type SandboxConfig,
  type TaskConfig,
  type WorktreeCleanupPolicy,
  worktreeCleanupPolicies,
} from "./load-config.js";
