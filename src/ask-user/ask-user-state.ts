import { z } from "zod";
import { CountersSchema, freshCounters } from "./ask-user-counters.js";
import { type AskUserSettings, AskUserSettingsPatchSchema } from "./ask-user-settings.js";

/** Most answers one session's queue may hold. */
export const maxQueueLength = 1000;

export const QueuedAnswerSchema = z.object({
  id: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export type QueuedAnswer = z.infer<typeof QueuedAnswerSchema>;

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
