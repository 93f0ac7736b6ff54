import type { ErrorCode } from "./catalogue.js";

/** One offending field of a rejected request: where it is and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * A failure the caller can act on. Domain code throws it with a catalogue code; the
 * HTTP layer renders it as problem+json. Its `detail` is shown to clients, so it must
 * never contain a secret.
 *
 * @example
 * throw new AppError("PROJECT_NOT_FOUND", `No project with id "${id}"`);
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldIssue[] | undefined;
  /** Extra members of the problem document, e.g. `budget` for `BUDGET_EXCEEDED`. */
  readonly extensions: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { fields?: FieldIssue[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.extensions = options.extensions;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
