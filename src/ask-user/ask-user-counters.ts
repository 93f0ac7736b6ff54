import { z } from "zod";
import type { AskUserSettings } from "./ask-user-settings.js";

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

export function freshCounters(): Counters {
  return { startedAt: null, askUserCalls: 0, runs: 0, directReplies: 0, otherToolCalls: 0 };
}

export interface DueWarning {
  kind: "elapsed" | "ask_user_calls";
  threshold: number;
  value: number;
  message: string;
}

/** Which threshold warnings a session has been given. */
export interface WarningsGiven {
  elapsed: boolean;
  askUserCalls: boolean;
}

const advice = "consider starting a fresh session";

/** Threshold warnings not given yet; marks them as given. */
export function takeDueWarnings(
  state: { counters: Counters; warned: WarningsGiven },
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
    const value = Math.floor(minutes);
    const threshold = settings.warnAfterMinutes;
    const message = `The ask_user loop has run for ${value} minutes (threshold ${threshold}); ${advice}.`;
    due.push({ kind: "elapsed", threshold, value, message });
  }
  const calls = state.counters.askUserCalls;
  if (
    !state.warned.askUserCalls &&
    settings.warnAfterAskUserCalls > 0 &&
    calls >= settings.warnAfterAskUserCalls
  ) {
    state.warned.askUserCalls = true;
    const threshold = settings.warnAfterAskUserCalls;
    const message = `ask_user has been called ${calls} times (threshold ${threshold}); ${advice}.`;
    due.push({ kind: "ask_user_calls", threshold, value: calls, message });
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

/** Whether the current run started with `ask_user` enabled and was told to stop. */
export interface RunFlags {
  enabled: boolean;
  stopped: boolean;
}

/** The pi events the counters follow, in the shape this module needs. */
export type CountedEvent =
  | { type: "agent_start" }
  | { type: "tool_execution_start"; toolName: string }
  | { type: "agent_end"; messages: readonly RunMessage[] };

/**
 * Updates the counters for one pi event: runs start and end, other tools are counted,
 * and a run ending with a direct reply (not after a `stop`) is a miss. Only runs that
 * started with `ask_user` enabled count. Returns the current run and whether anything
 * changed.
 */
export function countEvent(
  counters: Counters,
  run: RunFlags | undefined,
  event: CountedEvent,
  enabledNow: boolean,
  otherTool: (name: string) => boolean,
): { run: RunFlags | undefined; changed: boolean } {
  if (event.type === "agent_start") {
    const started = enabledNow && counters.startedAt === null;
    if (started) counters.startedAt = new Date().toISOString();
    return { run: { enabled: enabledNow, stopped: false }, changed: started };
  }
  if (!run?.enabled) return { run: event.type === "agent_end" ? undefined : run, changed: false };
  if (event.type === "tool_execution_start") {
    if (!otherTool(event.toolName)) return { run, changed: false };
    counters.otherToolCalls += 1;
    return { run, changed: true };
  }
  counters.runs += 1;
  if (!run.stopped && endedWithDirectReply(event.messages)) counters.directReplies += 1;
  return { run: undefined, changed: true };
}
