import { mkdir } from "node:fs/promises";
import { AppError } from "../errors/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { type WorkspaceLayout, workspaceLayout } from "../workspace/layout.js";
import { parseProjectName } from "../workspace/project-id.js";
import { type DeploymentInfo, writeDeploymentInfo } from "./deployment.js";
import type { ProjectCatalog } from "./project-catalog.js";
import { projectCatalogFor } from "./project-catalog-for.js";
import { discard, exists, placeProjectDirectory, sweepLeftovers } from "./project-files.js";
import type { ProjectRecord, RegistryState } from "./project-store.js";

/** A registered project as the API shows it. */
export interface Project {
  id: string;
  name: string;
  /** Absolute path of the project's working directory. */
  projectDir: string;
  createdAt: string;
}

export interface ProjectRegistryOptions {
  /** Root of all state; must exist. */
  workspaceDir: string;
  /** Template copied into each new project directory. Default: none (projects start empty). */
  templateDir?: string | undefined;
  /** Default: a silent logger. */
  logger?: Logger;
  /** Clock for `createdAt`. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * The cluster's database: the registry then lives in its `projects` table, shared with
   * every node (which share the workspace volume too). Default: none, `projects.json`.
   */
  database?: Database | undefined;
}

export interface CreateProjectInput {
  name: string;
  /** When given, (re)written to the project's `.pi/deployment.json`. */
  deployment?: DeploymentInfo | undefined;
}

export interface ListProjectsOptions {
  limit?: number;
  offset?: number;
}

interface ResolvedOptions {
  templateDir: string | undefined;
  logger: Logger;
  now: () => Date;
}

/**
 * The durable registry of projects, the source of truth for which projects exist. Its
 * catalog is `.pi-global/projects.json` (one server) or the `projects` table (a cluster,
 * see {@link projectCatalogFor}), written after the project directory is in place, so a
 * crash never lists a project whose directory is missing. Mutations are serialised (on
 * every node), so concurrent creates of one name yield one project. Reads are synchronous,
 * from this node's view; in a cluster the view follows other nodes' changes as they are
 * announced, and {@link refresh} reads one project through on a miss.
 *
 * @example
 * const registry = await ProjectRegistry.create({ workspaceDir: "/srv/workspace" });
 * const { project, created } = await registry.createProject({ name: "My App" });
 */
export class ProjectRegistry {
  readonly layout: WorkspaceLayout;
  readonly #catalog: ProjectCatalog;
  readonly #records: Map<string, ProjectRecord>;
  readonly #options: ResolvedOptions;
  #mutations: Promise<unknown> = Promise.resolve();
  readonly #deleteHooks: Array<(id: string) => Promise<void>> = [];
  #stopWatching: () => void = () => undefined;

  private constructor(
    layout: WorkspaceLayout,
    catalog: ProjectCatalog,
    state: RegistryState,
    options: ResolvedOptions,
  ) {
    this.layout = layout;
    this.#catalog = catalog;
    this.#records = new Map(state.projects.map((record) => [record.id, record]));
    this.#options = options;
  }

