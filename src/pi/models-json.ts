import { readFile, rm } from "node:fs/promises";
import { AppError } from "../errors/index.js";
import { writeFileAtomic } from "../storage/atomic-write.js";

/** pi's `models.json`: provider records keyed by provider name, plus anything else pi reads. */
export interface ModelsJsonDocument {
  providers: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** The file's text as read (undefined when absent) and its parsed document. */
export interface ModelsJsonSnapshot {
  raw: string | undefined;
  document: ModelsJsonDocument;
}

/** pi accepts `//` comments and trailing commas; strip them the way pi does before parsing. */
function stripJsonComments(input: string): string {
  return input
    .replace(/"(?:\\.|[^"\\])*"|\/\/[^\n]*/g, (match) => (match[0] === '"' ? match : ""))
    .replace(/"(?:\\.|[^"\\])*"|,(\s*[}\]])/g, (match, tail: string | undefined) =>
      tail !== undefined ? tail : match[0] === '"' ? match : "",
    );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads `models.json`.
 *
 * @throws {AppError} `MODELS_FILE_INVALID` when the file is not a JSON object with `providers`.
 */
export async function readModelsJson(path: string): Promise<ModelsJsonSnapshot> {
  let raw: string | undefined;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (raw === undefined || raw.trim() === "") return { raw, document: { providers: {} } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripJsonComments(raw));
  } catch {
    throw new AppError("MODELS_FILE_INVALID", "models.json is not valid JSON; fix or remove it");
  }
  if (!isRecord(parsed) || (parsed.providers !== undefined && !isRecord(parsed.providers))) {
    throw new AppError(
      "MODELS_FILE_INVALID",
      'models.json must be an object with a "providers" map',
    );
  }
  const providers: Record<string, Record<string, unknown>> = {};
  for (const [name, record] of Object.entries(parsed.providers ?? {})) {
    if (isRecord(record)) providers[name] = record;
  }
  return { raw, document: { ...parsed, providers } };
}

/** Replaces `models.json` atomically with mode 0600 (it may hold API keys). */
export async function writeModelsJson(path: string, document: ModelsJsonDocument): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
}

/** Puts back exactly what `readModelsJson` saw (removing the file if there was none). */
export async function restoreModelsJson(path: string, raw: string | undefined): Promise<void> {
  if (raw === undefined) await rm(path, { force: true });
  else await writeFileAtomic(path, raw, { mode: 0o600 });
}
