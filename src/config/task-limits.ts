/** The bounds on every user-supplied task field (`API_MAX_*`). */
export interface TaskFieldLimits {
  /** Default 200 characters. */
  maxTitleLength: number;
  /** Default 20,000 characters. */
  maxPromptLength: number;
  /** Default 64 characters. */
  maxSourceLength: number;
  /** Default 128 characters. */
  maxExternalIdLength: number;
  /** Default 1,000 characters. */
  maxRejectReasonLength: number;
  /** Default 16,384 bytes of JSON. */
  maxMetadataBytes: number;
}

export const defaultTaskFieldLimits: TaskFieldLimits = {
  maxTitleLength: 200,
  maxPromptLength: 20_000,
  maxSourceLength: 64,
  maxExternalIdLength: 128,
  maxRejectReasonLength: 1000,
  maxMetadataBytes: 16_384,
};
