import { AppError, type FieldIssue } from "../errors/index.js";

/** A value to store, with where it sits in the request body (e.g. `body.headers.X-Key`). */
export interface StoredValue {
  path: string;
  value: string;
}

const message =
  "names a variable of the server's environment, which pi would send in its place; give the literal value";

/**
 * Keeps values stored through the API literal. pi replaces a stored key or header value
 * that names an environment variable with that variable's value, and runs one starting
 * with `!` (refused by the request schema). This refuses any value naming a variable of
 * the server's environment, in any letter case.
 *
 * @example
 * const literals = new LiteralValues(config.environmentNames);
 * literals.assert([{ path: "body.apiKey", value: "gh_token" }]); // throws when GH_TOKEN is set
 */
export class LiteralValues {
  readonly #names: ReadonlySet<string>;

  /** `environmentNames` default: none known (the request schema's shape checks still apply). */
  constructor(environmentNames: Iterable<string> = []) {
    this.#names = new Set([...environmentNames].map((name) => name.toLowerCase()));
  }

  /** @throws {AppError} `VALIDATION_FAILED` listing every value that names a variable. */
  assert(values: readonly StoredValue[]): void {
    const fields: FieldIssue[] = values
      .filter(({ value }) => this.#names.has(value.trim().toLowerCase()))
      .map(({ path }) => ({ path, message }));
    if (fields.length === 0) return;
    throw new AppError(
      "VALIDATION_FAILED",
      fields.map((f) => `${f.path}: ${f.message}`).join("; "),
      {
        fields,
      },
    );
  }
}
