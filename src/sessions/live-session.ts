import type { CompactWireEvent } from "../contract/compact-events.js";
import type { EventClassifier } from "../contract/event-classifier.js";
import type { SessionStatus } from "../contract/session-status.js";
import { AppError } from "../errors/index.js";
import {
  type AgentSession,
  bindSessionExtensions,
  type ImageContent,
  listSessionCommands,
  sessionCreatedAt,
} from "../pi/agent-sessions.js";
import type { OrgServices } from "../pi/org-services.js";
import type { EventHub } from "../sse/event-hub.js";
import type { LogErrorListener } from "../sse/hub-log.js";
import type { EventSequence } from "../sse/sequence.js";
import type { EventLog } from "../storage/index.js";
import { EventCompactor } from "./event-compactor.js";
import { type EventTap, EventTaps, type TapStage } from "./event-taps.js";
import { ExtensionUiBridge } from "./extension-ui-bridge.js";
import { PromptQueue, type QueuedPrompt } from "./prompt-queue.js";
import {
  type PromptInput,
  PromptRunner,
  type SubmitInput,
  type SubmitOutcome,
} from "./prompt-runner.js";
import { rejectedAs } from "./refusals.js";
import { createSessionHub } from "./session-hub.js";
import {
  applySessionSettings,
  changesAgentSettings,
  readSessionSettings,
  type SessionSettings,
  type SessionSettingsInput,
  type SettingsTarget,
} from "./session-settings.js";
import { StreamedReply } from "./streamed-reply.js";

export type { SessionStatus };

/** How a live session reports and buffers its events. */
export interface LiveSessionOptions {
  /** Sees every outgoing event (e.g. to log unmodelled types). Default: none. */
  classify?: EventClassifier | undefined;
  /** Byte bound of the in-memory replay ring. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Where the session's events are kept for replay across restarts (closed on dispose). Default: memory only. */
  log?: EventLog | undefined;
  /** Told when the log fails (see `EventHubOptions.onLogError`). Default: none. */
  onLogError?: LogErrorListener | undefined;
  /** The session's prompt queue and on-busy default. Default: an empty queue in memory. */
  queue?: PromptQueue | undefined;
  /**
   * Called before anything starts a run or hands pi a prompt (prompt, queued prompt,
   * steer, follow-up); throwing refuses it and changes nothing. Default: none.
   */
  runGate?: (() => void) | undefined;
}

/**
 * One pi session held in memory: its event hub (ids, replay, subscribers), its extension
 * UI bridge and its status. Every server-injected event goes through the same hub as pi's.
 */
export class LiveSession {
  readonly id: string;
  readonly hub: EventHub<CompactWireEvent>;
  readonly ui: ExtensionUiBridge;
  readonly #agent: AgentSession;
  readonly #org: OrgServices;
  readonly #unsubscribe: () => void;
  readonly #taps = new EventTaps();
  readonly #compactor = new EventCompactor();
  #status: SessionStatus = "idle";
  readonly #reply = new StreamedReply();
  readonly #attachedAt = new Date().toISOString();
  readonly #changeListeners = new Set<() => void>();
  readonly #queue: PromptQueue;
  readonly #prompts: PromptRunner;
  #disposed = false;

