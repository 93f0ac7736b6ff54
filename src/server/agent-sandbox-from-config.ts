import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Config } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import { AgentSandbox, unsandboxedWarning } from "../sandbox/index.js";

/** The server's own files (the package root; same relative path from `src/` and `dist/`). */
const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Builds the agent sandbox from `AGENT_SANDBOX*`, hiding the workspace and the server's
 * own files, and checks bubblewrap runs; with `AGENT_SANDBOX=none` it logs a warning.
 *
 * @throws {SandboxUnavailableError} when bubblewrap is missing or cannot run.
 */
export async function agentSandboxFrom(
  config: Pick<Config, "sandbox">,
  workspaceDir: string,
  logger: Logger,
): Promise<AgentSandbox> {
  const sandbox = new AgentSandbox({
    policy: {
      mode: config.sandbox.mode,
      network: config.sandbox.network,
      hostNetwork: config.sandbox.hostNetwork,
      env: config.sandbox.env,
      readOnlyPaths: [],
      // Real paths, so a workspace reached through a symlink is still found under /usr.
      hiddenPaths: [realpathSync(workspaceDir), realpathSync(packageRoot)],
    },
  });
  await sandbox.probe();
  if (config.sandbox.mode === "none") logger.warn(unsandboxedWarning);
  return sandbox;
}
