export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lowest level written. Default `info`. */
  level?: LogLevel;
  /** Receives each formatted line (without newline). Default: stderr for warn/error, stdout otherwise. */
  write?: (line: string, level: LogLevel) => void;
  /** Clock for timestamps. Default `() => new Date()`. */
  now?: () => Date;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function defaultWrite(line: string, level: LogLevel): void {
  const stream = level === "warn" || level === "error" ? process.stderr : process.stdout;
  stream.write(`${line}\n`);
}

function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== "string") return String(value);
  return /^[\w.:/@+-]+$/.test(value) ? value : JSON.stringify(value);
}

function formatFields(fields: LogFields): string {
  let out = "";
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out += ` ${key}=${formatValue(value)}`;
  }
  return out;
}

/**
 * A small line logger: `2026-01-01T00:00:00.000Z info message key=value`.
 * Callers must never pass secrets in messages or fields.
 *
 * @example
 * const log = createLogger({ level: "debug" });
 * log.child({ project: "my-app" }).info("runtime started");
 */
export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = rank[options.level ?? "info"];
  const write = options.write ?? defaultWrite;
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (rank[level] < threshold) return;
    const all = fields ? { ...bound, ...fields } : bound;
    write(`${now().toISOString()} ${level} ${message}${formatFields(all)}`, level);
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** A logger that discards everything, for embedding hosts and tests that do not care. */
export const silentLogger: Logger = createLogger({ level: "silent" });
