import { registerWireEventComponents } from "../contract/wire-event-schema.js";
import { eventStreamResponse } from "../http/event-stream-route.js";
import type { PageLimits } from "../http/pagination.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets, sessionStreamScope } from "../sse/stream-tickets.js";
import { liveSessionSummary, type ProjectRuntime } from "./project-runtime.js";
import { sessionRoutes } from "./sessions-routes.js";
import { defaultSessionFieldLimits, type SessionFieldLimits } from "./sessions-schemas.js";

/** Finds the runtime of a project; throws `PROJECT_NOT_FOUND` for unknown projects. */
export type RuntimeResolver = (projectId: string) => ProjectRuntime | Promise<ProjectRuntime>;

export interface SessionsAppOptions extends RouterOptions {
  /** Interval of SSE heartbeat comments. Default 15 s. */
  heartbeatMs?: number;
  /** Frames an SSE reader may fall behind before it is disconnected. Default 1024. */
  maxQueuedFrames?: number;
  /** Issues the browser stream tickets; share it with the auth that accepts them. Default: 60 s tickets. */
  streamTickets?: StreamTickets;
  /** Counts this router's open streams under channel `sessions`. Default: a private counter. */
  streamCounter?: StreamCounter;
  /** Bounds on prompts (`maxPromptLength`) and session names (`maxTitleLength`). Default 20,000 and 200 characters. */
  limits?: Partial<PageLimits & SessionFieldLimits>;
}

/**
 * The session routes (`/projects/{projectId}/sessions/…`), ready to mount under any prefix.
 *
 * @example
 * app.route("/v1", createSessionsApp((projectId) => runtimes.get(projectId)));
 */
export function createSessionsApp(
  resolveRuntime: RuntimeResolver,
  options: SessionsAppOptions = {},
) {
  const app = createRouter(options);
  registerWireEventComponents(app);
  const routes = sessionRoutes({
    maxPromptLength: options.limits?.maxPromptLength ?? defaultSessionFieldLimits.maxPromptLength,
    maxTitleLength: options.limits?.maxTitleLength ?? defaultSessionFieldLimits.maxTitleLength,
  });
  const tickets = options.streamTickets ?? new StreamTickets();
  const streams = options.streamCounter ?? new StreamCounter();
  const session = async (params: { projectId: string; sessionId: string }) =>
    (await resolveRuntime(params.projectId)).getSession(params.sessionId);

  app.openapi(routes.listSessionsRoute, async (c) => {
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    return c.json({ items: await runtime.listSessions() }, 200);
  });

  app.openapi(routes.createSessionRoute, async (c) => {
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    const created = await runtime.createSession(c.req.valid("json"));
    c.header("location", `${c.req.path}/${created.id}`);
    return c.json({ ...liveSessionSummary(created), settings: created.settings() }, 201);
  });

  app.openapi(routes.getSessionRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    return c.json(
      {
        id: live.id,
        name: live.name ?? null,
        status: live.status,
        settings: live.settings(),
        messages: live.messages,
      },
      200,
    );
  });

  app.openapi(routes.renameSessionRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    live.rename(c.req.valid("json").name);
    return c.json(liveSessionSummary(live), 200);
  });

  app.openapi(routes.deleteSessionRoute, async (c) => {
    const { projectId, sessionId } = c.req.valid("param");
    await (await resolveRuntime(projectId)).deleteSession(sessionId);
    return c.body(null, 204);
  });

  app.openapi(routes.getSettingsRoute, async (c) =>
    c.json((await session(c.req.valid("param"))).settings(), 200),
  );

  app.openapi(routes.updateSettingsRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    return c.json(await live.updateSettings(c.req.valid("json")), 200);
  });

  app.openapi(routes.promptRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    await live.prompt(c.req.valid("json"));
    return c.json({ accepted: true as const }, 202);
  });

  app.openapi(routes.steerRoute, async (c) => {
    const { text, images } = c.req.valid("json");
    await (await session(c.req.valid("param"))).steer(text, images);
    return c.json({ accepted: true as const }, 202);
  });

  app.openapi(routes.followUpRoute, async (c) => {
    const { text, images } = c.req.valid("json");
    await (await session(c.req.valid("param"))).followUp(text, images);
    return c.json({ accepted: true as const }, 202);
  });

  app.openapi(routes.abortRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    await live.abort();
    return c.json({ id: live.id, status: live.status }, 200);
  });

  app.openapi(routes.compactRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    const result = await live.compact(c.req.valid("json").customInstructions);
    return c.json({ summary: result.summary, tokensBefore: result.tokensBefore }, 200);
  });

  app.openapi(routes.statsRoute, async (c) => {
    const { sessionFile: _file, ...stats } = (await session(c.req.valid("param"))).stats();
    return c.json(stats, 200);
  });

  app.openapi(routes.commandsRoute, async (c) => {
    const commands = (await session(c.req.valid("param"))).commands();
    return c.json(
      {
        items: commands.map(({ name, description, source }) => ({
          name,
          source,
          ...(description === undefined ? {} : { description }),
        })),
      },
      200,
    );
  });

  app.openapi(routes.listUiRequestsRoute, async (c) =>
    c.json({ items: (await session(c.req.valid("param"))).ui.list() }, 200),
  );

  app.openapi(routes.answerUiRequestRoute, async (c) => {
    const params = c.req.valid("param");
    (await session(params)).ui.answer(params.requestId, c.req.valid("json"));
    return c.body(null, 204);
  });

  app.openapi(routes.eventsRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    const source = { hub: live.hub, label: live.id, channel: "sessions" };
    return eventStreamResponse(c, source, streams, options);
  });

  app.openapi(routes.createStreamTicketRoute, async (c) => {
    const params = c.req.valid("param");
    const live = await session(params);
    return c.json(tickets.issueFor(sessionStreamScope(params.projectId, live.id), c.req.path), 201);
  });

  return app;
}
