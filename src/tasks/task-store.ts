import type { TaskRecord, TaskStatus } from "./task-types.js";

export interface TaskListFilter {
  projectId?: string | undefined;
  status?: TaskStatus | undefined;
  limit: number;
  offset: number;
}

/** The fields a claim sets on an approved task besides `status` (branch, worktree, start). */
export type ClaimPlan = (task: TaskRecord) => Partial<TaskRecord>;

/** Tasks a start-up must resolve: runs a crash cut short, and tasks of deleted projects. */
export interface RecoveryCandidates {
  interrupted: TaskRecord[];
  orphaned: TaskRecord[];
}

/**
 * Where tasks live, as the service, the worker and start-up recovery use them. Two
 * backends: `FileTaskStore` (one JSON file per task, a single server) and `PgTaskStore`
 * (one row per task, shared by every node of a cluster). Every change is applied
 * atomically: `update`'s `change` sees the current task and may throw to refuse, and no
 * concurrent change (from this process or another node) is lost.
 */
export interface TaskStore {
  get(id: string): Promise<TaskRecord | undefined>;
  /** The project's task earlier submitted with this `(source, externalId)`, if it still exists. */
  findExternal(
    projectId: string,
    source: string | null,
    externalId: string,
  ): Promise<TaskRecord | undefined>;
  /** Tasks matching `filter`, newest first, paged. */
  list(filter: TaskListFilter): Promise<{ items: TaskRecord[]; total: number }>;
  /** Every task of a project. */
  ofProject(projectId: string): Promise<TaskRecord[]>;
  /** How many tasks are in each status (the PostgreSQL store answers as of its last refresh). */
  countsByStatus(): Record<TaskStatus, number>;
  /** The task owning a session, when this store has seen it (sessions run where their task runs). */
  taskIdForSession(projectId: string, sessionId: string): string | undefined;
  /**
   * `now` as a creation timestamp, moved just past the newest one this store made when
   * the clock has not advanced, so age orders submissions exactly.
   */
  creationTime(now: Date): string;
  /**
   * Adds a new task; when the project already has one with its `(source, externalId)`,
   * adds nothing and answers that one with `created: false`.
   */
  insert(task: TaskRecord): Promise<{ task: TaskRecord; created: boolean }>;
  /** Replaces a task with `change(current)`; `change` may throw to refuse. */
  update(id: string, change: (current: TaskRecord) => TaskRecord): Promise<TaskRecord>;
  /** Removes a task. */
  delete(id: string): Promise<void>;
  /**
   * Takes the next approved task (higher priority first, then older) for this process
   * and marks it `running` with `plan`'s fields, or answers undefined when none may run.
   * Each task is claimed exactly once.
   */
  claim(plan: ClaimPlan): Promise<TaskRecord | undefined>;
  /** Tasks start-up recovery resolves, given which projects exist. */
  recoveryCandidates(projectExists: (projectId: string) => boolean): Promise<RecoveryCandidates>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}
