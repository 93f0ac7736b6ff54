import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../logging/logger.js";
import { memoryEventLogs } from "../storage/index.js";
import { createServices, type Services, type ServicesOptions } from "./services.js";

/** `createServices` options, every one optional; the defaults below replace its own. */
export type InMemoryServicesOptions = Partial<ServicesOptions>;

export interface InMemoryServices extends Services {
  /** Root of the services' state: the given directory or a fresh temporary one. */
  readonly workspaceDir: string;
}

/**
 * `createServices` for tests and for trying the API out, with no configuration file and
 * no environment: state in a fresh temporary workspace (removed by `close()`) unless
 * `workspaceDir` is given, usage and event logs kept in memory (`persistUsage: false`,
 * `memoryEventLogs()`, or the cluster's database with `cluster`) and nothing logged (`silentLogger`). Everything else is `createServices`' default, the sandbox included
 * (bubblewrap, started only by a `bash` tool call). Pi-ai's scripted models come from
 * `installFauxProvider(services.credentials.org)`.
 *
 * @example
 * const services = await createInMemoryServices();
 * const app = createApp(services);
 * await app.request("/v1/projects", { method: "POST", body: '{"name":"demo"}', headers });
 * await services.stop();
 * await services.close();
 */
export async function createInMemoryServices(
  options: InMemoryServicesOptions = {},
): Promise<InMemoryServices> {
  const ownDir = options.workspaceDir === undefined;
  const workspaceDir =
    options.workspaceDir ?? (await mkdtemp(join(tmpdir(), "pi-agent-server-workspace-")));
  const services = await createServices({
    logger: silentLogger,
    persistUsage: false,
    ...(options.cluster ? {} : { eventLogs: memoryEventLogs() }),
    ...options,
    workspaceDir,
  });
  return {
    ...services,
    workspaceDir,
    async close() {
      await services.close();
      if (ownDir) await rm(workspaceDir, { recursive: true, force: true });
    },
  };
}
