import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildOpenApiDocument, serializeOpenApiDocument } from "../contract/openapi-document.js";
import { silentLogger } from "../logging/logger.js";
import { readPackageVersion } from "../version.js";
import { createApp } from "./create-app.js";
import { createServices } from "./services.js";

/**
 * Produces the text of `openapi.json` exactly as the committed file should hold it,
 * from the same app the server runs (its services built over a throwaway workspace;
 * no route handler runs).
 */
export async function generateOpenApiText(): Promise<string> {
  const workspaceDir = await mkdtemp(join(tmpdir(), "pi-agent-server-contract-"));
  try {
    const version = readPackageVersion();
    const services = await createServices({
      workspaceDir,
      logger: silentLogger,
      version,
      persistUsage: false,
    });
    const app = createApp(services);
    await services.stop();
    await services.close();
    return serializeOpenApiDocument(buildOpenApiDocument(app, version));
  } finally {
    await rm(workspaceDir, { recursive: true, force: true });
  }
}
