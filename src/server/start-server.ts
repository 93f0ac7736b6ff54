import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { joinCluster } from "../cluster/index.js";
import { type Config, checkConfiguredPaths } from "../config/index.js";
import type { CredentialsService } from "../credentials/credentials-service.js";
import type { Logger } from "../logging/logger.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import type { RuntimeManager } from "../sessions/index.js";
import type { TaskService } from "../tasks/index.js";
import type { UsageRecorder } from "../usage/usage-recorder.js";
import { agentSandboxFrom } from "./agent-sandbox-from-config.js";
import { answerClientErrorsWithProblems } from "./client-errors.js";
import { createApp } from "./create-app.js";
import { createServices, type Services } from "./services.js";
import { servicesOptionsFrom } from "./services-from-config.js";

export interface RunningServer {
  /** Base URL the server answers on, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** Everything the app serves. */
  services: Services;
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

/** Builds the services and the app from `config` and starts listening. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const workspaceDir = await checkConfiguredPaths(config, logger);
  const sandbox = await agentSandboxFrom(config, workspaceDir, logger);
  const cluster = config.cluster ? await joinCluster(config.cluster, { logger }) : undefined;
  const services = await createServices({
    ...servicesOptionsFrom(config, workspaceDir, logger),
    sandbox,
    cluster,
  });
  await services.tasks.ready();
  const app = createApp(services, {
    webhookSecret: config.webhookSecret,
    apiToken: config.apiToken,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    bindAddress: config.host,
    maxBodyBytes: config.limits.maxBodyBytes,
    limits: config.limits,
    consoleDir: config.consoleDir,
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
  await cluster?.nodes.announce(config.cluster?.nodeUrl ?? url);
  logger.info(`listening on ${url}`, {
    docs: `${url}/docs`,
    openapi: `${url}/openapi.json`,
    workspaceDir,
    auth: config.apiToken === undefined ? "off" : "bearer",
    taskWebhook: config.webhookSecret === undefined ? "disabled" : "enabled",
    sandbox: `${config.sandbox.mode}, network ${config.sandbox.network ? "on" : "off"}`,
    state: cluster ? `postgres, node ${cluster.nodeId} (${cluster.role})` : "files",
  });

  // Prompt queues left by the last run go on once the server listens (see docs/double-texting.md).
  setImmediate(() => {
    const { owners } = services;
    void services.runtimes.resumeQueuedPrompts(
      (projectId, error) =>
        logger.warn("could not resume queued prompts", { projectId, error: String(error) }),
      owners && (async (projectId) => (await owners.route(projectId)).serve === "here"),
    );
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await services.stop();
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const grace = setTimeout(() => {
        if ("closeAllConnections" in server) server.closeAllConnections();
      }, config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await services.close();
      await cluster?.leave();
    })();
    return stopping;
  };
  const { registry, runtimes, credentials, usage, tasks } = services;
  return { url, services, registry, runtimes, credentials, usage, tasks, stop };
}
