import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../storage/index.js";
import { type AskUserSettingsPatch, AskUserSettingsPatchSchema } from "./ask-user-settings.js";
import { type AskUserState, AskUserStateSchema, freshState } from "./ask-user-state.js";
import type { AskUserStateStore } from "./ask-user-state-store.js";

/** Name of the project-wide defaults file inside a project's transcript directory. */
export const defaultsFileName = "ask-user-defaults.json";

/**
 * Reads and writes `ask_user` state beside a project's transcripts
 * (`.pi-global/sessions/{projectId}/`): `{sessionId}.ask-user.json` per session and
 * `ask-user-defaults.json` for the project. Every write is atomic; a file that does not
 * parse is moved aside (`….corrupt-<time>`) and replaced by fresh state, never lost.
 */
export class AskUserStore implements AskUserStateStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  stateFile(sessionId: string): string {
    return join(this.dir, `${sessionId}.ask-user.json`);
  }

  async loadState(sessionId: string): Promise<AskUserState> {
    const file = this.stateFile(sessionId);
    const parsed = await this.#read(file, (raw) => AskUserStateSchema.parse(raw));
    return parsed ?? freshState();
  }

  async saveState(sessionId: string, state: AskUserState): Promise<void> {
    await this.#write(this.stateFile(sessionId), state);
  }

  async deleteState(sessionId: string): Promise<void> {
    await rm(this.stateFile(sessionId), { force: true });
  }

  async loadDefaults(): Promise<AskUserSettingsPatch> {
    const file = join(this.dir, defaultsFileName);
    return (await this.#read(file, (raw) => AskUserSettingsPatchSchema.parse(raw))) ?? {};
  }

  async saveDefaults(defaults: AskUserSettingsPatch): Promise<void> {
    await this.#write(join(this.dir, defaultsFileName), defaults);
  }

  async #read<T>(file: string, parse: (raw: unknown) => T): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      return parse(JSON.parse(text));
    } catch {
      await rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
      return undefined;
    }
  }

  async #write(file: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
  }
}
