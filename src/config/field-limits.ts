/** The bounds on every user-supplied task and session field (`API_MAX_*`). */
export interface TaskFieldLimits {
  /** Longest task title or session name. Default 200 characters. */
  maxTitleLength: number;
  /** Longest task prompt, session prompt, steer, follow-up or compaction instruction. Default 20,000 characters. */
  maxPromptLength: number;
  /** Longest task `source`. Default 64 characters. */
  maxSourceLength: number;
  /** Longest task `externalId`. Default 128 characters. */
  maxExternalIdLength: number;
  /** Longest task rejection reason. Default 1,000 characters. */
  maxRejectReasonLength: number;
  /** Largest task `metadata`. Default 16,384 bytes of JSON. */
  maxMetadataBytes: number;
}

/** The bounds on the session inputs a person writes (`API_MAX_PROMPT_LENGTH`, `API_MAX_TITLE_LENGTH`). */
export type SessionFieldLimits = Pick<TaskFieldLimits, "maxPromptLength" | "maxTitleLength">;

type FieldLimitName = keyof TaskFieldLimits;

export const defaultTaskFieldLimits: TaskFieldLimits = {
  maxTitleLength: 200,
  maxPromptLength: 20_000,
  maxSourceLength: 64,
  maxExternalIdLength: 128,
  maxRejectReasonLength: 1000,
  maxMetadataBytes: 16_384,
};

/**
 * The largest value each field limit may be configured to. The configuration refuses
 * more, and the documented schemas carry these as their `maxLength`, so a request
 * above them is refused by validation whatever the configuration says.
 */
export const hardFieldLimits: Readonly<TaskFieldLimits> = {
  maxTitleLength: 100_000,
  maxPromptLength: 10_000_000,
  maxSourceLength: 10_000,
  maxExternalIdLength: 10_000,
  maxRejectReasonLength: 1_000_000,
  maxMetadataBytes: 100 * 1024 * 1024,
};

/** The smallest value each field limit may be configured to. */
export const minFieldLimits: Readonly<TaskFieldLimits> = {
  maxTitleLength: 1,
  maxPromptLength: 1,
  maxSourceLength: 1,
  maxExternalIdLength: 1,
  maxRejectReasonLength: 1,
  maxMetadataBytes: 2,
};

/** The environment variable that configures each field limit. */
export const fieldLimitVariables: Readonly<Record<FieldLimitName, string>> = {
  maxTitleLength: "API_MAX_TITLE_LENGTH",
  maxPromptLength: "API_MAX_PROMPT_LENGTH",
  maxSourceLength: "API_MAX_SOURCE_LENGTH",
  maxExternalIdLength: "API_MAX_EXTERNAL_ID_LENGTH",
  maxRejectReasonLength: "API_MAX_REJECT_REASON_LENGTH",
  maxMetadataBytes: "API_MAX_METADATA_BYTES",
};

const units: Record<FieldLimitName, string> = {
  maxTitleLength: "characters",
  maxPromptLength: "characters",
  maxSourceLength: "characters",
  maxExternalIdLength: "characters",
  maxRejectReasonLength: "characters",
  maxMetadataBytes: "bytes of JSON",
};

const count = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * The sentence a field's documentation carries about its configured limit, e.g.
 * "At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000."
 */
export function fieldLimitNote(name: FieldLimitName): string {
  const fallback = `${count(defaultTaskFieldLimits[name])} ${units[name]}`;
  return `At most the server's \`${fieldLimitVariables[name]}\` (default ${fallback}), which can be set up to ${count(hardFieldLimits[name])}.`;
}

/**
 * The field limits with `overrides` applied over the defaults; keys other than the
 * field limits are ignored, so a whole `Limits` object may be passed.
 *
 * @throws {RangeError} when an override is not a whole number between its minimum and hard maximum.
 * @example
 * resolveFieldLimits({ maxPromptLength: 5000 }).maxTitleLength; // 200
 */
export function resolveFieldLimits(overrides: Partial<TaskFieldLimits> = {}): TaskFieldLimits {
  const limits = { ...defaultTaskFieldLimits };
  for (const name of Object.keys(limits) as FieldLimitName[]) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < minFieldLimits[name] || value > hardFieldLimits[name]) {
      throw new RangeError(
        `${name} must be a whole number from ${minFieldLimits[name]} to ${hardFieldLimits[name]}, got ${value}`,
      );
    }
    limits[name] = value;
  }
  return limits;
}
