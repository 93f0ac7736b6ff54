import { createLogger } from "../../src/logging/logger.js";
import type { ProjectRegistry } from "../../src/projects/project-registry.js";
import { type CreateAppOptions, createApp } from "../../src/server/create-app.js";
import { createInMemoryServices } from "../../src/server/in-memory-services.js";
import type { Services, ServicesOptions } from "../../src/server/services.js";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  registry: ProjectRegistry;
  workspaceDir: string;
  /** Every line the app logged. */
  logs: string[];
  /** `app.request` with a JSON body and optional bearer token. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<Response>;
}

/**
 * Builds the full app over services in `workspaceDir` (usage kept in memory), logging
 * into memory.
 */
export async function createTestApp(
  workspaceDir: string,
  options: CreateAppOptions = {},
  servicesOptions: Omit<ServicesOptions, "workspaceDir" | "logger"> = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const services = await createInMemoryServices({
    version: "test",
    ...servicesOptions,
    workspaceDir,
    logger,
  });
  const app = createApp(services, options);
  const call: TestApp["call"] = (method, path, { body, token, headers = {} } = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    const allHeaders = init.headers as Record<string, string>;
    if (token !== undefined) allHeaders.authorization = `Bearer ${token}`;
    if (body !== undefined) {
      allHeaders["content-type"] ??= "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    return Promise.resolve(app.request(path, init));
  };
  return { app, services, registry: services.registry, workspaceDir, logs, call };
}
