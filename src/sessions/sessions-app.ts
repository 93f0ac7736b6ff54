import { callerOf, ticketHolder } from "../access/caller.js";
import { resolveFieldLimits, type SessionFieldLimits } from "../config/field-limits.js";
import { registerWireEventComponents } from "../contract/wire-event-schema.js";
import { eventStreamResponse } from "../http/event-stream-route.js";
import { checkFieldLimits } from "../http/field-limits.js";
import type { PageLimits } from "../http/pagination.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import type { LogFollowers } from "../sse/log-followers.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import type { ProjectRuntime } from "./project-runtime.js";
import { sessionFullView } from "./session-hub.js";
import { cancelQueuedPromptRoute, listQueueRoute } from "./session-queue-routes.js";
import {
  abortRoute,
  compactRoute,
  followUpRoute,
  promptRoute,
  steerRoute,
} from "./session-run-routes.js";
import {
  answerUiRequestRoute,
  createStreamTicketRoute,
  eventsRoute,
  listUiRequestsRoute,
} from "./session-stream-routes.js";
import { liveSessionSummary } from "./session-summaries.js";
import {
  commandsRoute,
  createSessionRoute,
  deleteSessionRoute,
  getSessionRoute,
  getSettingsRoute,
  listSessionsRoute,
  renameSessionRoute,
  statsRoute,
  updateSettingsRoute,
} from "./sessions-routes.js";

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
  /**
   * In a cluster: streams a session that is not live on this node from its shared log
   * (its events are written by the node that runs it). Default: none, every stream is
   * served by the session's own hub, opening the session when needed.
   */
  logFollowers?: LogFollowers | undefined;
  /**
   * Bounds on prompts (`maxPromptLength`) and session names (`maxTitleLength`), enforced by
   * the handlers below the documented hard maximums (`hardFieldLimits`; a larger value
   * throws `RangeError`). Default 20,000 and 200 characters.
   */
  limits?: Partial<PageLimits & SessionFieldLimits>;
}

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const sessionRoutes = [
  listSessionsRoute,
  createSessionRoute,
  getSessionRoute,
  renameSessionRoute,
  deleteSessionRoute,
  getSettingsRoute,
  updateSettingsRoute,
  promptRoute,
  steerRoute,
  followUpRoute,
  abortRoute,
  compactRoute,
  listQueueRoute,
  cancelQueuedPromptRoute,
  statsRoute,
  commandsRoute,
  listUiRequestsRoute,
  answerUiRequestRoute,
  eventsRoute,
  createStreamTicketRoute,
] as const;

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
  const limits = resolveFieldLimits(options.limits);
  const named = { name: limits.maxTitleLength };
  const prompted = { text: limits.maxPromptLength };
  const tickets = options.streamTickets ?? new StreamTickets();
  const streams = options.streamCounter ?? new StreamCounter();
  const session = async (params: { projectId: string; sessionId: string }) =>
    (await resolveRuntime(params.projectId)).getSession(params.sessionId);

  app.openapi(listSessionsRoute, async (c) => {
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    return c.json({ items: await runtime.listSessions() }, 200);
  });

  app.openapi(createSessionRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, named);
    const runtime = await resolveRuntime(c.req.valid("param").projectId);
    const created = await runtime.createSession(input);
    c.header("location", `${c.req.path}/${created.id}`);
    return c.json({ ...liveSessionSummary(created), settings: created.settings() }, 201);
  });

  app.openapi(getSessionRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    return c.json(
      {
        id: live.id,
        name: live.name ?? null,
        status: live.status,
        settings: live.settings(),
        messages: live.streamedMessages,
        lastEventId: live.hub.lastId,
        replyStartEventId: live.replyStartEventId ?? null,
      },
      200,
    );
  });

  app.openapi(renameSessionRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, named);
    const live = await session(c.req.valid("param"));
    live.rename(input.name);
    return c.json(liveSessionSummary(live), 200);
  });

  app.openapi(deleteSessionRoute, async (c) => {
    const { projectId, sessionId } = c.req.valid("param");
    await (await resolveRuntime(projectId)).deleteSession(sessionId);
    return c.body(null, 204);
  });

  app.openapi(getSettingsRoute, async (c) =>
    c.json((await session(c.req.valid("param"))).settings(), 200),
  );

  app.openapi(updateSettingsRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    return c.json(await live.updateSettings(c.req.valid("json")), 200);
  });

  app.openapi(promptRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, prompted);
    const live = await session(c.req.valid("param"));
    const { outcome, ...queued } = await live.submit(input);
    return c.json({ accepted: true as const, outcome, ...queued }, 202);
  });

  app.openapi(listQueueRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    return c.json({ items: live.queuedPrompts(), onBusy: live.settings().onBusy }, 200);
  });

  app.openapi(cancelQueuedPromptRoute, async (c) => {
    const params = c.req.valid("param");
    await (await session(params)).cancelQueuedPrompt(params.itemId);
    return c.body(null, 204);
  });

  app.openapi(steerRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, prompted);
    await (await session(c.req.valid("param"))).steer(input.text, input.images);
    return c.json({ accepted: true as const }, 202);
  });

  app.openapi(followUpRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, prompted);
    await (await session(c.req.valid("param"))).followUp(input.text, input.images);
    return c.json({ accepted: true as const }, 202);
  });

  app.openapi(abortRoute, async (c) => {
    const live = await session(c.req.valid("param"));
    await live.abort();
    return c.json({ id: live.id, status: live.status }, 200);
  });

  app.openapi(compactRoute, async (c) => {
    const input = c.req.valid("json");
    checkFieldLimits(input, { customInstructions: limits.maxPromptLength });
    const live = await session(c.req.valid("param"));
    const result = await live.compact(input.customInstructions);
    return c.json({ summary: result.summary, tokensBefore: result.tokensBefore }, 200);
  });

  app.openapi(statsRoute, async (c) => {
    const { sessionFile: _file, ...stats } = (await session(c.req.valid("param"))).stats();
    return c.json(stats, 200);
  });

  app.openapi(commandsRoute, async (c) => {
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

  app.openapi(listUiRequestsRoute, async (c) =>
    c.json({ items: (await session(c.req.valid("param"))).ui.list() }, 200),
  );

  app.openapi(answerUiRequestRoute, async (c) => {
    const params = c.req.valid("param");
    (await session(params)).ui.answer(params.requestId, c.req.valid("json"));
    return c.body(null, 204);
  });

  app.openapi(eventsRoute, async (c) => {
    const params = c.req.valid("param");
    const tokenId = callerOf(c).tokenId; // its streams count against its own bound
    const followers = options.logFollowers;
    if (followers) {
      const runtime = await resolveRuntime(params.projectId);
      if (!runtime.liveSession(params.sessionId)) {
        const key = await runtime.sessionLogKey(params.sessionId);
        const lease = await followers.acquire(key, sessionFullView);
        const source = { ...lease, label: params.sessionId, channel: "sessions", tokenId };
        return eventStreamResponse(c, source, streams, options);
      }
    }
    const live = await session(params);
    const source = { hub: live.hub, label: live.id, channel: "sessions", tokenId };
    return eventStreamResponse(c, source, streams, options);
  });

  app.openapi(createStreamTicketRoute, async (c) => {
    await session(c.req.valid("param")); // 404 for a session that does not exist
    return c.json(tickets.issueFor(c.req.path, ticketHolder(callerOf(c))), 201);
  });

  return app;
}
