import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { QueuedPrompt } from "../contract/server-events.js";
import type { ImageContent } from "../pi/agent-sessions.js";
import { writeFileAtomic } from "../storage/index.js";

export type { QueuedPrompt };

/**
 * What a prompt does when it arrives while its session is busy: refuse it (409
 * `SESSION_BUSY`), put it at the end of the session's queue, abort the current run and
 * run it, or hand it to pi's steering or follow-up queue.
 */
export const onBusyPolicies = ["reject", "enqueue", "interrupt", "steer", "followUp"] as const;
export type OnBusyPolicy = (typeof onBusyPolicies)[number];

/** The policy of a session that never chose one: today's 409. */
export const defaultOnBusyPolicy: OnBusyPolicy = "reject";

const ImageSchema = z.object({
  type: z.literal("image"),
  data: z.string(),
  mimeType: z.string(),
});

const StoredPromptSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  images: z.array(ImageSchema).optional(),
  queuedAt: z.string(),
});

const QueueStateSchema = z.object({
  version: z.literal(1),
  onBusy: z.enum(onBusyPolicies).optional(),
  items: z.array(StoredPromptSchema),
});

/** A queued prompt as kept on disk, images included. */
export type StoredPrompt = z.infer<typeof StoredPromptSchema>;
type QueueState = z.infer<typeof QueueStateSchema>;

const fileSuffix = ".prompt-queue.json";

/**
 * The prompt queues and on-busy defaults of one project's sessions, beside their
 * transcripts (`.pi-global/sessions/{projectId}/{sessionId}.prompt-queue.json`). Every
 * write replaces the file atomically; a file that does not parse is moved aside
 * (`….corrupt-<time>`) and the session starts with an empty queue.
 */
export class PromptQueueStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  file(sessionId: string): string {
    return join(this.dir, `${sessionId}${fileSuffix}`);
  }

  async load(sessionId: string): Promise<QueueState> {
    const file = this.file(sessionId);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, items: [] };
      throw error;
    }
    try {
      return QueueStateSchema.parse(JSON.parse(text));
    } catch {
      await rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
      return { version: 1, items: [] };
    }
  }

  async save(sessionId: string, state: QueueState): Promise<void> {
    const file = this.file(sessionId);
    if (state.items.length === 0 && state.onBusy === undefined) {
      await rm(file, { force: true });
      return;
    }
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(state)}\n`);
  }

  async remove(sessionId: string): Promise<void> {
    await rm(this.file(sessionId), { force: true });
  }

  /** Ids of the sessions whose queue holds at least one prompt. */
  async sessionsWithQueuedPrompts(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const ids = names
      .filter((name) => name.endsWith(fileSuffix))
      .map((name) => name.slice(0, -fileSuffix.length));
    const queued: string[] = [];
    for (const id of ids) {
      if ((await this.load(id)).items.length > 0) queued.push(id);
    }
    return queued;
  }
}

/**
 * One session's prompt queue and on-busy default. Every change is written before the
 * call that made it resolves, one write at a time, so a prompt the API answered
 * `queued` survives a crash. Without a store it lives in memory only.
 */
export class PromptQueue {
  readonly #store: PromptQueueStore | undefined;
  readonly #sessionId: string;
  #state: QueueState;
  #writing: Promise<void> = Promise.resolve();
  #destroyed = false;

  private constructor(store: PromptQueueStore | undefined, sessionId: string, state: QueueState) {
    this.#store = store;
    this.#sessionId = sessionId;
    this.#state = state;
  }

  /** Loads the session's queue from `store` (an empty one when there is none). */
  static async open(store: PromptQueueStore, sessionId: string): Promise<PromptQueue> {
    return new PromptQueue(store, sessionId, await store.load(sessionId));
  }

  static inMemory(sessionId: string): PromptQueue {
    return new PromptQueue(undefined, sessionId, { version: 1, items: [] });
  }

  get length(): number {
    return this.#state.items.length;
  }

  /** The session's default policy for a prompt that names none. */
  get defaultPolicy(): OnBusyPolicy {
    return this.#state.onBusy ?? defaultOnBusyPolicy;
  }

  async setDefaultPolicy(policy: OnBusyPolicy): Promise<void> {
    await this.#commit({ ...this.#state, onBusy: policy });
  }

  /** The queue in running order, without image data. */
  list(): QueuedPrompt[] {
    return this.#state.items.map((item, index) => ({
      id: item.id,
      text: item.text,
      imageCount: item.images?.length ?? 0,
      queuedAt: item.queuedAt,
      position: index + 1,
    }));
  }

  /** The prompt that runs next, images included. */
  head(): StoredPrompt | undefined {
    return this.#state.items[0];
  }

  /** Appends a prompt; resolves once it is on disk. */
  async add(text: string, images?: ImageContent[], now = new Date()): Promise<QueuedPrompt> {
    const item: StoredPrompt = {
      id: randomUUID(),
      text,
      ...(images && images.length > 0 ? { images } : {}),
      queuedAt: now.toISOString(),
    };
    await this.#commit({ ...this.#state, items: [...this.#state.items, item] });
    return this.list().at(-1) as QueuedPrompt;
  }

  /**
   * Removes the prompt with `id`.
   *
   * @returns whether it was queued.
   */
  async remove(id: string): Promise<boolean> {
    const items = this.#state.items.filter((item) => item.id !== id);
    if (items.length === this.#state.items.length) return false;
    await this.#commit({ ...this.#state, items });
    return true;
  }

  /** Resolves once every change made so far is on disk. */
  flush(): Promise<void> {
    return this.#writing;
  }

  /** Forgets the queue and deletes its file. */
  async destroy(): Promise<void> {
    this.#state = { version: 1, items: [] };
    this.#destroyed = true;
    await this.#writing;
    await this.#store?.remove(this.#sessionId);
  }

  /** Adopts `next` now and writes it after the writes before it; a failed write undoes it. */
  #commit(next: QueueState): Promise<void> {
    const previous = this.#state;
    this.#state = next;
    const store = this.#store;
    if (!store || this.#destroyed) return Promise.resolve();
    const write = this.#writing.then(() => store.save(this.#sessionId, next));
    this.#writing = write.catch(() => {
      if (this.#state === next) this.#state = previous;
    });
    return write;
  }
}
