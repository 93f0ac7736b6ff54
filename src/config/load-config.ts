import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { logLevels } from "../logging/logger.js";
import { pickPassedEnv, type SandboxMode, sandboxModes } from "../sandbox/sandbox-policy.js";
import {
  hardFieldLimits as hard,
  minFieldLimits as min,
  type TaskFieldLimits,
  defaultTaskFieldLimits as taskDefaults,
} from "./field-limits.js";
import { type LiteLlmConfig, parseLiteLlmEnv } from "./litellm-env.js";
import { collectProviderEnvKeys, type ProviderEnvKey } from "./provider-env-keys.js";
import { allowedHostList, secretVar } from "./security-env.js";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const flag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0"], { error: 'expected "true" or "false"' })
      .optional()
      .transform((value) => (value === undefined ? fallback : value === "true" || value === "1")),
  );

const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+$/, { error: "expected a whole number" })
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .optional()
      .transform((value) => value ?? fallback),
  );

const fieldLimit = (name: keyof TaskFieldLimits) =>
  integer(taskDefaults[name], min[name], hard[name]);

const commaList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
);

const resourceList = commaList;

const originList = commaList.pipe(
  z.array(
    z.string().refine((origin) => origin === "*" || /^https?:\/\/[^/\s]+$/.test(origin), {
      error: "expected origins like https://app.example.com (scheme and host, no path)",
    }),
  ),
);

/** When a task's worktree is removed: never, after success only, or after any terminal state. */
export const worktreeCleanupPolicies = ["never", "success", "terminal"] as const;
export type WorktreeCleanupPolicy = (typeof worktreeCleanupPolicies)[number];

const envSchema = z.object({
  WORKSPACE_DIR: optionalString,
  AGENT_SERVER_HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  AGENT_SERVER_PORT: integer(4001, 0, 65535),
  AGENT_SERVER_TOKEN: secretVar,
  AGENT_SERVER_ALLOW_UNAUTHENTICATED: flag(false),
  AGENT_SERVER_ALLOWED_HOSTS: allowedHostList,
  AGENT_SERVER_CORS_ORIGINS: originList,
  AGENT_SERVER_SHUTDOWN_GRACE_MS: integer(10_000, 0, 600_000),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(logLevels).default("info")),
  APPX_TEMPLATE_DIR: optionalString,
  API_MAX_BODY_BYTES: integer(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  API_MAX_PAGE_SIZE: integer(100, 1, 10_000),
  API_MAX_OFFSET: integer(10_000, 0, 10_000_000),
  AGENT_SERVER_STREAM_TICKET_TTL_MS: integer(60_000, 1_000, 3_600_000),
  RUNTIME_IDLE_EVICT_MS: integer(900_000, 0, 86_400_000),
  SSE_REPLAY_MAX_BYTES: integer(8 * 1024 * 1024, 0, 1024 * 1024 * 1024),
  APP_CONTAINER_RUNTIME: z.preprocess(
    emptyToUndefined,
    z.enum(["podman", "docker"]).default("podman"),
  ),
  PI_EXTENSION_PATHS: resourceList,
  PI_SKILL_PATHS: resourceList,
  PI_PROMPT_PATHS: resourceList,
  PI_THEME_PATHS: resourceList,
  PI_NO_EXTENSIONS: flag(false),
  PI_NO_SKILLS: flag(false),
  PI_NO_PROMPTS: flag(false),
  PI_NO_THEMES: flag(false),
  API_MAX_TITLE_LENGTH: fieldLimit("maxTitleLength"),
  API_MAX_PROMPT_LENGTH: fieldLimit("maxPromptLength"),
  API_MAX_SOURCE_LENGTH: fieldLimit("maxSourceLength"),
  API_MAX_EXTERNAL_ID_LENGTH: fieldLimit("maxExternalIdLength"),
  API_MAX_REJECT_REASON_LENGTH: fieldLimit("maxRejectReasonLength"),
  API_MAX_METADATA_BYTES: fieldLimit("maxMetadataBytes"),
  WEBHOOK_SECRET: secretVar,
  TASK_CONCURRENCY: integer(1, 1, 64),
  TASK_TIMEOUT_MS: integer(600_000, 1000, 7 * 24 * 3_600_000),
  TASK_WORKTREE_CLEANUP: z.preprocess(
    emptyToUndefined,
    z.enum(worktreeCleanupPolicies).default("success"),
  ),
  TASK_PR_COMMAND: optionalString,
  AGENT_SANDBOX: z.preprocess(emptyToUndefined, z.enum(sandboxModes).default("bwrap")),
  AGENT_SANDBOX_NETWORK: z.preprocess(
    emptyToUndefined,
    z
      .enum(["on", "off"], { error: 'expected "on" or "off"' })
      .default("on")
      .transform((value) => value === "on"),
  ),
});

