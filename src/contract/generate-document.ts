import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../http/create-app.js";
import { silentLogger } from "../logging/logger.js";
import { ProjectRegistry } from "../projects/project-registry.js";
import { readPackageVersion } from "../version.js";
import { buildOpenApiDocument, serializeOpenApiDocument } from "./openapi-document.js";

/**
 * Produces the text of `openapi.json` exactly as the committed file should hold it,
 * from the same app the server runs (built over a throwaway workspace).
 */
export async function generateOpenApiText(): Promise<string> {
  const workspaceDir = await mkdtemp(join(tmpdir(), "pi-agent-server-contract-"));
  try {
    const registry = await ProjectRegistry.create({ workspaceDir });
    const version = readPackageVersion();
    const app = createApp({ registry, logger: silentLogger, version });
    return serializeOpenApiDocument(buildOpenApiDocument(app, version));
  } finally {
    await rm(workspaceDir, { recursive: true, force: true });
  }
}
