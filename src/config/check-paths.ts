import { mkdir, stat } from "node:fs/promises";
import type { Logger } from "../logging/logger.js";
import { type Config, ConfigError } from "./load-config.js";

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks the directories the configuration names and returns the workspace root to use.
 * A set `WORKSPACE_DIR` must already exist; an unset one falls back to `./workspace`,
 * created if needed (and logged). A set `APPX_TEMPLATE_DIR` must exist.
 *
 * @throws {ConfigError} naming the variable whose directory is missing.
 */
export async function checkConfiguredPaths(config: Config, logger: Logger): Promise<string> {
  const issues: string[] = [];
  if (config.workspaceDir !== undefined && !(await isDirectory(config.workspaceDir))) {
    issues.push(`WORKSPACE_DIR: directory ${config.workspaceDir} does not exist`);
  }
  if (config.templateDir !== undefined && !(await isDirectory(config.templateDir))) {
    issues.push(`APPX_TEMPLATE_DIR: directory ${config.templateDir} does not exist`);
  }
  if (issues.length > 0) throw new ConfigError(issues);

  if (config.workspaceDir !== undefined) return config.workspaceDir;
  await mkdir(config.defaultWorkspaceDir, { recursive: true });
  logger.info("WORKSPACE_DIR is not set; using the default workspace", {
    workspaceDir: config.defaultWorkspaceDir,
  });
  return config.defaultWorkspaceDir;
}
