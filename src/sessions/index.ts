/**
 * The sessions domain: each project's runtime (`RuntimeManager` builds them lazily and
 * evicts idle ones), the live pi sessions a runtime holds, their unsaved-session records,
 * and the session routes. A request goes one way: route → runtime → live session → pi.
 */
export type { LiveSession } from "./live-session.js";
export type { ProjectRuntime } from "./project-runtime.js";
export { resourceOptionsFrom } from "./resource-options.js";
export {
  RuntimeManager,
  type RuntimeManagerOptions,
  type RuntimeStats,
} from "./runtime-manager.js";
export {
  type SessionStateStores,
  sessionStateStoresFor,
  unsavedSessionStoresFor,
} from "./session-state-backend.js";
export type { SessionSummary } from "./session-summaries.js";
export {
  createSessionsApp,
  type RuntimeResolver,
  type SessionsAppOptions,
  sessionRoutes,
} from "./sessions-app.js";
export type {
  UnsavedSession,
  UnsavedSessionStore,
  UnsavedSessionStores,
} from "./unsaved-sessions.js";