  /**
   * Opens the registry in `workspaceDir`, creating `.pi-global/`, sweeping crash leftovers
   * (one server only: on a shared volume another node may be using them) and finishing
   * deletions a crash interrupted.
   */
  static async create(options: ProjectRegistryOptions): Promise<ProjectRegistry> {
    const layout = workspaceLayout(options.workspaceDir);
    if (!(await exists(layout.root))) {
      throw new Error(`Workspace directory ${layout.root} does not exist`);
    }
    await mkdir(layout.sessionsRoot, { recursive: true, mode: 0o700 });
    const catalog = projectCatalogFor(layout, options.database);
    const state = await catalog.load();
    if (!catalog.shared) {
      await sweepLeftovers(
        layout,
        state.projects.map((project) => project.id),
      );
    }
    const registry = new ProjectRegistry(layout, catalog, state, {
      templateDir: options.templateDir,
      logger: options.logger ?? silentLogger,
      now: options.now ?? (() => new Date()),
    });
    for (const id of state.deleting) {
      await catalog.locked(id, async () => {
        if ((await catalog.find(id)).deleting) await registry.#finishDeletion(id);
      });
    }
    registry.#stopWatching = await catalog.watch((id) => {
      const refreshed = id === undefined ? registry.reload() : registry.refresh(id);
      refreshed.catch((error: unknown) =>
        registry.#options.logger.warn("could not refresh the project registry", {
          message: (error as Error).message,
        }),
      );
    });
    // Changes other nodes made while this one was opening were not announced to it.
    if (catalog.shared) await registry.reload();
    return registry;
  }

  get workspaceDir(): string {
    return this.layout.root;
  }

  /** Whether other nodes share this registry (a cluster). */
  get shared(): boolean {
    return this.#catalog.shared;
  }

  /** Number of registered projects. */
  get size(): number {
    return this.#records.size;
  }

  /** Projects in creation order, paged. */
  list(options: ListProjectsOptions = {}): { items: Project[]; total: number } {
    const offset = options.offset ?? 0;
    const all = [...this.#records.values()];
    const page =
      options.limit === undefined ? all.slice(offset) : all.slice(offset, offset + options.limit);
    return { items: page.map((record) => this.#toProject(record)), total: all.length };
  }

  get(id: string): Project | undefined {
    const record = this.#records.get(id);
    return record && this.#toProject(record);
  }

  /** @throws {AppError} `PROJECT_NOT_FOUND` */
  require(id: string): Project {
    const project = this.get(id);
    if (!project) throw new AppError("PROJECT_NOT_FOUND", `No project with id "${id}"`);
    return project;
  }

  /**
   * Reads project `id` from the catalog into this node's view (after local mutations in
   * flight). A project another node deleted leaves the view and runs the delete hooks
   * here (e.g. disposing its runtime); its files are the deleting node's to remove.
   */
  refresh(id: string): Promise<Project | undefined> {
    return this.#serialize(async () => {
      const { project } = await this.#catalog.find(id);
      this.#see(id, project);
      return project && this.#toProject(project);
    });
  }

  /**
   * Creates the project named `name`, or returns the existing one with the same id.
   * A new directory is seeded from the template; an existing unregistered directory
   * (left by an earlier crash or placed by an operator) is adopted as it is.
   */
  async createProject(input: CreateProjectInput): Promise<{ project: Project; created: boolean }> {
    const { name, id } = parseProjectName(input.name);
    return this.#mutate(id, async () => {
      const entry = await this.#catalog.find(id);
      const projectDir = this.layout.projectDir(id);
      if (entry.deleting) await this.#finishDeletion(id);
      if (entry.project) {
        this.#see(id, entry.project);
        if (input.deployment) await writeDeploymentInfo(projectDir, input.deployment);
        return { project: this.#toProject(entry.project), created: false };
      }
      const placed = await placeProjectDirectory(this.layout, id, this.#options.templateDir);
      if (placed === "adopted") {
        this.#options.logger.info("adopting existing directory for new project", { project: id });
      }
      if (input.deployment) await writeDeploymentInfo(projectDir, input.deployment);
      const record: ProjectRecord = { id, name, createdAt: this.#options.now().toISOString() };
      await this.#catalog.add(record);
      this.#records.set(id, record);
      this.#options.logger.info("project created", { project: id });
      return { project: this.#toProject(record), created: true };
    });
  }

  /** Registers work to run before a project's files are removed (e.g. disposing its runtime). */
  onDelete(hook: (id: string) => Promise<void>): void {
    this.#deleteHooks.push(hook);
  }

  /**
   * Removes the registry entry, then the project's work (delete hooks), directory and
   * transcripts. The deletion is recorded in the catalog before anything is removed,
   * so a crash at any point leaves the project either whole or, after the next start,
   * entirely gone.
   */
  deleteProject(id: string): Promise<void> {
    return this.#mutate(id, async () => {
      const { project } = await this.#catalog.find(id);
      if (!project) {
        this.#records.delete(id);
        throw new AppError("PROJECT_NOT_FOUND", `No project with id "${id}"`);
      }
      await this.#catalog.markDeleting(id);
      this.#records.delete(id);
      await this.#runDeleteHooks(id);
      await this.#finishDeletion(id);
      this.#options.logger.info("project deleted", { project: id });
    });
  }

  /** Stops following other nodes and waits for in-flight mutations so their state is stored. */
  async close(): Promise<void> {
    this.#stopWatching();
    await this.#mutations.catch(() => undefined);
  }

  #toProject(record: ProjectRecord): Project {
    const { id, name, createdAt } = record;
    return { id, name, projectDir: this.layout.projectDir(id), createdAt };
  }

  /** Updates this node's view of `id`; a project gone from it runs the delete hooks here. */
  #see(id: string, project: ProjectRecord | undefined): void {
    if (project) {
      this.#records.set(id, project);
    } else if (this.#records.delete(id)) {
      void this.#runDeleteHooks(id);
    }
  }

  /** Reads every project from the catalog into this node's view (after local mutations in flight). */
  async reload(): Promise<void> {
    await this.#serialize(async () => {
      const state = await this.#catalog.load();
      const current = new Set(state.projects.map((record) => record.id));
      for (const id of [...this.#records.keys()]) if (!current.has(id)) this.#see(id, undefined);
      for (const record of state.projects) this.#records.set(record.id, record);
    });
  }

  async #runDeleteHooks(id: string): Promise<void> {
    for (const hook of this.#deleteHooks) {
      await hook(id).catch((error: unknown) =>
        this.#options.logger.warn("a project delete hook failed", {
          project: id,
          message: (error as Error).message,
        }),
      );
    }
  }

  #mutate<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.#serialize(() => this.#catalog.locked(id, work));
  }

  #serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#mutations.then(work, work);
    this.#mutations = result.catch(() => undefined);
    return result;
  }

  /** Removes a deleted project's directory and transcripts, then forgets the deletion. */
  async #finishDeletion(id: string): Promise<void> {
    await Promise.all([
      discard(this.layout, this.layout.projectDir(id)),
      discard(this.layout, this.layout.sessionsDir(id)),
    ]);
    await this.#catalog.forget(id);
  }
}
