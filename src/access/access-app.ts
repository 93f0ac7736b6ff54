import { AppError } from "../errors/index.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import {
  auditRoute,
  createTokenRoute,
  deleteTokenRoute,
  listTokensRoute,
  whoAmIRoute,
} from "./access-routes.js";
import type { AuditStore, TokenStore } from "./access-stores.js";
import { callerOf } from "./caller.js";

/** This router's routes as data, in the order it registers them. */
export const accessRoutes = [
  whoAmIRoute,
  createTokenRoute,
  listTokensRoute,
  deleteTokenRoute,
  auditRoute,
] as const;

export interface AccessAppDeps extends RouterOptions {
  tokens: TokenStore;
  audit: AuditStore;
  now?: () => number;
}

/**
 * Who the caller is (`/whoami`), API token management (`/tokens`) and the audit log
 * (`/audit`), the last two for admins. Mount it under the API prefix.
 */
export function createAccessApp(deps: AccessAppDeps) {
  const now = deps.now ?? Date.now;
  const app = createRouter(deps);

  app.openapi(whoAmIRoute, (c) => {
    const { kind, tokenId, name, role, projects } = callerOf(c);
    return c.json(
      {
        kind,
        name,
        role,
        ...(tokenId ? { tokenId } : {}),
        ...(projects ? { projects: [...projects] } : {}),
      },
      200,
    );
  });

  app.openapi(createTokenRoute, async (c) => {
    const body = c.req.valid("json");
    if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= now()) {
      throw new AppError("VALIDATION_FAILED", "expiresAt must be in the future", {
        fields: [{ path: "expiresAt", message: "must be in the future" }],
      });
    }
    const created = await deps.tokens.create(body, callerOf(c).name);
    c.header("location", `${c.req.path}/${created.token.id}`);
    return c.json(created, 201);
  });

  app.openapi(listTokensRoute, async (c) => c.json({ items: await deps.tokens.list() }, 200));

  app.openapi(deleteTokenRoute, async (c) => {
    const { tokenId } = c.req.valid("param");
    if (!(await deps.tokens.remove(tokenId))) {
      throw new AppError("TOKEN_NOT_FOUND", `No API token with id ${tokenId}`);
    }
    return c.body(null, 204);
  });

  app.openapi(auditRoute, async (c) => c.json(await deps.audit.query(c.req.valid("query")), 200));

  return app;
}
