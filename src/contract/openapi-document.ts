import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

export const bearerSecurityScheme = "bearerAuth";

const description = [
  "REST + SSE API over in-process pi coding agent sessions, for many projects in one organisation.",
  "",
  "Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`.",
  "When the server runs with `AGENT_SERVER_TOKEN`, every `/v1` route and `/metrics` require `Authorization: Bearer <token>`.",
  "",
  "A session's SSE stream (`sessions.events`) carries one JSON `WireEvent` (see that component) per event.",
].join("\n");

/** Registers the components every document shares; call once on the top-level app. */
export function registerSharedComponents<E extends Env>(app: OpenAPIHono<E>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", bearerSecurityScheme, {
    type: "http",
    scheme: "bearer",
    description: "`AGENT_SERVER_TOKEN`; required on `/v1` routes when the server sets one.",
  });
}

/** The OpenAPI 3.1 document of every route mounted on `app`. */
export function buildOpenApiDocument<E extends Env>(
  app: OpenAPIHono<E>,
  version: string,
): OpenApiDocument {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "pi agent server",
      version,
      description,
      license: { name: "MIT", url: "https://spdx.org/licenses/MIT.html" },
    },
    servers: [
      { url: "/", description: "The server this document was fetched from." },
      {
        url: "http://127.0.0.1:4001",
        description: "A local server on the default `AGENT_SERVER_HOST` and `AGENT_SERVER_PORT`.",
      },
    ],
    security: [{ [bearerSecurityScheme]: [] }],
    tags: [
      { name: "Health", description: "Liveness and server statistics." },
      { name: "Projects", description: "Isolated agent workspaces." },
      { name: "Sessions", description: "Live pi agent sessions and their event streams." },
      { name: "Models", description: "The models sessions can select." },
      {
        name: "Credentials",
        description:
          "Org-wide API keys and subscription (OAuth) logins; responses say where a credential comes from, never what it is.",
      },
      { name: "Custom providers", description: "Provider records in `.pi-global/models.json`." },
      { name: "Usage", description: "Tokens, cost, runs and tools over time; agents running now." },
      { name: "Metrics", description: "Prometheus metrics." },
      {
        name: "Ask user",
        description:
          "The server-managed `ask_user` tool: queued answers, autopilot prompts, questions for whoever watches, stop, and loop counters.",
      },
      {
        name: "Tasks",
        description:
          "The approval queue: webhook tasks wait for a human, then run as project sessions in git worktrees.",
      },
    ],
  });
}

/** The document as committed to `openapi.json`: stable, two-space JSON with a trailing newline. */
export function serializeOpenApiDocument(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
