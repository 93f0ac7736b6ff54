import { z } from "zod";
import { type AskUserSettings, AskUserSettingsPatchSchema } from "./ask-user-settings.js";

/** Most answers one session's queue may hold. */
export const maxQueueLength = 1000;

export const QueuedAnswerSchema = z.object({
  id: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export type QueuedAnswer = z.infer<typeof QueuedAnswerSchema>;

export const CountersSchema = z.object({
  startedAt: z
    .string()
    .nullable()
    .describe("When the first run with `ask_user` enabled started (or the counters were reset)."),
  askUserCalls: z.number().int(),
  runs: z.number().int().describe("Runs that ended while `ask_user` was enabled."),
  directReplies: z
    .number()
    .int()
    .describe("Runs that ended with a direct reply instead of an `ask_user` call."),
  otherToolCalls: z.number().int(),
});

export type Counters = z.infer<typeof CountersSchema>;

/** Everything kept per session, as written to its state file. */
export const AskUserStateSchema = z.object({
  version: z.literal(1),
  /** The session's own settings; the project defaults fill in the rest. */
  settings: AskUserSettingsPatchSchema,
  queue: z.array(QueuedAnswerSchema),
  /** Index of the next autopilot prompt. */
  autopilotCursor: z.number().int().min(0),
  /** The next `ask_user` call answers `stop`. */
  stopRequested: z.boolean(),
  counters: CountersSchema,
  warned: z.object({ elapsed: z.boolean(), askUserCalls: z.boolean() }),
});

export type AskUserState = z.infer<typeof AskUserStateSchema>;

export type ImmediateSource = "stop" | "queue" | "autopilot";

export const stopAnswer = "stop";

export function freshCounters(): Counters {
  return { startedAt: null, askUserCalls: 0, runs: 0, directReplies: 0, otherToolCalls: 0 };
}

export function freshState(): AskUserState {
  return {
    version: 1,
    settings: {},
    queue: [],
    autopilotCursor: 0,
    stopRequested: false,
    counters: freshCounters(),
    warned: { elapsed: false, askUserCalls: false },
  };
}

/**
 * Takes the answer available without asking anyone, in priority order: a requested
 * stop, the oldest queued answer, then the next autopilot prompt (cycling).
 * Mutates `state`; returns undefined when a person has to answer.
 */
export function takeImmediateAnswer(
  state: AskUserState,
  settings: AskUserSettings,
): { answer: string; source: ImmediateSource } | undefined {
  if (state.stopRequested) {
    state.stopRequested = false;
    return { answer: stopAnswer, source: "stop" };
  }
  const queued = state.queue.shift();
  if (queued) return { answer: queued.text, source: "queue" };
  const { enabled, prompts } = settings.autopilot;
  if (enabled && prompts.length > 0) {
    const index = state.autopilotCursor % prompts.length;
    state.autopilotCursor = (index + 1) % prompts.length;
    return { answer: prompts[index] as string, source: "autopilot" };
  }
  return undefined;
}

export interface DueWarning {
  kind: "elapsed" | "ask_user_calls";
  threshold: number;
  value: number;
}

/** Threshold warnings not given yet; marks them as given. */
export function takeDueWarnings(
  state: AskUserState,
  settings: AskUserSettings,
  now: number,
): DueWarning[] {
  const due: DueWarning[] = [];
  const minutes = elapsedMs(state.counters, now) / 60_000;
  if (
    !state.warned.elapsed &&
    settings.warnAfterMinutes > 0 &&
    minutes >= settings.warnAfterMinutes
  ) {
    state.warned.elapsed = true;
    due.push({ kind: "elapsed", threshold: settings.warnAfterMinutes, value: Math.floor(minutes) });
  }
  const calls = state.counters.askUserCalls;
  if (
    !state.warned.askUserCalls &&
    settings.warnAfterAskUserCalls > 0 &&
    calls >= settings.warnAfterAskUserCalls
  ) {
    state.warned.askUserCalls = true;
    due.push({ kind: "ask_user_calls", threshold: settings.warnAfterAskUserCalls, value: calls });
  }
  return due;
}

export function elapsedMs(counters: Counters, now: number): number {
  return counters.startedAt === null ? 0 : Math.max(0, now - Date.parse(counters.startedAt));
}

/** The message of a run's last assistant turn, in the shape this module needs. */
export interface RunMessage {
  role: string;
  stopReason?: string;
  content?: unknown;
}

/**
 * Whether a run ended with the model answering directly: its last assistant message
 * finished normally and called no tool. Aborted or failed runs do not count.
 */
export function endedWithDirectReply(messages: readonly RunMessage[]): boolean {
  const last = [...messages].reverse().find((message) => message.role === "assistant");
  if (last?.stopReason !== "stop") return false;
  const content = Array.isArray(last.content) ? (last.content as Array<{ type?: unknown }>) : [];
  return !content.some((block) => block.type === "toolCall");
}
