import { z } from "zod";

/** Longest answer, queued message or autopilot prompt, in characters. */
export const maxAnswerLength = 20_000;
/** Most autopilot prompts one session or project may hold. */
export const maxAutopilotPrompts = 100;

const AnswerTextSchema = z.string().trim().min(1).max(maxAnswerLength);

export const AutopilotSettingsSchema = z.strictObject({
  enabled: z.boolean().describe("Answer from `prompts` when the queue is empty."),
  prompts: z
    .array(AnswerTextSchema)
    .max(maxAutopilotPrompts)
    .describe("Answers handed out in turn, cycling 1→2→3→1…"),
});

export const AskUserSettingsSchema = z.strictObject({
  enabled: z
    .boolean()
    .describe("Offer the `ask_user` tool and add the feedback-loop policy to the system prompt."),
  fallbackAnswer: AnswerTextSchema.max(2000).describe(
    "Answer given when nothing is queued, autopilot is off and nobody answers in time.",
  ),
  waitTimeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .describe("How long a pending question waits for an answer; 0 waits forever."),
  askWhenUnwatched: z
    .boolean()
    .describe(
      "Open a pending question even when no client watches the event stream (otherwise the fallback answer is given at once).",
    ),
  autopilot: AutopilotSettingsSchema,
  warnAfterMinutes: z
    .number()
    .int()
    .min(0)
    .max(525_600)
    .describe("Warn once when the loop has run this long; 0 never warns."),
  warnAfterAskUserCalls: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .describe("Warn once after this many `ask_user` calls; 0 never warns."),
});

export type AskUserSettings = z.infer<typeof AskUserSettingsSchema>;

/** A partial update: any subset of the settings, autopilot fields included. */
export const AskUserSettingsPatchSchema = AskUserSettingsSchema.extend({
  autopilot: AutopilotSettingsSchema.partial().optional(),
}).partial();

export type AskUserSettingsPatch = z.infer<typeof AskUserSettingsPatchSchema>;

/**
 * Built-in settings: disabled, fallback `continue`, wait forever, only ask when a client
 * watches, autopilot off, warnings after 120 minutes or 50 calls.
 */
export const defaultAskUserSettings: AskUserSettings = {
  enabled: false,
  fallbackAnswer: "continue",
  waitTimeoutSeconds: 0,
  askWhenUnwatched: false,
  autopilot: { enabled: false, prompts: [] },
  warnAfterMinutes: 120,
  warnAfterAskUserCalls: 50,
};

/** Applies `patches` in order over `base`; autopilot fields merge one by one. */
export function mergeSettings(
  base: AskUserSettings,
  ...patches: AskUserSettingsPatch[]
): AskUserSettings {
  let merged = base;
  for (const patch of patches) {
    const { autopilot, ...rest } = patch;
    merged = {
      ...merged,
      ...definedOnly(rest),
      autopilot: { ...merged.autopilot, ...definedOnly(autopilot ?? {}) },
    };
  }
  return merged;
}

/** Folds `patch` into the stored overrides `overrides`. */
export function combinePatches(
  overrides: AskUserSettingsPatch,
  patch: AskUserSettingsPatch,
): AskUserSettingsPatch {
  const { autopilot, ...rest } = patch;
  const combined: AskUserSettingsPatch = { ...overrides, ...definedOnly(rest) };
  if (autopilot) combined.autopilot = { ...overrides.autopilot, ...definedOnly(autopilot) };
  return combined;
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

function definedOnly<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Defined<T>;
}
