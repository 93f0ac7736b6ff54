import { AppError } from "../errors/index.js";
import { AskUserSession } from "./ask-user-session.js";
import {
  type AskUserSettings,
  type AskUserSettingsPatch,
  defaultAskUserSettings,
  mergeSettings,
} from "./ask-user-settings.js";
import { freshState } from "./ask-user-state.js";
import type { AskUserStateStore } from "./ask-user-state-store.js";
import { AskUserStore } from "./ask-user-store.js";

/**
 * The `ask_user` state of one project's sessions and the project's defaults, kept in the
 * project's transcript directory or another {@link AskUserStateStore}. A session's state
 * is loaded before pi opens it (so the tool starts in the right state) and attached once
 * the live session exists.
 *
 * @example
 * const pending = await askUser.prepare(sessionId);
 * const agent = await openAgentSession(context, { sessionFile, askUser: pending.hooks });
 * pending.attach(await LiveSession.attach(agent, org, sequence));
 */
export class AskUserSessions {
  readonly #store: AskUserStateStore;
  readonly #sessions = new Map<string, AskUserSession>();
  #defaults: Promise<AskUserSettingsPatch> | undefined;
  #loadedDefaults: AskUserSettingsPatch = {};

  /**
   * @param where the project's transcript directory (`.pi-global/sessions/{projectId}`)
   *   to keep state in files there, or the store to keep it in.
   */
  constructor(where: string | AskUserStateStore) {
    this.#store = typeof where === "string" ? new AskUserStore(where) : where;
  }

  /** Loads the state of `sessionId` (fresh state for a new session, `undefined`). */
  async prepare(sessionId?: string): Promise<AskUserSession> {
    await this.#loadDefaults();
    const state = sessionId === undefined ? undefined : await this.#store.loadState(sessionId);
    return new AskUserSession(state ?? freshState(), {
      save: (id, next) => this.#store.saveState(id, next),
      projectDefaults: () => this.#loadedDefaults,
      onAttach: (session) => {
        if (session.id !== undefined) this.#sessions.set(session.id, session);
      },
    });
  }

  /**
   * The state of a live session.
   *
   * @throws {AppError} `SESSION_NOT_FOUND` when the session is not open.
   */
  get(sessionId: string): AskUserSession {
    const session = this.#sessions.get(sessionId);
    if (!session) {
      throw new AppError("SESSION_NOT_FOUND", `No session with id "${sessionId}" in this project`);
    }
    return session;
  }

  /** The project's effective defaults for new and existing sessions. */
  async defaults(): Promise<AskUserSettings> {
    return mergeSettings(defaultAskUserSettings, await this.#loadDefaults());
  }

  /** Replaces the project's defaults; sessions without their own value follow at once. */
  async replaceDefaults(defaults: AskUserSettingsPatch): Promise<AskUserSettings> {
    await this.#loadDefaults();
    await this.#store.saveDefaults(defaults);
    this.#loadedDefaults = defaults;
    this.#defaults = Promise.resolve(defaults);
    return this.defaults();
  }

  /** Stops writing the session's state and removes its file. */
  async delete(sessionId: string): Promise<void> {
    const session = this.#sessions.get(sessionId);
    this.#sessions.delete(sessionId);
    await session?.close();
    await this.#store.deleteState(sessionId);
  }

  /** Flushes and closes every session's state (the runtime is going away). */
  async close(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => session.close()));
  }

  #loadDefaults(): Promise<AskUserSettingsPatch> {
    this.#defaults ??= this.#store.loadDefaults().then(
      (loaded) => {
        this.#loadedDefaults = loaded;
        return loaded;
      },
      (error: unknown) => {
        this.#defaults = undefined;
        throw error;
      },
    );
    return this.#defaults;
  }
}
