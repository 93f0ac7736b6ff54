import { AppError } from "../errors/index.js";
import type { Logger } from "../logging/logger.js";
import type { OAuthLoginCallbacks } from "../pi/org-credentials.js";
import { FlowClosedError, type FlowState, SubscriptionFlow } from "./subscription-flow.js";

export interface SubscriptionFlowsOptions {
  /**
   * Runs the provider's login with the flow's callbacks. It must store the credential only
   * if `accept()` still holds when the login returns (a cancelled flow stores nothing).
   */
  login(provider: string, callbacks: OAuthLoginCallbacks, accept: () => boolean): Promise<void>;
  /** Whether `provider` offers a subscription login. */
  supports(provider: string): boolean;
  logger: Logger;
  /** How long a login may take before it expires. Default 10 minutes. */
  ttlMs?: number;
  /** How long a finished flow stays readable. Default 10 minutes. */
  retainMs?: number;
  /** How long start/continue wait for the login to react before answering. Default 2 s. */
  settleMs?: number;
  /** Clock for timestamps. Default `Date.now`. */
  now?: () => number;
}

const maxErrorLength = 500;

const notFound = (id: string) =>
  new AppError("SUBSCRIPTION_FLOW_NOT_FOUND", `No subscription login with id "${id}"`);

const finished = (flow: SubscriptionFlow) =>
  new AppError(
    "SUBSCRIPTION_FLOW_FINISHED",
    `Subscription login ${flow.id} has already ended (${flow.status})`,
  );

/**
 * The subscription (OAuth) logins in progress: at most one active flow per provider,
 * each expiring after a TTL and readable for a while after it ends.
 */
export class SubscriptionFlows {
  readonly #options: SubscriptionFlowsOptions;
  readonly #flows = new Map<string, SubscriptionFlow>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #ttlMs: number;
  readonly #retainMs: number;
  readonly #settleMs: number;

  constructor(options: SubscriptionFlowsOptions) {
    this.#options = options;
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#retainMs = options.retainMs ?? 10 * 60_000;
    this.#settleMs = options.settleMs ?? 2_000;
  }

  /** The id of the provider's active flow, if any. */
  activeFlowId(provider: string): string | undefined {
    for (const flow of this.#flows.values()) {
      if (flow.provider === provider && !flow.finished) return flow.id;
    }
    return undefined;
  }

  /**
   * Starts a login and answers once it shows an auth URL or a prompt, ends, or the settle
   * time passes.
   *
   * @throws {AppError} `SUBSCRIPTION_PROVIDER_NOT_FOUND`, `SUBSCRIPTION_FLOW_ACTIVE`
   */
  async start(provider: string): Promise<FlowState> {
    if (!this.#options.supports(provider)) {
      throw new AppError(
        "SUBSCRIPTION_PROVIDER_NOT_FOUND",
        `Provider "${provider}" has no subscription login`,
      );
    }
    const active = this.activeFlowId(provider);
    if (active) {
      throw new AppError(
        "SUBSCRIPTION_FLOW_ACTIVE",
        `A subscription login for "${provider}" is already in progress (flow ${active}); continue or cancel it first`,
      );
    }
    const flow = new SubscriptionFlow(provider, {
      ttlMs: this.#ttlMs,
      now: this.#options.now ?? Date.now,
    });
    this.#flows.set(flow.id, flow);
    this.#schedule(flow.id, this.#ttlMs, () => this.#close(flow, "expired"));
    this.#options.logger.info("subscription login started", { provider, flow: flow.id });
    this.#run(flow);
    const deadline = Date.now() + this.#settleMs;
    while (!flow.finished && !flow.state().auth && !flow.pendingPrompt && Date.now() < deadline) {
      await flow.nextChange(deadline - Date.now());
    }
    return flow.state();
  }

  /** @throws {AppError} `SUBSCRIPTION_FLOW_NOT_FOUND` */
  get(id: string): FlowState {
    return this.#require(id).state();
  }

  /**
   * Answers the flow's pending prompt, then waits (up to the settle time) for the login
   * to react.
   *
   * @throws {AppError} `SUBSCRIPTION_FLOW_NOT_FOUND`, `SUBSCRIPTION_FLOW_FINISHED`,
   *   `SUBSCRIPTION_FLOW_NOT_AWAITING_INPUT`, `VALIDATION_FAILED`
   */
  async continue(id: string, value: string): Promise<FlowState> {
    const flow = this.#require(id);
    if (flow.finished) throw finished(flow);
    const prompt = flow.pendingPrompt;
    if (!prompt) {
      throw new AppError(
        "SUBSCRIPTION_FLOW_NOT_AWAITING_INPUT",
        `Subscription login ${id} is not waiting for input; poll it until it shows a prompt`,
      );
    }
    const invalid =
      prompt.kind === "select"
        ? !prompt.options.some((option) => option.id === value) &&
          `must be one of: ${prompt.options.map((option) => option.id).join(", ")}`
        : value.trim() === "" &&
          !(prompt.kind === "text" && prompt.allowEmpty) &&
          "must not be empty";
    if (invalid) {
      throw new AppError("VALIDATION_FAILED", `body.value: ${invalid}`, {
        fields: [{ path: "body.value", message: invalid }],
      });
    }
    flow.answer(value);
    await flow.nextChange(this.#settleMs);
    return flow.state();
  }

  /**
   * Cancels a flow in progress; nothing is stored even if the login completes later.
   *
   * @throws {AppError} `SUBSCRIPTION_FLOW_NOT_FOUND`, `SUBSCRIPTION_FLOW_FINISHED`
   */
  cancel(id: string): FlowState {
    const flow = this.#require(id);
    if (flow.finished) throw finished(flow);
    this.#close(flow, "cancelled");
    return flow.state();
  }

  /** Cancels every active flow and forgets them all. */
  dispose(): void {
    for (const flow of this.#flows.values()) flow.finish("cancelled");
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#flows.clear();
  }

  #run(flow: SubscriptionFlow): void {
    const { provider } = flow;
    this.#options
      .login(provider, flow.callbacks(), () => !flow.finished)
      .then(() => this.#close(flow, "succeeded"))
      .catch((error: unknown) => {
        if (flow.finished || error instanceof FlowClosedError) return;
        const message = error instanceof Error ? error.message : String(error);
        this.#close(flow, "failed", message.slice(0, maxErrorLength));
      });
  }

  #close(
    flow: SubscriptionFlow,
    status: "succeeded" | "failed" | "cancelled" | "expired",
    error?: string,
  ) {
    const detail =
      error ?? (status === "expired" ? `Not completed within ${this.#ttlMs / 1000} s` : undefined);
    if (!flow.finish(status, detail)) return;
    this.#options.logger.info("subscription login ended", {
      provider: flow.provider,
      flow: flow.id,
      status,
    });
    this.#schedule(flow.id, this.#retainMs, () => this.#flows.delete(flow.id));
  }

  #schedule(id: string, ms: number, run: () => void): void {
    clearTimeout(this.#timers.get(id));
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      run();
    }, ms);
    timer.unref();
    this.#timers.set(id, timer);
  }

  #require(id: string): SubscriptionFlow {
    const flow = this.#flows.get(id);
    if (!flow) throw notFound(id);
    return flow;
  }
}
