import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { thinkingLevels } from "../pi/agent-sessions.js";
import { writeFileAtomic } from "../storage/index.js";

export const UnsavedSessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  name: z.string().nullable(),
  provider: z.string().nullable(),
  modelId: z.string().nullable(),
  thinkingLevel: z.enum(thinkingLevels),
  cwd: z.string().optional(),
});

/** What it takes to recreate a session pi has not written yet, under the same id. */
export type UnsavedSession = z.infer<typeof UnsavedSessionSchema>;

const suffix = ".unsaved.json";

/** Where one project's unsaved-session records live: files or the cluster's database. */
export interface UnsavedSessionStore {
  /** Writes (or replaces) the record of `session.id`. */
  save(session: UnsavedSession): Promise<void>;
  /** The record of `id`; `undefined` when there is none (or it is unreadable). */
  get(id: string): Promise<UnsavedSession | undefined>;
  /** Every readable record of the project. */
  list(): Promise<UnsavedSession[]>;
  /** Removes the record of `id`; nothing happens when there is none. */
  remove(id: string): Promise<void>;
}

/** Every project's unsaved-session records: one server's files or a cluster's database. */
export interface UnsavedSessionStores {
  /** The records of one project; `sessionsDir` is its transcript directory. */
  forProject(projectId: string, sessionsDir: string): UnsavedSessionStore;
  /** Forgets a deleted project's records (files go with its transcript directory). */
  removeProject(projectId: string): Promise<void>;
}

/**
 * Sessions pi has not written yet. pi creates a transcript only with the first assistant
 * reply, so a session that was created (and perhaps renamed or configured) but never
 * answered would vanish on a restart. These records, one small file per session beside
 * the transcripts, keep it until its transcript exists.
 */
export class UnsavedSessions implements UnsavedSessionStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async save(session: UnsavedSession): Promise<void> {
    await writeFileAtomic(this.#file(session.id), `${JSON.stringify(session)}\n`);
  }

  /** The record of `id`; `undefined` when there is none (or it is unreadable). */
  async get(id: string): Promise<UnsavedSession | undefined> {
    try {
      return UnsavedSessionSchema.parse(JSON.parse(await readFile(this.#file(id), "utf8")));
    } catch {
      return undefined;
    }
  }

  async list(): Promise<UnsavedSession[]> {
    const names = await readdir(this.#dir).catch(() => [] as string[]);
    const ids = names
      .filter((name) => name.endsWith(suffix))
      .map((n) => n.slice(0, -suffix.length));
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((record) => record !== undefined);
  }

  async remove(id: string): Promise<void> {
    await rm(this.#file(id), { force: true });
  }

  #file(id: string): string {
    return join(this.#dir, `${id}${suffix}`);
  }
}
