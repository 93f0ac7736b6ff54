import {
  type ProjectRecord,
  type RegistryState,
  readRegistryFile,
  writeRegistryFile,
} from "./project-store.js";

/** One project as the catalog knows it: registered, being deleted, or absent. */
export interface CatalogEntry {
  project?: ProjectRecord;
  deleting: boolean;
}

/**
 * Where the project registry keeps which projects exist: `projects.json` for one server,
 * the `projects` table for a cluster. The registry serialises its own mutations; `locked`
 * also serialises them against every other node sharing the catalog.
 */
export interface ProjectCatalog {
  /** Whether other processes share this catalog (then they also share the workspace volume). */
  readonly shared: boolean;
  /** The registered projects in creation order, and the deletions not yet finished. */
  load(): Promise<RegistryState>;
  /** What the catalog holds about `id` now, as every node sees it. */
  find(id: string): Promise<CatalogEntry>;
  /** Runs `work` while no other node mutates project `id`. */
  locked<T>(id: string, work: () => Promise<T>): Promise<T>;
  add(record: ProjectRecord): Promise<void>;
  /** Unlists the project and records that its files are being removed. */
  markDeleting(id: string): Promise<void>;
  /** Forgets a deletion whose files are gone. */
  forget(id: string): Promise<void>;
  /**
   * Calls `onChange` with the id of each project another node created or deleted, and
   * with no id when changes may have been missed (reload everything). Returns the stop.
   */
  watch(onChange: (id?: string) => void): Promise<() => void>;
}

/**
 * The single-server catalog: `.pi-global/projects.json`, rewritten atomically on every
 * change (a failed write leaves the state as it was).
 */
export class FileProjectCatalog implements ProjectCatalog {
  readonly shared = false;
  readonly #path: string;
  #state: RegistryState = { projects: [], deleting: [] };

  constructor(path: string) {
    this.#path = path;
  }

  async load(): Promise<RegistryState> {
    this.#state = await readRegistryFile(this.#path);
    return { projects: [...this.#state.projects], deleting: [...this.#state.deleting] };
  }

  async find(id: string): Promise<CatalogEntry> {
    const project = this.#state.projects.find((record) => record.id === id);
    return { ...(project ? { project } : {}), deleting: this.#state.deleting.includes(id) };
  }

  locked<T>(_id: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  add(record: ProjectRecord): Promise<void> {
    return this.#change({ ...this.#state, projects: [...this.#state.projects, record] });
  }

  markDeleting(id: string): Promise<void> {
    return this.#change({
      projects: this.#state.projects.filter((record) => record.id !== id),
      deleting: [...this.#state.deleting.filter((other) => other !== id), id],
    });
  }

  forget(id: string): Promise<void> {
    return this.#change({
      ...this.#state,
      deleting: this.#state.deleting.filter((other) => other !== id),
    });
  }

  async watch(): Promise<() => void> {
    return () => undefined;
  }

  async #change(next: RegistryState): Promise<void> {
    await writeRegistryFile(this.#path, next);
    this.#state = next;
  }
}
