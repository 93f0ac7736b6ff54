export {
  type AskUserAnsweredEvent,
  type AskUserEvent,
  AskUserEventSchema,
  type AskUserStateEvent,
  type AskUserWaitingEvent,
  type AskUserWarningEvent,
} from "../contract/ask-user-events.js";
export { createAskUserApp } from "./ask-user-app.js";
export { askUserStoresFor } from "./ask-user-backend.js";
export { AskUserSession } from "./ask-user-session.js";
export { AskUserSessions } from "./ask-user-sessions.js";
export {
  type AskUserSettings,
  type AskUserSettingsPatch,
  defaultAskUserSettings,
} from "./ask-user-settings.js";
export type { AskUserStateStore, AskUserStores } from "./ask-user-state-store.js";
