import type { z } from "@hono/zod-openapi";
import type { StreamTicketSchema } from "../sse/stream-ticket-schema.js";
import type * as schemas from "./sessions-schemas.js";

/** Path parameters of every `…/sessions/{sessionId}` route. */
export type SessionParams = z.input<typeof schemas.SessionIdParamsSchema>;

/** `sessions.list`: the sessions of a project, newest first. */
export type SessionList = z.output<typeof schemas.SessionListSchema>;
/** One session of a list, and the answer of `sessions.rename`. */
export type SessionSummary = z.output<typeof schemas.SessionSummarySchema>;

/** Body of `sessions.create`. */
export type CreateSessionRequest = z.input<typeof schemas.CreateSessionSchema>;
/** Answer of `sessions.create`. */
export type CreatedSession = z.output<typeof schemas.CreatedSessionSchema>;

/** Answer of `sessions.get`. */
export type SessionDetail = z.output<typeof schemas.SessionDetailSchema>;

/** Body of `sessions.rename`. */
export type RenameSessionRequest = z.input<typeof schemas.RenameSessionSchema>;

/** Answer of `sessions.getSettings` and `sessions.updateSettings`. */
export type SessionSettings = z.output<typeof schemas.SessionSettingsSchema>;
/** Body of `sessions.updateSettings`. */
export type UpdateSettingsRequest = z.input<typeof schemas.UpdateSettingsSchema>;

/** Body of `sessions.prompt`. */
export type PromptRequest = z.input<typeof schemas.PromptSchema>;
/** Body of `sessions.steer` and `sessions.followUp`. */
export type QueueMessageRequest = z.input<typeof schemas.QueueMessageSchema>;
/** Answer of `sessions.prompt`, `sessions.steer` and `sessions.followUp`. */
export type Accepted = z.output<typeof schemas.AcceptedSchema>;

/** Answer of `sessions.abort`. */
export type AbortedSession = z.output<typeof schemas.AbortedSessionSchema>;

/** Body of `sessions.compact`. */
export type CompactRequest = z.input<typeof schemas.CompactSchema>;
/** Answer of `sessions.compact`. */
export type SessionCompaction = z.output<typeof schemas.SessionCompactionSchema>;

/** Answer of `sessions.stats`. */
export type SessionStats = z.output<typeof schemas.SessionStatsSchema>;

/** Answer of `sessions.commands`. */
export type SessionCommandList = z.output<typeof schemas.SessionCommandListSchema>;

/** Answer of `sessions.listUiRequests`. */
export type PendingUiRequestList = z.output<typeof schemas.PendingUiRequestListSchema>;
/** Path parameters of `sessions.answerUiRequest`. */
export type UiRequestParams = z.input<typeof schemas.UiRequestParamsSchema>;
/** Body of `sessions.answerUiRequest`. */
export type UiAnswerRequest = z.input<typeof schemas.UiAnswerSchema>;

/** Answer of `sessions.createStreamTicket`. */
export type StreamTicket = z.output<typeof StreamTicketSchema>;
