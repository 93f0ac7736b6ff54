import { randomUUID } from "node:crypto";
import type {
  AskUserAnsweredEvent,
  AskUserAnswerSource,
  AskUserCountersView,
  AskUserStateEvent,
} from "../contract/ask-user-events.js";
import { AppError } from "../errors/index.js";
import type { AgentSessionEvent } from "../pi/agent-sessions.js";
import { type AskUserHooks, askUserToolName } from "../pi/ask-user-tool.js";
import {
  type CountedEvent,
  countEvent,
  elapsedMs,
  freshCounters,
  type RunFlags,
  takeDueWarnings,
} from "./ask-user-counters.js";
import {
  type AskUserSettings,
  type AskUserSettingsPatch,
  combinePatches,
  defaultAskUserSettings,
  mergeSettings,
} from "./ask-user-settings.js";
import {
  type AskUserState,
  maxQueueLength,
  type QueuedAnswer,
  stopAnswer,
  takeImmediateAnswer,
} from "./ask-user-state.js";
import { type AskUserHost, type WaitingQuestion, WaitingQuestions } from "./ask-user-wait.js";
import { CoalescingWriter } from "./coalescing-writer.js";

export interface AskUserSessionOptions {
  /** Persists the state; called again whenever it changes. */
  save: (sessionId: string, state: AskUserState) => Promise<void>;
  /** The project defaults, read on every use so changes apply at once. */
  projectDefaults: () => AskUserSettingsPatch;
  /** Called once the session has an id and a live host. */
  onAttach: (session: AskUserSession) => void;
}

/**
 * The `ask_user` state of one session and the tool's behaviour: answers come from a
 * requested stop, the queue (FIFO), autopilot (cycling), a person watching the stream,
 * or the fallback answer — in that order. Counts calls, runs and direct replies, emits
 * threshold warnings, and saves every change (coalesced, one write at a time).
 */
export class AskUserSession {
  readonly #options: AskUserSessionOptions;
  readonly #state: AskUserState;
  readonly #waiting = new WaitingQuestions();
  #host: AskUserHost | undefined;
  #run: RunFlags | undefined;
  readonly #writer: CoalescingWriter;

  /** What pi calls: whether the tool is on, the tool itself, and the session's events. */
  readonly hooks: AskUserHooks = {
    isEnabled: () => this.settings.enabled,
    ask: (question, call) => this.#ask(question, call),
    observe: (event) => this.#observe(event),
  };

