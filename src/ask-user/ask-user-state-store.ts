import type { AskUserSettingsPatch } from "./ask-user-settings.js";
import type { AskUserState } from "./ask-user-state.js";

/**
 * Where one project's `ask_user` state lives: each session's state and the project's
 * defaults. A record that does not parse is set aside (never lost) and reads as fresh.
 */
export interface AskUserStateStore {
  /** The state of `sessionId`; fresh state when it has none. */
  loadState(sessionId: string): Promise<AskUserState>;
  saveState(sessionId: string, state: AskUserState): Promise<void>;
  /** Removes the state of `sessionId`; nothing happens when it has none. */
  deleteState(sessionId: string): Promise<void>;
  /** The project's defaults; `{}` when it has none. */
  loadDefaults(): Promise<AskUserSettingsPatch>;
  saveDefaults(defaults: AskUserSettingsPatch): Promise<void>;
}

/** Every project's `ask_user` stores: one server's files or a cluster's database. */
export interface AskUserStores {
  /** The store of one project; `sessionsDir` is its transcript directory. */
  forProject(projectId: string, sessionsDir: string): AskUserStateStore;
  /** Forgets a deleted project's state (files go with its transcript directory). */
  removeProject(projectId: string): Promise<void>;
}
