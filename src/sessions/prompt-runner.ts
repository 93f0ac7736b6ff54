import type { CompactWireEvent } from "../contract/compact-events.js";
import { AppError } from "../errors/index.js";
import type { AgentSession, ImageContent } from "../pi/agent-sessions.js";
import { unusableModelProblem } from "../pi/model-guidance.js";
import type { OrgServices } from "../pi/org-services.js";
import type { OnBusyPolicy, PromptQueue, QueuedPrompt } from "./prompt-queue.js";
import { clientMessage, rejectedAs } from "./refusals.js";

export interface PromptInput {
  text: string;
  images?: ImageContent[] | undefined;
  streamingBehavior?: "steer" | "followUp" | undefined;
}

/** A prompt as `POST …/prompt` takes it: `onBusy` overrides the session's default. */
export interface SubmitInput extends PromptInput {
  onBusy?: OnBusyPolicy | undefined;
}

/**
 * What became of a submitted prompt: its run `started` (the session was free),
 * `interrupted` (the run before it was aborted first), it was handed to pi's `steer` or
 * `followUp` queue, or `queued` in the session's own queue.
 */
export type SubmitOutcome =
  | { outcome: "started" | "interrupted" | "steer" | "followUp" }
  | { outcome: "queued"; item: QueuedPrompt };

/** What a {@link PromptRunner} needs of the session it runs prompts for. */
export interface PromptRunnerHost {
  agent: AgentSession;
  org: OrgServices;
  queue: PromptQueue;
  /** Called before anything starts a run or hands pi a prompt; throwing refuses it. */
  runGate: (() => void) | undefined;
  /** Whether the session was closed: nothing may start or be queued any more. */
  closed(): boolean;
  /** Publishes a server event on the session's stream. */
  publish(event: CompactWireEvent): void;
  /** Aborts the session's run (and whatever else the session cancels with it). */
  abort(): Promise<void>;
}

/**
 * Everything that hands a session's pi a prompt: the double-texting policies, the
 * session's own prompt queue (drained one run after another) and pi's steer and
 * follow-up queues. Starts are serialised, so a queued prompt cannot race a new one.
 */
export class PromptRunner {
  readonly #host: PromptRunnerHost;
  #startLock: Promise<unknown> = Promise.resolve();

  constructor(host: PromptRunnerHost) {
    this.#host = host;
  }

