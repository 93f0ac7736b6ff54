import { createRouter, type RouterOptions } from "../http/router.js";
import {
  cancelSubscriptionRoute,
  continueSubscriptionRoute,
  deleteCustomProviderRoute,
  getSubscriptionRoute,
  listCustomProvidersRoute,
  listModelsRoute,
  listProvidersRoute,
  removeCredentialRoute,
  setApiKeyRoute,
  startSubscriptionRoute,
  upsertCustomProviderRoute,
} from "./credentials-routes.js";
import type { CredentialsService } from "./credentials-service.js";

export type CredentialsAppOptions = RouterOptions;

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const credentialsRoutes = [
  listModelsRoute,
  listProvidersRoute,
  setApiKeyRoute,
  removeCredentialRoute,
  startSubscriptionRoute,
  getSubscriptionRoute,
  continueSubscriptionRoute,
  cancelSubscriptionRoute,
  listCustomProvidersRoute,
  upsertCustomProviderRoute,
  deleteCustomProviderRoute,
] as const;

/**
 * The org-global routes: selectable models (`/sessions/models`), credentials and
 * subscription logins (`/auth/…`) and custom providers (`/custom/providers`), ready to
 * mount under any prefix. No response ever carries a secret.
 *
 * @example
 * app.route("/v1", createCredentialsApp(credentials));
 */
export function createCredentialsApp(
  credentials: CredentialsService,
  options: CredentialsAppOptions = {},
) {
  const app = createRouter(options);

  app.openapi(listModelsRoute, (c) =>
    c.json(
      { items: credentials.models(c.req.valid("query")), defaultModel: credentials.defaultModel() },
      200,
    ),
  );

  app.openapi(listProvidersRoute, async (c) =>
    c.json({ items: await credentials.providers() }, 200),
  );

  app.openapi(setApiKeyRoute, async (c) => {
    const { provider } = c.req.valid("param");
    return c.json(await credentials.setApiKey(provider, c.req.valid("json").apiKey), 200);
  });

  app.openapi(removeCredentialRoute, async (c) => {
    await credentials.removeCredential(c.req.valid("param").provider);
    return c.body(null, 204);
  });

  app.openapi(startSubscriptionRoute, async (c) => {
    const flow = await credentials.subscriptions.start(c.req.valid("param").provider);
    c.header(
      "location",
      `${c.req.path.replace(/\/providers\/[^/]+\/subscription\/start$/, "")}/subscription/${flow.id}`,
    );
    return c.json(flow, 201);
  });

  app.openapi(getSubscriptionRoute, (c) =>
    c.json(credentials.subscriptions.get(c.req.valid("param").flowId), 200),
  );

  app.openapi(continueSubscriptionRoute, async (c) => {
    const { flowId } = c.req.valid("param");
    return c.json(await credentials.subscriptions.continue(flowId, c.req.valid("json").value), 200);
  });

  app.openapi(cancelSubscriptionRoute, (c) =>
    c.json(credentials.subscriptions.cancel(c.req.valid("param").flowId), 200),
  );

  app.openapi(listCustomProvidersRoute, async (c) =>
    c.json({ items: await credentials.customProviders.list() }, 200),
  );

  app.openapi(upsertCustomProviderRoute, async (c) => {
    const { provider, created } = await credentials.customProviders.upsert(c.req.valid("json"));
    return created ? c.json(provider, 201) : c.json(provider, 200);
  });

  app.openapi(deleteCustomProviderRoute, async (c) => {
    await credentials.customProviders.remove(c.req.valid("param").provider);
    return c.body(null, 204);
  });

  return app;
}
