import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Config, checkConfiguredPaths } from "../config/index.js";
import { CredentialsService } from "../credentials/credentials-service.js";
import { createApp } from "../http/create-app.js";
import type { Logger } from "../logging/logger.js";
import { ProjectRegistry } from "../projects/project-registry.js";
import { resourceOptionsFrom } from "../runtimes/resource-options.js";
import { RuntimeManager } from "../runtimes/runtime-manager.js";
import { TaskService } from "../tasks/index.js";
import { UsageRecorder } from "../usage/usage-recorder.js";
import { agentSandboxFrom } from "./agent-sandbox-from-config.js";
import { answerClientErrorsWithProblems } from "./client-errors.js";

export interface RunningServer {
  /** Base URL the server answers on, e.g. `http://127.0.0.1:4001`. */
  url: string;
  registry: ProjectRegistry;
  runtimes: RuntimeManager;
  /** The org's credentials, models and subscription logins. */
  credentials: CredentialsService;
  usage: UsageRecorder;
  tasks: TaskService;
  /**
   * Stops accepting connections, lets in-flight requests finish within the configured
   * grace period (then cuts the rest), and flushes state.
   */
  stop(): Promise<void>;
}

function formatUrl(host: string, port: number): string {
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Builds every component from `config` and starts listening. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const workspaceDir = await checkConfiguredPaths(config, logger);
  const sandbox = await agentSandboxFrom(config, workspaceDir, logger);
  const registry = await ProjectRegistry.create({
    workspaceDir,
    templateDir: config.templateDir,
    logger,
  });
  const credentials = new CredentialsService({
    globalDir: registry.layout.globalDir,
    envKeys: config.providerEnvKeys,
    litellm: config.litellm,
    environmentNames: config.environmentNames,
    logger,
  });
  const usage = await UsageRecorder.open(registry.layout.usageDir, { logger });
  const runtimes = new RuntimeManager({
    registry,
    org: credentials.org,
    resources: resourceOptionsFrom(config),
    idleEvictMs: config.runtimeIdleEvictMs,
    replayMaxBytes: config.sseReplayMaxBytes,
    onSessionEvent: usage.observe,
    logger,
    sandbox,
  });
  const tasks = new TaskService({
    registry,
    runtimes,
    logger,
    concurrency: config.tasks.concurrency,
    timeoutMs: config.tasks.timeoutMs,
    worktreeCleanup: config.tasks.worktreeCleanup,
    prCommand: config.tasks.prCommand,
    replayMaxBytes: config.sseReplayMaxBytes,
  });
  await tasks.ready();
  const app = createApp({
    registry,
    runtimes,
    credentials,
    usage,
    tasks,
    webhookSecret: config.webhookSecret,
    logger,
    apiToken: config.apiToken,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    bindAddress: config.host,
    maxBodyBytes: config.limits.maxBodyBytes,
    limits: config.limits,
    streamTicketTtlMs: config.streamTicketTtlMs,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(listening),
    );
    listening.once("error", reject);
  });
  answerClientErrorsWithProblems(server);
  const { port } = server.address() as AddressInfo;
  const url = formatUrl(config.host, port);
  logger.info(`listening on ${url}`, {
    docs: `${url}/docs`,
    openapi: `${url}/openapi.json`,
    workspaceDir,
    auth: config.apiToken === undefined ? "off" : "bearer",
    taskWebhook: config.webhookSecret === undefined ? "disabled" : "enabled",
    sandbox: `${config.sandbox.mode}, network ${config.sandbox.network ? "on" : "off"}`,
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      credentials.dispose();
      await tasks.stop();
      await runtimes.disposeAll();
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const grace = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await usage.flush();
      await registry.close();
    })();
    return stopping;
  };
  return { url, registry, runtimes, credentials, usage, tasks, stop };
}
