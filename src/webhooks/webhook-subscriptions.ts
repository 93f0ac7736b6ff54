import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../storage/atomic-write.js";
import type { WebhookEventType } from "./webhook-events.js";

/** A subscription as listed: everything but the secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  /** The event types delivered. */
  events: WebhookEventType[];
  description?: string;
  createdAt: string;
}

export interface StoredSubscription extends WebhookSubscription {
  secret: string;
}

export interface NewSubscription {
  url: string;
  events: WebhookEventType[];
  secret: string;
  description?: string | undefined;
}

/** Lists the subscription without its secret. */
export function publicSubscription(stored: StoredSubscription): WebhookSubscription {
  const { secret: _secret, ...rest } = stored;
  return rest;
}

/**
 * The webhook subscriptions, kept in one file (`.pi-global/webhooks/subscriptions.json`,
 * mode 0600 since it holds the signing secrets, replaced atomically). Writes are
 * serialised; a change resolves once it is on disk.
 */
export class WebhookSubscriptions {
  readonly #file: string;
  readonly #now: () => number;
  #items = new Map<string, StoredSubscription>();
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, now: () => number) {
    this.#file = file;
    this.#now = now;
  }

  /** Loads the subscriptions in `file` (none when it does not exist yet). */
  static async open(file: string, now: () => number = Date.now): Promise<WebhookSubscriptions> {
    const subscriptions = new WebhookSubscriptions(file, now);
    let text: string | undefined;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (text !== undefined) {
      const parsed = JSON.parse(text) as { items: StoredSubscription[] };
      for (const item of parsed.items) subscriptions.#items.set(item.id, item);
    }
    return subscriptions;
  }

  list(): StoredSubscription[] {
    return [...this.#items.values()];
  }

  get(id: string): StoredSubscription | undefined {
    return this.#items.get(id);
  }

  async create(input: NewSubscription): Promise<StoredSubscription> {
    const stored: StoredSubscription = {
      id: randomUUID(),
      url: input.url,
      events: [...new Set(input.events)],
      ...(input.description === undefined ? {} : { description: input.description }),
      createdAt: new Date(this.#now()).toISOString(),
      secret: input.secret,
    };
    this.#items.set(stored.id, stored);
    await this.#save();
    return stored;
  }

  /** @returns whether the subscription existed. */
  async remove(id: string): Promise<boolean> {
    if (!this.#items.delete(id)) return false;
    await this.#save();
    return true;
  }

  #save(): Promise<void> {
    const content = `${JSON.stringify({ items: this.list() }, null, 2)}\n`;
    this.#writing = this.#writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.#file), { recursive: true });
        await writeFileAtomic(this.#file, content, { mode: 0o600 });
      });
    return this.#writing;
  }
}
