import type { Config } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import { resourceOptionsFrom } from "../sessions/index.js";
import type { ServicesOptions } from "./services.js";

/**
 * The services options of the standalone server: every setting from `config`, state in
 * `workspaceDir` (as resolved by `checkConfiguredPaths`).
 */
export function servicesOptionsFrom(
  config: Config,
  workspaceDir: string,
  logger: Logger,
): ServicesOptions {
  return {
    workspaceDir,
    templateDir: config.templateDir,
    logger,
    credentials: {
      envKeys: config.providerEnvKeys,
      litellm: config.litellm,
      environmentNames: config.environmentNames,
    },
    resources: resourceOptionsFrom(config),
    runtimeIdleEvictMs: config.runtimeIdleEvictMs,
    replayMaxBytes: config.sseReplayMaxBytes,
    maxStreams: config.sseMaxStreams,
    maxStreamsPerToken: config.sseMaxStreamsPerToken,
    eventLogRetention: config.eventLogRetention,
    tasks: { ...config.tasks, env: config.childEnv },
    streamTicketTtlMs: config.streamTicketTtlMs,
    idempotencyTtlMs: config.idempotencyTtlMs,
    webhooks: config.outgoingWebhooks,
  };
}
