export {
  type ConsoleAppOptions,
  consoleContentSecurityPolicy,
  createConsoleApp,
} from "./console-app.js";
export { type ConsoleAsset, ConsoleAssets, defaultConsoleDir } from "./console-assets.js";
