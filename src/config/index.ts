export { checkConfiguredPaths } from "./check-paths.js";
export {
  type Config,
  ConfigError,
  isLoopbackHost,
  type Limits,
  type LoadConfigOptions,
  loadConfig,
} from "./load-config.js";