/** Bounds on user input: body size, paging, and every task field (`API_MAX_*`). */
export interface Limits extends TaskFieldLimits {
  /** Largest accepted request body in bytes. Default 10 MiB. */
  maxBodyBytes: number;
  /** Largest `limit` a list route accepts. Default 100. */
  maxPageSize: number;
  /** Largest `offset` a list route accepts. Default 10,000. */
  maxOffset: number;
}

/** The approval queue's execution settings. */
export interface TaskConfig {
  /** Tasks executing at once, server-wide. Default 1. */
  concurrency: number;
  /** A running task is aborted and failed after this. Default 600,000 (10 min). */
  timeoutMs: number;
  /** Default `success`. */
  worktreeCleanup: WorktreeCleanupPolicy;
  /** Shell command run after a successful push to open a PR. Default: none. */
  prCommand: string | undefined;
}

/** How agent tools are confined (`AGENT_SANDBOX*`). */
export interface SandboxConfig {
  /** `bwrap` (bubblewrap) or `none` (unconfined, secrets still removed). Default `bwrap`. */
  mode: SandboxMode;
  /** Whether sandboxed commands may use the network. Default true. */
  network: boolean;
  /** The server's `PATH`, `LANG`, `LC_*`, `TERM`, `TZ`: all a tool process inherits. */
  env: Record<string, string>;
}

/** Extra pi resources (`PI_*_PATHS`) and discovery switches (`PI_NO_*`). */
export interface PiResourceConfig {
  /** Local entries are absolute; `npm:`, `git:` and URL entries are kept as given. */
  extensionPaths: string[];
  skillPaths: string[];
  promptPaths: string[];
  themePaths: string[];
  noExtensions: boolean;
  noSkills: boolean;
  noPrompts: boolean;
  noThemes: boolean;
}

export interface Config {
  /** Absolute workspace root, or `undefined` when `WORKSPACE_DIR` is unset (the default `./workspace` is then created). */
  workspaceDir: string | undefined;
  /** Where `./workspace` resolves when `WORKSPACE_DIR` is unset. */
  defaultWorkspaceDir: string;
  host: string;
  port: number;
  /** `AGENT_SERVER_TOKEN`: at least 32 characters, no whitespace; auth is off while unset. */
  apiToken: string | undefined;
  allowUnauthenticated: boolean;
  /**
   * `Host` names served besides the bind address and loopback names (`AGENT_SERVER_ALLOWED_HOSTS`);
   * `*` serves any. Default: none.
   */
  allowedHosts: string[];
  corsOrigins: string[];
  shutdownGraceMs: number;
  logLevel: (typeof logLevels)[number];
  templateDir: string | undefined;
  limits: Limits;
  /** How long a browser stream ticket stays valid. Default 60 s. */
  streamTicketTtlMs: number;
  /** A project runtime unused and idle this long is evicted; 0 keeps runtimes forever. Default 15 min. */
  runtimeIdleEvictMs: number;
  /** Bytes of SSE frames each event stream (every session's, the task stream) keeps for `Last-Event-ID` replay, oldest dropped first. Default 8 MiB. */
  sseReplayMaxBytes: number;
  /** Container runtime the deploy skill uses, named in every agent's system prompt. Default `podman`. */
  containerRuntime: "podman" | "docker";
  piResources: PiResourceConfig;
  /** Provider API keys found in the environment (`ANTHROPIC_API_KEY`, …); injected in memory at boot, never written. */
  providerEnvKeys: Record<string, ProviderEnvKey>;
  /** The OpenAI-compatible `litellm` provider, when `LITELLM_BASE_URL` is set. */
  litellm: LiteLlmConfig | undefined;
  /** Bearer secret of the task webhook (at least 32 characters); the webhook is disabled while unset. */
  webhookSecret: string | undefined;
  tasks: TaskConfig;
  sandbox: SandboxConfig;
  /**
   * Names of the variables in the server's environment. pi reads a stored key or header
   * that names one of them from the environment, so the API refuses such values.
   */
  environmentNames: string[];
  /**
   * Environment of the processes the server starts (git, the PR command): the loaded
   * environment without `AGENT_SERVER_TOKEN` and `WEBHOOK_SECRET`.
   */
  childEnv: Record<string, string | undefined>;
}

/** Thrown when the environment holds an invalid value; the message names each variable. */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

export interface LoadConfigOptions {
  /** Directory relative paths resolve against. Default `process.cwd()`. */
  cwd?: string;
}

function withoutServerSecrets(env: Record<string, string | undefined>) {
  const { AGENT_SERVER_TOKEN: _token, WEBHOOK_SECRET: _secret, ...rest } = env;
  return rest;
}