  constructor(state: AskUserState, options: AskUserSessionOptions) {
    this.#state = state;
    this.#options = options;
    this.#writer = new CoalescingWriter(async () => {
      if (this.#host) await options.save(this.#host.id, structuredClone(this.#state));
    });
  }

  get id(): string | undefined {
    return this.#host?.id;
  }

  /** The effective settings: built-in defaults, then project defaults, then the session's own. */
  get settings(): AskUserSettings {
    return mergeSettings(
      defaultAskUserSettings,
      this.#options.projectDefaults(),
      this.#state.settings,
    );
  }

  get queue(): QueuedAnswer[] {
    return [...this.#state.queue];
  }

  get stopRequested(): boolean {
    return this.#state.stopRequested;
  }

  get waiting(): WaitingQuestion[] {
    return this.#waiting.list();
  }

  counters(now = Date.now()): AskUserCountersView {
    return { ...this.#state.counters, elapsedMs: elapsedMs(this.#state.counters, now) };
  }

  /** Connects the state to its live session; called once pi has built it. */
  attach(host: AskUserHost): void {
    this.#host = host;
    this.#options.onAttach(this);
  }

  updateSettings(patch: AskUserSettingsPatch): AskUserSettings {
    const before = this.settings.autopilot.prompts;
    this.#state.settings = combinePatches(this.#state.settings, patch);
    if (patch.autopilot?.prompts && !samePrompts(before, patch.autopilot.prompts)) {
      this.#state.autopilotCursor = 0;
    }
    this.#changed();
    return this.settings;
  }

  /**
   * Queues an answer; when a call is already waiting, it receives the answer at once
   * (`position` 0) instead.
   *
   * @throws {AppError} `ASK_USER_QUEUE_FULL` when the queue holds `maxQueueLength` answers.
   */
  enqueue(text: string): QueuedAnswer & { position: number } {
    const item = { id: randomUUID(), text, createdAt: new Date().toISOString() };
    if (this.#waiting.deliver(text)) return { ...item, position: 0 };
    if (this.#state.queue.length >= maxQueueLength) {
      throw new AppError(
        "ASK_USER_QUEUE_FULL",
        `The queue already holds ${maxQueueLength} answers`,
      );
    }
    this.#state.queue.push(item);
    this.#changed();
    return { ...item, position: this.#state.queue.length };
  }

  clearQueue(): number {
    const cleared = this.#state.queue.length;
    this.#state.queue = [];
    this.#changed();
    return cleared;
  }

  /** Releases every waiting call with `stop`; with none waiting, the next call gets `stop`. */
  stop(): { released: number; stopRequested: boolean } {
    const released = this.#waiting.stopAll();
    if (released === 0) this.#state.stopRequested = true;
    this.#changed();
    return { released, stopRequested: this.#state.stopRequested };
  }

  resetCounters(): AskUserCountersView {
    this.#state.counters = freshCounters();
    this.#state.warned = { elapsed: false, askUserCalls: false };
    this.#changed();
    return this.counters();
  }

  /** Resolves once every change so far is on disk; rejects if a write failed. */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /** Writes what is pending, then stops writing (the session is going away). */
  async close(): Promise<void> {
    this.#waiting.stopAll();
    await this.#writer.close();
  }

  async #ask(
    question: string,
    call: { toolCallId: string; signal: AbortSignal | undefined },
  ): Promise<string> {
    const settings = this.settings;
    const counters = this.#state.counters;
    counters.askUserCalls += 1;
    counters.startedAt ??= new Date().toISOString();
    const immediate = takeImmediateAnswer(this.#state, settings);
    this.#warn(settings);
    const answer = (text: string, source: AskUserAnswerSource, reason?: FallbackReason) =>
      this.#answered(call.toolCallId, question, text, source, reason);
    if (immediate) return answer(immediate.answer, immediate.source);
    const host = this.#host;
    if (!host || (host.hub.subscriberCount === 0 && !settings.askWhenUnwatched)) {
      return answer(settings.fallbackAnswer, "fallback", "unwatched");
    }
    this.#changed();
    const outcome = await this.#waiting.ask(host, question, {
      ...call,
      timeoutMs: settings.waitTimeoutSeconds * 1000,
    });
    switch (outcome.kind) {
      case "answered":
        return answer(outcome.value, "user");
      case "queued":
        return answer(outcome.value, "queue");
      case "stopped":
        return answer(stopAnswer, "stop");
      default:
        return answer(settings.fallbackAnswer, "fallback", outcome.kind);
    }
  }

  #answered(
    toolCallId: string,
    question: string,
    answer: string,
    source: AskUserAnswerSource,
    fallbackReason?: FallbackReason,
  ): string {
    if (source === "stop" && this.#run) this.#run.stopped = true;
    const event: AskUserAnsweredEvent = {
      type: "ask_user_answered",
      toolCallId,
      question,
      answer,
      source,
      ...(fallbackReason ? { fallbackReason } : {}),
      queueLength: this.#state.queue.length,
    };
    this.#host?.hub.publish(event);
    this.#changed();
    return answer;
  }

  #observe(event: AgentSessionEvent): void {
    if (!isCounted(event)) return;
    const settings = this.settings;
    const { run, changed } = countEvent(
      this.#state.counters,
      this.#run,
      event,
      settings.enabled,
      (name) => name !== askUserToolName,
    );
    this.#run = run;
    if (event.type === "agent_end" && changed) this.#warn(settings);
    if (changed) this.#changed();
  }

  #warn(settings: AskUserSettings): void {
    for (const warning of takeDueWarnings(this.#state, settings, Date.now())) {
      this.#host?.hub.publish({ type: "ask_user_warning", ...warning });
    }
  }

  #changed(): void {
    const settings = this.settings;
    const event: AskUserStateEvent = {
      type: "ask_user_state",
      enabled: settings.enabled,
      autopilot: settings.autopilot.enabled,
      queueLength: this.#state.queue.length,
      stopRequested: this.#state.stopRequested,
      counters: this.counters(),
    };
    this.#host?.hub.publish(event);
    if (this.#host) this.#writer.schedule();
  }
}

type FallbackReason = AskUserAnsweredEvent["fallbackReason"];

function isCounted(event: AgentSessionEvent): event is AgentSessionEvent & CountedEvent {
  return (
    event.type === "agent_start" ||
    event.type === "agent_end" ||
    event.type === "tool_execution_start"
  );
}

function samePrompts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((prompt, index) => prompt === b[index]);
}
