import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { type Logger, silentLogger } from "../logging/logger.js";
import { isTempFileName, writeFileAtomic } from "../storage/index.js";
import type { ClaimPlan, RecoveryCandidates, TaskListFilter, TaskStore } from "./task-store.js";
import {
  compareQueued,
  isTaskId,
  type TaskRecord,
  type TaskStatus,
  taskStatuses,
  zeroCounts,
} from "./task-types.js";

const nullableString = z.string().nullable();

const TaskFileSchema = z.object({
  version: z.literal(1),
  task: z.object({
    id: z.string().refine(isTaskId),
    projectId: z.string().min(1),
    title: z.string(),
    prompt: z.string(),
    priority: z.number().int(),
    source: nullableString,
    externalId: nullableString,
    metadata: z.record(z.string(), z.unknown()).nullable(),
    status: z.enum(taskStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedAt: nullableString,
    startedAt: nullableString,
    finishedAt: nullableString,
    rejectReason: nullableString,
    sessionId: nullableString,
    branch: nullableString,
    worktreePath: nullableString,
    commit: nullableString,
    pushed: z.boolean().nullable(),
    pushError: nullableString,
    prUrl: nullableString,
    prError: nullableString,
    resultText: nullableString,
    error: nullableString,
  }),
});

const externalKey = (task: Pick<TaskRecord, "projectId" | "source" | "externalId">) =>
  JSON.stringify([task.projectId, task.source ?? "", task.externalId]);

/**
 * The durable task store: one JSON file per task under `dir`, each replaced atomically,
 * so a crash at any moment leaves every task at its old or its new state. All tasks are
 * held in memory; changes apply there synchronously (so a status check and its change
 * cannot interleave with another request) and are then flushed in order.
 */
export class FileTaskStore implements TaskStore {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #tasks = new Map<string, TaskRecord>();
  readonly #byExternal = new Map<string, string>();
  readonly #flushes = new Map<string, Promise<void>>();
  #latestCreated = "";

  private constructor(dir: string, logger: Logger) {
    this.#dir = dir;
    this.#logger = logger;
  }

  /** Opens (creating) the store in `dir` and sweeps leftovers of interrupted writes. */
  static async open(dir: string, logger: Logger = silentLogger): Promise<FileTaskStore> {
    const store = new FileTaskStore(dir, logger);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(dir)) {
      if (isTempFileName(entry)) await rm(join(dir, entry), { force: true });
      else if (entry.endsWith(".json")) await store.#load(join(dir, entry));
    }
    return store;
  }

  get size(): number {
    return this.#tasks.size;
  }

  async get(id: string): Promise<TaskRecord | undefined> {
    return this.#tasks.get(id);
  }

  all(): TaskRecord[] {
    return [...this.#tasks.values()];
  }

  async ofProject(projectId: string): Promise<TaskRecord[]> {
    return this.all().filter((task) => task.projectId === projectId);
  }

  countsByStatus(): Record<TaskStatus, number> {
    const counts = zeroCounts();
    for (const task of this.#tasks.values()) counts[task.status] += 1;
    return counts;
  }

  taskIdForSession(projectId: string, sessionId: string): string | undefined {
    return this.all().find((task) => task.projectId === projectId && task.sessionId === sessionId)
      ?.id;
  }

  /** Every task left `running` was cut short: nothing runs before recovery. */
  async recoveryCandidates(
    projectExists: (projectId: string) => boolean,
  ): Promise<RecoveryCandidates> {
    const orphaned = this.all().filter((task) => !projectExists(task.projectId));
    const interrupted = this.all().filter(
      (task) => task.status === "running" && projectExists(task.projectId),
    );
    return { interrupted, orphaned };
  }

  /** The claim is checked and applied in one synchronous step, so no task is claimed twice. */
  claim(plan: ClaimPlan): Promise<TaskRecord | undefined> {
    const next = this.all()
      .filter((task) => task.status === "approved")
      .sort(compareQueued)[0];
    if (!next) return Promise.resolve(undefined);
    return this.update(next.id, (current) => ({ ...current, ...plan(current), status: "running" }));
  }

  /**
   * `now` as a creation timestamp, moved just past the newest task's when the clock has
   * not advanced, so age orders submissions exactly.
   */
  creationTime(now: Date): string {
    let at = now.toISOString();
    if (at <= this.#latestCreated) at = new Date(Date.parse(this.#latestCreated) + 1).toISOString();
    this.#latestCreated = at;
    return at;
  }

  /** The project's task earlier submitted with this `(source, externalId)`, if it still exists. */
  async findExternal(
    projectId: string,
    source: string | null,
    externalId: string,
  ): Promise<TaskRecord | undefined> {
    const id = this.#byExternal.get(externalKey({ projectId, source, externalId }));
    return id === undefined ? undefined : this.#tasks.get(id);
  }

  /** Tasks matching `filter`, newest first, paged. */
  async list(filter: TaskListFilter): Promise<{ items: TaskRecord[]; total: number }> {
    const matching = this.all()
      .filter(
        (task) =>
          (filter.projectId === undefined || task.projectId === filter.projectId) &&
          (filter.status === undefined || task.status === filter.status),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return {
      items: matching.slice(filter.offset, filter.offset + filter.limit),
      total: matching.length,
    };
  }

  /** Adds a new task (unless its external id is taken) and waits until it is on disk. */
  async insert(task: TaskRecord): Promise<{ task: TaskRecord; created: boolean }> {
    if (task.externalId !== null) {
      const existing = this.#byExternal.get(externalKey(task));
      const found = existing === undefined ? undefined : this.#tasks.get(existing);
      if (found) return { task: found, created: false };
    }
    this.#tasks.set(task.id, task);
    if (task.createdAt > this.#latestCreated) this.#latestCreated = task.createdAt;
    if (task.externalId !== null) {
      this.#byExternal.set(externalKey(task), task.id);
    }
    try {
      await this.#flush(task.id);
    } catch (error) {
      this.#forget(task);
      throw error;
    }
    return { task, created: true };
  }

  /**
   * Replaces a task with `change(current)`, computed and applied synchronously, then
   * waits until it is on disk. `change` may throw to refuse the update.
   */
  async update(id: string, change: (current: TaskRecord) => TaskRecord): Promise<TaskRecord> {
    const current = this.#tasks.get(id);
    if (!current) throw new Error(`task ${id} is not in the store`);
    const next = change(current);
    this.#tasks.set(id, next);
    try {
      await this.#flush(id);
    } catch (error) {
      if (this.#tasks.get(id) === next) this.#tasks.set(id, current);
      throw error;
    }
    return next;
  }

  /** Removes a task and its file. */
  async delete(id: string): Promise<void> {
    const task = this.#tasks.get(id);
    if (!task) return;
    this.#forget(task);
    await this.#flush(id);
  }

  /** Waits for every pending write. */
  async close(): Promise<void> {
    await Promise.all([...this.#flushes.values()].map((flush) => flush.catch(() => undefined)));
  }

  #forget(task: TaskRecord): void {
    this.#tasks.delete(task.id);
    if (task.externalId !== null) {
      const key = externalKey(task);
      if (this.#byExternal.get(key) === task.id) this.#byExternal.delete(key);
    }
  }

  /** Makes the file match memory; queued per task so writes land in order. */
  #flush(id: string): Promise<void> {
    const file = join(this.#dir, `${id}.json`);
    const write = async () => {
      const task = this.#tasks.get(id);
      if (task) await writeFileAtomic(file, `${JSON.stringify({ version: 1, task })}\n`);
      else await rm(file, { force: true });
    };
    const previous = this.#flushes.get(id) ?? Promise.resolve();
    const next = previous.then(write, write);
    const settled = next.catch(() => undefined);
    this.#flushes.set(id, settled);
    void settled.then(() => {
      if (this.#flushes.get(id) === settled) this.#flushes.delete(id);
    });
    return next;
  }

  async #load(file: string): Promise<void> {
    let parsed: z.ZodSafeParseResult<z.infer<typeof TaskFileSchema>>;
    try {
      parsed = TaskFileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    } catch (error) {
      this.#logger.error("unreadable task file left in place", {
        file,
        message: (error as Error).message,
      });
      return;
    }
    if (!parsed.success) {
      this.#logger.error("invalid task file left in place", { file });
      return;
    }
    const task = parsed.data.task as TaskRecord;
    this.#tasks.set(task.id, task);
    if (task.createdAt > this.#latestCreated) this.#latestCreated = task.createdAt;
    if (task.externalId !== null) {
      this.#byExternal.set(externalKey(task), task.id);
    }
  }
}
