import { OpenAPIHono } from "@hono/zod-openapi";
import {
  buildOpenApiDocument,
  registerSharedComponents,
  serializeOpenApiDocument,
} from "../contract/openapi-document.js";
import { readPackageVersion } from "../version.js";
import { describeRouters } from "./routers.js";

/**
 * The API's OpenAPI document from route data alone: no services, no workspace, no
 * handlers. A test holds it equal to the document a running app serves.
 */
export function describeApi(version = readPackageVersion()) {
  const app = new OpenAPIHono();
  registerSharedComponents(app);
  describeRouters(app);
  return buildOpenApiDocument(app, version);
}

/** The text of `openapi.json` exactly as the committed file should hold it. */
export function generateOpenApiText(): string {
  return serializeOpenApiDocument(describeApi());
}