  private constructor(
    agent: AgentSession,
    org: OrgServices,
    sequence: EventSequence,
    options: LiveSessionOptions,
  ) {
    this.id = agent.sessionId;
    this.#agent = agent;
    this.#org = org;
    this.hub = createSessionHub({ sequence, ...options, settle: () => this.#compactor.settle() });
    this.#queue = options.queue ?? PromptQueue.inMemory(agent.sessionId);
    this.#prompts = new PromptRunner({
      agent,
      org,
      queue: this.#queue,
      runGate: options.runGate,
      closed: () => this.#disposed,
      publish: (event) => this.hub.publish(event),
      abort: () => this.abort(),
    });
    this.ui = new ExtensionUiBridge(
      (event) => this.hub.publish(event),
      () => this.#refreshStatus(),
    );
    this.#taps.add("stream", (event) => {
      const compact = this.#compactor.compact(event);
      const full = compact === event ? undefined : event;
      const id = this.hub.publish(compact, full, this.#compactor.unsettled);
      this.#reply.published(event, id);
      if (event.type === "agent_start") this.#refreshStatus(true);
      if (event.type === "agent_end") {
        this.#refreshStatus(false);
        this.#prompts.scheduleDrain();
      }
    });
    this.#unsubscribe = agent.subscribe((event) => this.#taps.dispatch(event));
  }

  /** Wraps `agent`, binding its extensions to the HTTP UI bridge. */
  static async attach(
    agent: AgentSession,
    org: OrgServices,
    sequence: EventSequence,
    options: LiveSessionOptions = {},
  ): Promise<LiveSession> {
    const live = new LiveSession(agent, org, sequence, options);
    await bindSessionExtensions(agent, live.ui.createContext(), (error) =>
      live.hub.publish({ type: "extension_error", ...error }),
    );
    return live;
  }

  /**
   * Follows this session's pi events at `stage` (see `tapOrder`): the only way anything
   * but the hub sees them, so their order is stated in one place.
   *
   * @returns the function that removes the tap.
   */
  tap(stage: Exclude<TapStage, "stream">, tap: EventTap): () => void {
    return this.#taps.add(stage, tap);
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** Whether the session was disposed (deleted, evicted or shut down). */
  get disposed(): boolean {
    return this.#disposed;
  }

  get isStreaming(): boolean {
    return this.#agent.isStreaming;
  }

  get name(): string | undefined {
    return this.#agent.sessionName;
  }

  get messages() {
    return this.#agent.messages;
  }

  /**
   * The id of the `message_start` of the assistant reply being streamed, which
   * `messages` holds only once it ends; undefined when no reply is in flight.
   */
  get replyStartEventId(): number | undefined {
    return this.#reply.startEventId;
  }

  /** `messages` as the event stream has told them so far (see `StreamedReply`). */
  get streamedMessages() {
    return this.#reply.told(this.#agent.messages);
  }

  /** When the transcript was created. */
  get createdAt(): string {
    return sessionCreatedAt(this.#agent) ?? this.#attachedAt;
  }

  /** When the last message was added (the creation time while there is none). */
  get modifiedAt(): string {
    const last = this.messages.at(-1) as { timestamp?: unknown } | undefined;
    return typeof last?.timestamp === "number"
      ? new Date(last.timestamp).toISOString()
      : this.createdAt;
  }

  get sessionFile(): string | undefined {
    return this.#agent.sessionFile;
  }

  /**
   * Starts a prompt and resolves once pi's preflight accepts it; the run continues in
   * the background and reports through events.
   *
   * @throws {AppError} `SESSION_BUSY` while busy (streaming, or prompts queued) without
   *   `streamingBehavior`; `MODEL_NO_CREDENTIALS` or `NO_MODEL_AVAILABLE` when pi refuses
   *   it for want of a usable model (the detail says how to add one); `PROMPT_REJECTED`
   *   when pi's preflight refuses it for another reason; `SERVICE_UNAVAILABLE` once the
   *   session was closed.
   */
  async prompt(input: PromptInput): Promise<void> {
    await this.submit({ ...input, onBusy: input.streamingBehavior ?? "reject" });
  }

  /**
   * Submits a prompt under a double-texting policy: `input.onBusy`, else
   * `streamingBehavior`, else the session's default. A session is busy while it streams
   * or while prompts wait in its queue; a free session runs the prompt whatever the
   * policy. Resolves once the prompt is running, handed to pi or queued on disk.
   *
   * @throws {AppError} `SESSION_BUSY` when busy under `reject`; pi's refusals and a
   *   closed session as for {@link prompt}.
   */
  submit(input: SubmitInput): Promise<SubmitOutcome> {
    return this.#prompts.submit(input);
  }

  /** The prompts waiting to run after the current one, in order. */
  queuedPrompts(): QueuedPrompt[] {
    return this.#queue.list();
  }

  /**
   * Removes a prompt from the queue before it runs.
   *
   * @throws {AppError} `QUEUED_PROMPT_NOT_FOUND` when it is not queued (any more).
   */
  cancelQueuedPrompt(itemId: string): Promise<void> {
    return this.#prompts.cancelQueued(itemId);
  }

  /** Starts the queue's next prompt if the session is free, e.g. after it was reopened. */
  resumeQueue(): void {
    this.#prompts.scheduleDrain();
  }

  /**
   * @throws {AppError} `PROMPT_REJECTED` when pi refuses to queue it (e.g. an extension
   *   command); `SERVICE_UNAVAILABLE` once the session was closed.
   */
  steer(text: string, images?: ImageContent[]): Promise<void> {
    return this.#prompts.steer(text, images);
  }

  /**
   * @throws {AppError} `PROMPT_REJECTED` when pi refuses to queue it (e.g. an extension
   *   command); `SERVICE_UNAVAILABLE` once the session was closed.
   */
  followUp(text: string, images?: ImageContent[]): Promise<void> {
    return this.#prompts.followUp(text, images);
  }

  /** Aborts the in-flight run (a no-op when idle) and cancels pending UI requests. */
  async abort(): Promise<void> {
    this.ui.cancelAll();
    await this.#agent.abort();
  }

  /**
   * @throws {AppError} `SESSION_BUSY` while streaming, `COMPACTION_FAILED` when pi cannot
   *   compact (nothing to compact, no credentials, the summary failed).
   */
  async compact(customInstructions?: string) {
    this.#assertIdle("compact");
    return this.#agent.compact(customInstructions).catch(rejectedAs("COMPACTION_FAILED"));
  }

  stats() {
    return this.#agent.getSessionStats();
  }

  commands() {
    return listSessionCommands(this.#agent);
  }

  /** Calls `listener` after every rename and settings change. */
  /** @returns the function that removes the listener. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => {
      this.#changeListeners.delete(listener);
    };
  }

  rename(name: string): void {
    this.#agent.setSessionName(name);
    this.#changed();
  }

  settings(): SessionSettings {
    return readSessionSettings(this.#settingsTarget());
  }

  /**
   * Switches model and/or thinking level while idle; pi clamps the level to what the
   * model supports, and the effective settings are returned. The on-busy default
   * (`onBusy`) may change at any time and is kept beside the transcript.
   *
   * @throws {AppError} `SESSION_BUSY` for a model or level change while streaming;
   *   `MODEL_NOT_FOUND`, `MODEL_NO_CREDENTIALS` for a model that cannot run.
   */
  async updateSettings(input: SessionSettingsInput): Promise<SessionSettings> {
    if (changesAgentSettings(input)) this.#assertIdle("change settings");
    await applySessionSettings(this.#settingsTarget(), input);
    this.#changed();
    return this.settings();
  }

  #settingsTarget(): SettingsTarget {
    return { agent: this.#agent, org: this.#org, queue: this.#queue };
  }

  #changed(): void {
    for (const listener of this.#changeListeners) listener();
  }

  /** Aborts any run, cancels UI requests, closes every stream and releases pi's session. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.ui.cancelAll();
    if (this.#agent.isStreaming) await this.#agent.abort().catch(() => undefined);
    this.#unsubscribe();
    const closed = this.hub.close();
    this.#agent.dispose();
    await Promise.all([closed, this.#queue.flush()]);
  }

  /** Whether prompts wait in the session's queue. */
  get hasQueuedPrompts(): boolean {
    return this.#queue.length > 0;
  }

  /** Deletes the session's queue and on-busy default (the session is being deleted). */
  async destroyQueue(): Promise<void> {
    await this.#queue.destroy();
  }

  #assertIdle(action: string): void {
    if (this.#agent.isStreaming) {
      throw new AppError("SESSION_BUSY", `Cannot ${action} while the session is streaming`);
    }
  }

  #refreshStatus(streaming = this.#agent.isStreaming): void {
    const next: SessionStatus =
      this.ui.pendingCount > 0 ? "awaiting_input" : streaming ? "streaming" : "idle";
    if (next === this.#status) return;
    this.#status = next;
    this.hub.publish({ type: "session_status", status: next });
  }
}
