import { createRouter, type RouterOptions } from "../http/router.js";
import {
  clearQueueRoute,
  enqueueRoute,
  getCountersRoute,
  getDefaultsRoute,
  getOverviewRoute,
  getSettingsRoute,
  listQueueRoute,
  replaceDefaultsRoute,
  resetCountersRoute,
  stopRoute,
  updateSettingsRoute,
} from "./ask-user-routes.js";
import type { AskUserSessions } from "./ask-user-sessions.js";

/** What the routes need of a project's runtime: its sessions and their `ask_user` state. */
export interface AskUserRuntime {
  /** @throws {AppError} `SESSION_NOT_FOUND` when the project has no such session. */
  getSession(sessionId: string): Promise<unknown>;
  readonly askUser: AskUserSessions;
}

/** Finds a project's runtime; throws `PROJECT_NOT_FOUND` for an unknown project. */
export type AskUserRuntimeResolver = (
  projectId: string,
) => AskUserRuntime | Promise<AskUserRuntime>;

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const askUserRoutes = [
  getOverviewRoute,
  getSettingsRoute,
  updateSettingsRoute,
  listQueueRoute,
  enqueueRoute,
  clearQueueRoute,
  stopRoute,
  getCountersRoute,
  resetCountersRoute,
  getDefaultsRoute,
  replaceDefaultsRoute,
] as const;

/**
 * The `ask_user` routes (`/projects/{projectId}/sessions/{sessionId}/ask-user/…` and the
 * project defaults at `/projects/{projectId}/ask-user/defaults`), ready to mount under
 * any prefix. Every change is on disk before the response is sent.
 *
 * @example
 * app.route("/v1", createAskUserApp((projectId) => runtimes.get(projectId)));
 */
export function createAskUserApp(
  resolveRuntime: AskUserRuntimeResolver,
  options: RouterOptions = {},
) {
  const app = createRouter(options);

  const askUser = async (params: { projectId: string; sessionId: string }) => {
    const runtime = await resolveRuntime(params.projectId);
    await runtime.getSession(params.sessionId);
    return runtime.askUser.get(params.sessionId);
  };

  app.openapi(getOverviewRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    return c.json(
      {
        settings: session.settings,
        queue: session.queue,
        stopRequested: session.stopRequested,
        waiting: session.waiting,
        counters: session.counters(),
      },
      200,
    );
  });

  app.openapi(getSettingsRoute, async (c) =>
    c.json((await askUser(c.req.valid("param"))).settings, 200),
  );

  app.openapi(updateSettingsRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    const settings = session.updateSettings(c.req.valid("json"));
    await session.flush();
    return c.json(settings, 200);
  });

  app.openapi(listQueueRoute, async (c) =>
    c.json({ items: (await askUser(c.req.valid("param"))).queue }, 200),
  );

  app.openapi(enqueueRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    const item = session.enqueue(c.req.valid("json").text);
    await session.flush();
    return c.json(item, 201);
  });

  app.openapi(clearQueueRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    const cleared = session.clearQueue();
    await session.flush();
    return c.json({ cleared }, 200);
  });

  app.openapi(stopRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    const result = session.stop();
    await session.flush();
    return c.json(result, 200);
  });

  app.openapi(getCountersRoute, async (c) =>
    c.json((await askUser(c.req.valid("param"))).counters(), 200),
  );

  app.openapi(resetCountersRoute, async (c) => {
    const session = await askUser(c.req.valid("param"));
    const counters = session.resetCounters();
    await session.flush();
    return c.json(counters, 200);
  });

  app.openapi(getDefaultsRoute, async (c) => {
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    return c.json(await runtime.askUser.defaults(), 200);
  });

  app.openapi(replaceDefaultsRoute, async (c) => {
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    return c.json(await runtime.askUser.replaceDefaults(c.req.valid("json")), 200);
  });

  return app;
}
