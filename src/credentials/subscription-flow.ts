import { randomUUID } from "node:crypto";
import type { OAuthLoginCallbacks } from "../pi/org-credentials.js";

export const flowStatuses = [
  "running",
  "awaiting_input",
  "succeeded",
  "failed",
  "cancelled",
  "expired",
] as const;
export type FlowStatus = (typeof flowStatuses)[number];

/** What the login is waiting for the user to provide. */
export type FlowPrompt =
  | { id: string; kind: "text"; message: string; placeholder: string | null; allowEmpty: boolean }
  | { id: string; kind: "manual_code"; message: string }
  | { id: string; kind: "select"; message: string; options: Array<{ id: string; label: string }> };

/** A subscription login as clients see it: never the answers, never the resulting tokens. */
export interface FlowState {
  id: string;
  provider: string;
  status: FlowStatus;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  auth: { url: string; instructions: string | null } | null;
  prompt: FlowPrompt | null;
  progress: string[];
  error: string | null;
}

interface Pending {
  prompt: FlowPrompt;
  resolve(value: string | undefined): void;
  reject(error: Error): void;
}

const maxProgressLines = 50;
const manualCodeMessage =
  "Paste the final redirect URL (or the authorization code) from the browser once you have logged in.";

/** Raised into pi's login when the flow is cancelled or expires, so the login unwinds. */
export class FlowClosedError extends Error {}

/**
 * One subscription (OAuth) login driven over HTTP: pi's login callbacks become visible
 * state (auth URL, a pending prompt, progress) and answers arrive through `answer`.
 */
export class SubscriptionFlow {
  readonly id = randomUUID();
  readonly provider: string;
  readonly #controller = new AbortController();
  readonly #createdAt: number;
  readonly #expiresAt: number;
  readonly #now: () => number;
  readonly #pending: Pending[] = [];
  readonly #waiters = new Set<() => void>();
  #status: FlowStatus = "running";
  #updatedAt: number;
  #auth: FlowState["auth"] = null;
  #progress: string[] = [];
  #error: string | null = null;

  constructor(provider: string, options: { ttlMs: number; now: () => number }) {
    this.provider = provider;
    this.#now = options.now;
    this.#createdAt = this.#now();
    this.#updatedAt = this.#createdAt;
    this.#expiresAt = this.#createdAt + options.ttlMs;
  }

  get finished(): boolean {
    return this.#status !== "running" && this.#status !== "awaiting_input";
  }

  get status(): FlowStatus {
    return this.#status;
  }

  get pendingPrompt(): FlowPrompt | undefined {
    return this.#pending[0]?.prompt;
  }

  /** Whether the next callback must be given up on: the flow was closed meanwhile. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  state(): FlowState {
    return {
      id: this.id,
      provider: this.provider,
      status: this.#status,
      createdAt: new Date(this.#createdAt).toISOString(),
      updatedAt: new Date(this.#updatedAt).toISOString(),
      expiresAt: new Date(this.#expiresAt).toISOString(),
      auth: this.#auth,
      prompt: this.finished ? null : (this.pendingPrompt ?? null),
      progress: [...this.#progress],
      error: this.#error,
    };
  }

  /** pi's login callbacks, bound to this flow. */
  callbacks(): OAuthLoginCallbacks {
    return {
      onAuth: (info) => {
        this.#auth = { url: info.url, instructions: info.instructions ?? null };
        this.#touch();
      },
      onPrompt: async (prompt) =>
        (await this.#ask({
          id: randomUUID(),
          kind: "text",
          message: prompt.message,
          placeholder: prompt.placeholder ?? null,
          allowEmpty: prompt.allowEmpty === true,
        })) ?? "",
      onManualCodeInput: async () =>
        (await this.#ask({ id: randomUUID(), kind: "manual_code", message: manualCodeMessage })) ??
        "",
      onSelect: (prompt) =>
        this.#ask({
          id: randomUUID(),
          kind: "select",
          message: prompt.message,
          options: prompt.options.map((option) => ({ id: option.id, label: option.label })),
        }),
      onProgress: (message) => {
        this.#progress = [...this.#progress, message].slice(-maxProgressLines);
        this.#touch();
      },
      signal: this.#controller.signal,
    };
  }

  /** Resolves the pending prompt with `value` (already validated by the caller). */
  answer(value: string): void {
    const pending = this.#pending.shift();
    if (!pending) return;
    pending.resolve(value);
    this.#touch();
  }

  /** Ends the flow; pending prompts reject so pi's login unwinds. No-op once finished. */
  finish(status: Exclude<FlowStatus, "running" | "awaiting_input">, error?: string): boolean {
    if (this.finished) return false;
    this.#status = status;
    this.#error = error ?? null;
    for (const pending of this.#pending.splice(0)) {
      pending.reject(new FlowClosedError(`Subscription login ${status}`));
    }
    this.#controller.abort(new FlowClosedError(`Subscription login ${status}`));
    this.#touch();
    return true;
  }

  /** Resolves at the next state change, or after `ms`. */
  nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  #ask(prompt: FlowPrompt): Promise<string | undefined> {
    if (this.finished) return Promise.reject(new FlowClosedError("Subscription login closed"));
    return new Promise((resolve, reject) => {
      this.#pending.push({ prompt, resolve, reject });
      this.#touch();
    });
  }

  #touch(): void {
    if (!this.finished) this.#status = this.#pending.length > 0 ? "awaiting_input" : "running";
    this.#updatedAt = this.#now();
    for (const waiter of [...this.#waiters]) waiter();
  }
}
