import { rm } from "node:fs/promises";
import { join } from "node:path";
import { EventSequence } from "../sse/sequence.js";
import type { EventLog, EventLogStore } from "../storage/index.js";
import { PromptQueue, PromptQueueStore } from "./prompt-queue.js";

/** What a live session reopens from its files: its event log and prompt queue. */
export interface SessionFileHandles {
  log: EventLog;
  queue: PromptQueue;
}

/**
 * The files a project's sessions keep beside their transcripts, by session id: the event
 * id sequence (`{id}.event-seq.json`), the event log (`{id}.events`, or the store's
 * equivalent) and the prompt queue.
 */
export class SessionFiles {
  readonly #sessionsDir: string;
  readonly #eventLogs: EventLogStore;
  readonly #queues: PromptQueueStore;

  constructor(sessionsDir: string, eventLogs: EventLogStore) {
    this.#sessionsDir = sessionsDir;
    this.#eventLogs = eventLogs;
    this.#queues = new PromptQueueStore(sessionsDir);
  }

  /** The key of a session's event log: a directory beside its transcript. */
  logKey(id: string): string {
    return join(this.#sessionsDir, `${id}.events`);
  }

  /** The id of the newest event logged for session `id` (0 when none). */
  lastEventId(id: string): Promise<number> {
    return this.#eventLogs.lastId(this.logKey(id));
  }

  /** The event id sequence of session `id`, reserved ahead on disk. */
  sequence(id: string): EventSequence {
    return EventSequence.open(this.#sequenceFile(id));
  }

  /** Opens the event log and the prompt queue of session `id`. */
  async open(id: string): Promise<SessionFileHandles> {
    return {
      log: await this.#eventLogs.open(this.logKey(id)),
      queue: await PromptQueue.open(this.#queues, id),
    };
  }

  /** The ids of the sessions whose prompt queue holds prompts. */
  sessionsWithQueuedPrompts(): Promise<string[]> {
    return this.#queues.sessionsWithQueuedPrompts();
  }

  /** Removes every file of session `id` (its transcript excepted). */
  async remove(id: string): Promise<void> {
    await rm(this.#sequenceFile(id), { force: true });
    await this.#queues.remove(id);
    await this.#eventLogs.remove(this.logKey(id));
  }

  #sequenceFile(id: string): string {
    return join(this.#sessionsDir, `${id}.event-seq.json`);
  }
}
