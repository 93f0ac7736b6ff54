import { AppError } from "../errors/index.js";

/** Longest id the server will derive or accept; keeps directory names well under OS limits. */
export const maxProjectIdLength = 100;

/** Longest accepted project name. */
export const maxProjectNameLength = 100;

const projectIdPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Whether `value` is a well-formed project id (a slug that cannot name a path outside its parent). */
export function isProjectId(value: string): boolean {
  return value.length <= maxProjectIdLength && projectIdPattern.test(value);
}

/**
 * Lower-case, ASCII, hyphen-separated form of a name: `"My App"` → `"my-app"`,
 * `"Café Ünïcode"` → `"cafe-unicode"`. May return an empty string.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxProjectIdLength)
    .replace(/-+$/, "");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * Checks a requested project name and derives its id.
 *
 * @throws {AppError} `INVALID_PROJECT_NAME` when the name is empty, too long, contains
 *   path separators, dot segments or control characters, or has no letters or digits.
 */
export function parseProjectName(raw: string): { name: string; id: string } {
  const name = raw.trim();
  const reject = (why: string): never => {
    throw new AppError("INVALID_PROJECT_NAME", `Project name ${why}`, {
      fields: [{ path: "name", message: why }],
    });
  };
  if (name.length === 0) reject("must not be empty");
  if (name.length > maxProjectNameLength) {
    reject(`must be at most ${maxProjectNameLength} characters`);
  }
  if (controlCharacters.test(name)) reject("must not contain control characters");
  if (/[/\\]/.test(name)) reject("must not contain path separators");
  if (name.includes("..")) reject('must not contain ".."');
  const id = slugify(name);
  if (id.length === 0) reject("must contain at least one letter or digit");
  return { name, id };
}