/** `npm:`, `git:` and URL sources are resolved by pi itself, not against a directory. */
function isPackageSource(entry: string): boolean {
  return /^(npm|git|https?|ssh):/.test(entry) || entry.startsWith("git@");
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Parses and validates the server configuration from an environment map. Pure: it
 * reads no files and no globals, so tests pass a plain object.
 *
 * @throws {ConfigError} naming every invalid variable.
 * @example
 * const config = loadConfig({ AGENT_SERVER_PORT: "8080" }, { cwd: "/srv/agent" });
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): Config {
  const cwd = options.cwd ?? process.cwd();
  const parsed = envSchema.safeParse(env);
  const litellm = parseLiteLlmEnv(env);
  if (!parsed.success || litellm.issues.length > 0) {
    throw new ConfigError([
      ...(parsed.error?.issues ?? []).map((issue) => `${String(issue.path[0])}: ${issue.message}`),
      ...litellm.issues,
    ]);
  }
  const vars = parsed.data;
  const toAbsolute = (path: string | undefined) =>
    path === undefined ? undefined : isAbsolute(path) ? path : resolve(cwd, path);
  const toResources = (entries: string[]) =>
    entries.map((entry) => (isPackageSource(entry) ? entry : resolve(cwd, entry)));

  if (
    !isLoopbackHost(vars.AGENT_SERVER_HOST) &&
    vars.AGENT_SERVER_TOKEN === undefined &&
    !vars.AGENT_SERVER_ALLOW_UNAUTHENTICATED
  ) {
    throw new ConfigError([
      `AGENT_SERVER_TOKEN: required when AGENT_SERVER_HOST (${vars.AGENT_SERVER_HOST}) is not a loopback address, because agents can run shell commands; set AGENT_SERVER_ALLOW_UNAUTHENTICATED=true to accept the risk`,
    ]);
  }

  if (vars.WEBHOOK_SECRET !== undefined && vars.WEBHOOK_SECRET === vars.AGENT_SERVER_TOKEN) {
    throw new ConfigError([
      "WEBHOOK_SECRET: must differ from AGENT_SERVER_TOKEN, so that task submitters cannot use the API and API clients cannot submit tasks",
    ]);
  }

  return {
    workspaceDir: toAbsolute(vars.WORKSPACE_DIR),
    defaultWorkspaceDir: resolve(cwd, "workspace"),
    host: vars.AGENT_SERVER_HOST,
    port: vars.AGENT_SERVER_PORT,
    apiToken: vars.AGENT_SERVER_TOKEN,
    allowUnauthenticated: vars.AGENT_SERVER_ALLOW_UNAUTHENTICATED,
    allowedHosts: vars.AGENT_SERVER_ALLOWED_HOSTS,
    corsOrigins: vars.AGENT_SERVER_CORS_ORIGINS,
    shutdownGraceMs: vars.AGENT_SERVER_SHUTDOWN_GRACE_MS,
    logLevel: vars.LOG_LEVEL,
    templateDir: toAbsolute(vars.APPX_TEMPLATE_DIR),
    limits: {
      maxBodyBytes: vars.API_MAX_BODY_BYTES,
      maxPageSize: vars.API_MAX_PAGE_SIZE,
      maxOffset: vars.API_MAX_OFFSET,
      maxTitleLength: vars.API_MAX_TITLE_LENGTH,
      maxPromptLength: vars.API_MAX_PROMPT_LENGTH,
      maxSourceLength: vars.API_MAX_SOURCE_LENGTH,
      maxExternalIdLength: vars.API_MAX_EXTERNAL_ID_LENGTH,
      maxRejectReasonLength: vars.API_MAX_REJECT_REASON_LENGTH,
      maxMetadataBytes: vars.API_MAX_METADATA_BYTES,
    },
    webhookSecret: vars.WEBHOOK_SECRET,
    tasks: {
      concurrency: vars.TASK_CONCURRENCY,
      timeoutMs: vars.TASK_TIMEOUT_MS,
      worktreeCleanup: vars.TASK_WORKTREE_CLEANUP,
      prCommand: vars.TASK_PR_COMMAND,
    },
    streamTicketTtlMs: vars.AGENT_SERVER_STREAM_TICKET_TTL_MS,
    runtimeIdleEvictMs: vars.RUNTIME_IDLE_EVICT_MS,
    sseReplayMaxBytes: vars.SSE_REPLAY_MAX_BYTES,
    containerRuntime: vars.APP_CONTAINER_RUNTIME,
    piResources: {
      extensionPaths: toResources(vars.PI_EXTENSION_PATHS),
      skillPaths: toResources(vars.PI_SKILL_PATHS),
      promptPaths: toResources(vars.PI_PROMPT_PATHS),
      themePaths: toResources(vars.PI_THEME_PATHS),
      noExtensions: vars.PI_NO_EXTENSIONS,
      noSkills: vars.PI_NO_SKILLS,
      noPrompts: vars.PI_NO_PROMPTS,
      noThemes: vars.PI_NO_THEMES,
    },
    providerEnvKeys: collectProviderEnvKeys(env),
    litellm: litellm.config,
    sandbox: {
      mode: vars.AGENT_SANDBOX,
      network: vars.AGENT_SANDBOX_NETWORK,
      env: pickPassedEnv(env),
    },
    environmentNames: Object.keys(env).filter((name) => env[name] !== undefined),
    childEnv: withoutServerSecrets(env),
  };
}
