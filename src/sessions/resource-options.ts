import type { Config } from "../config/index.js";
import type { ResourceOptions } from "../pi/agent-sessions.js";

/**
 * The pi resources every session loads, from the configuration: the `PI_*` extras and
 * discovery switches, plus a system-prompt paragraph naming the container runtime so the
 * deploy skill's commands use the one installed on this host.
 */
export function resourceOptionsFrom(
  config: Pick<Config, "piResources" | "containerRuntime">,
): ResourceOptions {
  const runtime = config.containerRuntime;
  return {
    ...config.piResources,
    appendSystemPrompt: [
      `Container runtime on this host: ${runtime}. Use \`${runtime}\` for every container command (build, run, stop, logs), and export APP_CONTAINER_RUNTIME=${runtime} when running deploy scripts.`,
    ],
  };
}