  /** See `LiveSession.submit`. */
  submit(input: SubmitInput): Promise<SubmitOutcome> {
    const policy = input.onBusy ?? input.streamingBehavior ?? this.#host.queue.defaultPolicy;
    const { onBusy: _policy, streamingBehavior: _behaviour, ...prompt } = input;
    return this.#exclusive(async (): Promise<SubmitOutcome> => {
      this.#assertOpen();
      const streaming = this.#host.agent.isStreaming;
      if (!streaming && this.#host.queue.length === 0) {
        await this.#start(prompt);
        return { outcome: "started" };
      }
      switch (policy) {
        case "reject":
          throw new AppError(
            "SESSION_BUSY",
            streaming
              ? "The session is streaming; send onBusy (enqueue, interrupt, steer or followUp) to do something else with the prompt"
              : "Prompts are queued on this session; send onBusy: enqueue to queue this one behind them",
          );
        case "enqueue":
          return { outcome: "queued", item: await this.#enqueue(prompt) };
        case "interrupt":
          // A refused prompt must not cost the run it would have replaced.
          this.#host.runGate?.();
          if (streaming) await this.#host.abort();
          await this.#start(prompt);
          return { outcome: streaming ? "interrupted" : "started" };
        case "steer":
        case "followUp":
          // Between two queued runs nothing streams, so pi would just run it: say so.
          await this.#start(streaming ? { ...prompt, streamingBehavior: policy } : prompt);
          return { outcome: streaming ? policy : "started" };
      }
    });
  }

  /** See `LiveSession.cancelQueuedPrompt`. */
  async cancelQueued(itemId: string): Promise<void> {
    await this.#exclusive(async () => {
      if (!(await this.#host.queue.remove(itemId))) {
        throw new AppError(
          "QUEUED_PROMPT_NOT_FOUND",
          `No prompt "${itemId}" is queued on this session (it may have started already)`,
        );
      }
      this.#publishQueue("cancelled", itemId);
    });
  }

  /** See `LiveSession.steer`. */
  async steer(text: string, images?: ImageContent[]): Promise<void> {
    this.#assertOpen();
    this.#host.runGate?.();
    await this.#host.agent.steer(text, images).catch(rejectedAs("PROMPT_REJECTED"));
  }

  /** See `LiveSession.followUp`. */
  async followUp(text: string, images?: ImageContent[]): Promise<void> {
    this.#assertOpen();
    this.#host.runGate?.();
    await this.#host.agent.followUp(text, images).catch(rejectedAs("PROMPT_REJECTED"));
  }

  /** Starts the queue's next prompt soon, if there is one and the session is free by then. */
  scheduleDrain(): void {
    if (this.#host.closed() || this.#host.queue.length === 0) return;
    setImmediate(() => {
      void this.#drain();
    });
  }

  async #enqueue(prompt: PromptInput): Promise<QueuedPrompt> {
    const item = await this.#host.queue.add(prompt.text, prompt.images);
    this.#publishQueue("queued", item.id);
    return item;
  }

  #publishQueue(
    change: "queued" | "cancelled" | "started" | "failed",
    itemId: string,
    error?: AppError,
  ): void {
    if (this.#host.closed()) return;
    this.#host.publish({
      type: "prompt_queue",
      change,
      itemId,
      items: this.#host.queue.list(),
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    });
  }

  /** Runs `action` once every earlier start has settled. */
  #exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.#startLock.then(action, action);
    this.#startLock = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts the queue's next prompt when the session is free. The prompt leaves the queue
   * once pi accepted it; one that pi refuses leaves it too, reported as `failed`.
   */
  async #drain(): Promise<void> {
    await this.#exclusive(async () => {
      const next = this.#host.queue.head();
      if (this.#host.closed() || this.#host.agent.isStreaming || !next) return;
      let refusal: AppError | undefined;
      try {
        await this.#start({ text: next.text, images: next.images });
      } catch (error) {
        refusal =
          error instanceof AppError ? error : new AppError("PROMPT_REJECTED", String(error));
      }
      await this.#host.queue.remove(next.id);
      this.#publishQueue(refusal ? "failed" : "started", next.id, refusal);
      if (refusal) this.scheduleDrain();
    });
  }

  /** Hands `input` to pi; resolves once its preflight accepts it. */
  #start(input: PromptInput): Promise<void> {
    try {
      this.#assertOpen();
      this.#host.runGate?.();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      let accepted = false;
      this.#host.agent
        .prompt(input.text, {
          ...(input.images ? { images: input.images } : {}),
          ...(input.streamingBehavior ? { streamingBehavior: input.streamingBehavior } : {}),
          preflightResult: (ok) => {
            if (!ok) return;
            accepted = true;
            resolve();
          },
        })
        .then(
          () => {
            if (!accepted) resolve();
            this.scheduleDrain();
          },
          (error: unknown) => {
            if (!accepted) reject(this.#refusal(error));
            this.scheduleDrain();
          },
        );
    });
  }

  /**
   * Why pi refused a prompt. Its own text for missing credentials points at slash commands
   * and files on the server, so that case is told in HTTP terms instead.
   */
  #refusal(error: unknown): AppError {
    const { org, agent } = this.#host;
    return (
      unusableModelProblem(org, agent.model) ??
      new AppError("PROMPT_REJECTED", clientMessage(error))
    );
  }

  /**
   * A request that found the session just before it was closed must not start a run or
   * queue a prompt on it: a deleted session's transcript or queue would be written anew.
   */
  #assertOpen(): void {
    if (this.#host.closed()) {
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        "The session was closed (deleted, or its project unloaded) as the request arrived; send it again",
      );
    }
  }
}
