import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "../http/auth.js";
import { problemFor, problemResponse } from "../http/problem.js";

/**
 * Guards the task webhook with its own secret. Without a secret the webhook is
 * disabled (503 `WEBHOOK_DISABLED`); otherwise only `Bearer <secret>` passes, so the
 * API token is refused here just like any other wrong secret.
 */
export function webhookAuth(secret: string | undefined): MiddlewareHandler {
  if (secret === undefined || secret.length === 0) {
    return async () =>
      problemResponse(
        problemFor(
          "WEBHOOK_DISABLED",
          "Task submission is disabled: the server has no WEBHOOK_SECRET configured",
        ),
      );
  }
  return bearerAuth({ token: secret, realm: "pi-agent-server-webhook" });
}

const webhookPath = /^\/projects\/[^/]+\/tasks$/;

/**
 * Whether a request targets the task webhook (`POST {prefix}/projects/{id}/tasks`),
 * which authenticates with `WEBHOOK_SECRET` instead of the API token. Hosts that put
 * API auth in front of the tasks router skip it for exactly these requests.
 *
 * @example
 * app.use("/v1/*", (c, next) =>
 *   isTaskWebhookRequest(c.req.method, c.req.path, "/v1") ? next() : apiAuth(c, next));
 */
export function isTaskWebhookRequest(method: string, path: string, prefix = ""): boolean {
  if (method !== "POST" || !path.startsWith(`${prefix}/`)) return false;
  return webhookPath.test(path.slice(prefix.length));
}
