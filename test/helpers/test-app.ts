import { type CreateAppOptions, createApp } from "../../src/http/create-app.js";
import { createLogger } from "../../src/logging/logger.js";
import { ProjectRegistry } from "../../src/projects/project-registry.js";

export interface TestApp {
  app: ReturnType<typeof createApp>;
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

/** Builds the full app over a registry in `workspaceDir`, logging into memory. */
export async function createTestApp(
  workspaceDir: string,
  options: Partial<Omit<CreateAppOptions, "registry" | "logger">> & { templateDir?: string } = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const { templateDir, ...appOptions } = options;
  const registry = await ProjectRegistry.create({ workspaceDir, templateDir, logger });
  const app = createApp({ registry, logger, version: "test", ...appOptions });
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
  return { app, registry, workspaceDir, logs, call };
}
