import { mkdir } from "node:fs/promises";
import { AppError } from "../errors/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import { type WorkspaceLayout, workspaceLayout } from "../workspace/layout.js";
import { parseProjectName } from "../workspace/project-id.js";
import { type DeploymentInfo, writeDeploymentInfo } from "./deployment.js";
import { discard, exists, placeProjectDirectory, sweepLeftovers } from "./project-files.js";
import {
  type ProjectRecord,
  type RegistryState,
  readRegistryFile,
  writeRegistryFile,
} from "./project-store.js";

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
 * The durable registry of projects, the source of truth for which projects exist.
 * State lives in `.pi-global/projects.json`, rewritten atomically after the project
 * directory is in place, so a crash never lists a project whose directory is missing.
 * Mutations are serialised, so concurrent creates of one name yield one project.
 *
 * @example
 * const registry = await ProjectRegistry.create({ workspaceDir: "/srv/workspace" });
 * const { project, created } = await registry.createProject({ name: "My App" });
 */
export class ProjectRegistry {
  readonly layout: WorkspaceLayout;
  readonly #records: Map<string, ProjectRecord>;
  /** Deleted projects whose files may remain; recorded before removal starts. */
  readonly #deleting: Set<string>;
  readonly #options: ResolvedOptions;
  #mutations: Promise<unknown> = Promise.resolve();
  readonly #deleteHooks: Array<(id: string) => Promise<void>> = [];

  private constructor(layout: WorkspaceLayout, state: RegistryState, options: ResolvedOptions) {
    this.layout = layout;
    this.#records = new Map(state.projects.map((record) => [record.id, record]));
    this.#deleting = new Set(state.deleting);
    this.#options = options;
  }

  /**
   * Opens the registry in `workspaceDir`, creating `.pi-global/`, sweeping crash leftovers
   * and finishing deletions a crash interrupted.
   */
  static async create(options: ProjectRegistryOptions): Promise<ProjectRegistry> {
    const layout = workspaceLayout(options.workspaceDir);
    if (!(await exists(layout.root))) {
      throw new Error(`Workspace directory ${layout.root} does not exist`);
    }
    await mkdir(layout.sessionsRoot, { recursive: true, mode: 0o700 });
    const state = await readRegistryFile(layout.projectsFile);
    await sweepLeftovers(
      layout,
      state.projects.map((project) => project.id),
    );
    const registry = new ProjectRegistry(layout, state, {
      templateDir: options.templateDir,
      logger: options.logger ?? silentLogger,
      now: options.now ?? (() => new Date()),
    });
    for (const id of state.deleting) await registry.#finishDeletion(id);
    return registry;
  }

  get workspaceDir(): string {
    return this.layout.root;
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
   * Creates the project named `name`, or returns the existing one with the same id.
   * A new directory is seeded from the template; an existing unregistered directory
   * (left by an earlier crash or placed by an operator) is adopted as it is.
   */
  async createProject(input: CreateProjectInput): Promise<{ project: Project; created: boolean }> {
    const { name, id } = parseProjectName(input.name);
    return this.#serialize(async () => {
      const existing = this.#records.get(id);
      const projectDir = this.layout.projectDir(id);
      if (this.#deleting.has(id)) await this.#finishDeletion(id);
      if (existing) {
        if (input.deployment) await writeDeploymentInfo(projectDir, input.deployment);
        return { project: this.#toProject(existing), created: false };
      }
      const placed = await placeProjectDirectory(this.layout, id, this.#options.templateDir);
      if (placed === "adopted") {
        this.#options.logger.info("adopting existing directory for new project", { project: id });
      }
      if (input.deployment) await writeDeploymentInfo(projectDir, input.deployment);
      const record: ProjectRecord = { id, name, createdAt: this.#options.now().toISOString() };
      this.#records.set(id, record);
      try {
        await this.#persist();
      } catch (error) {
        this.#records.delete(id);
        throw error;
      }
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
   * transcripts. The deletion is recorded in `projects.json` before anything is removed,
   * so a crash at any point leaves the project either whole or, after the next start,
   * entirely gone.
   */
  deleteProject(id: string): Promise<void> {
    return this.#serialize(async () => {
      const record = this.#records.get(id);
      if (!record) throw new AppError("PROJECT_NOT_FOUND", `No project with id "${id}"`);
      this.#records.delete(id);
      this.#deleting.add(id);
      try {
        await this.#persist();
      } catch (error) {
        this.#records.set(id, record);
        this.#deleting.delete(id);
        throw error;
      }
      for (const hook of this.#deleteHooks) {
        await hook(id).catch((error: unknown) =>
          this.#options.logger.warn("a project delete hook failed", {
            project: id,
            message: (error as Error).message,
          }),
        );
      }
      await this.#finishDeletion(id);
      this.#options.logger.info("project deleted", { project: id });
    });
  }

  /** Waits for in-flight mutations so their state is on disk. */
  async close(): Promise<void> {
    await this.#mutations.catch(() => undefined);
  }

  #toProject(record: ProjectRecord): Project {
    const { id, name, createdAt } = record;
    return { id, name, projectDir: this.layout.projectDir(id), createdAt };
  }

  #serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#mutations.then(work, work);
    this.#mutations = result.catch(() => undefined);
    return result;
  }

  #persist(): Promise<void> {
    return writeRegistryFile(this.layout.projectsFile, {
      projects: [...this.#records.values()],
      deleting: [...this.#deleting],
    });
  }

  /** Removes a deleted project's directory and transcripts, then forgets the deletion. */
  async #finishDeletion(id: string): Promise<void> {
    await Promise.all([
      discard(this.layout, this.layout.projectDir(id)),
      discard(this.layout, this.layout.sessionsDir(id)),
    ]);
    this.#deleting.delete(id);
    await this.#persist();
  }
}
