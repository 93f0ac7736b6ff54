import { isAbsolute, resolve } from "node:path";
import { pickPassedEnv } from "../sandbox/sandbox-policy.js";
import type { Config } from "./config-types.js";
import { envSchema } from "./env-schema.js";
import { parseLiteLlmEnv } from "./litellm-env.js";
import { collectProviderEnvKeys } from "./provider-env-keys.js";

export type {
  ClusterConfig,
  Config,
  Limits,
  PiResourceConfig,
  SandboxConfig,
  TaskConfig,
} from "./config-types.js";
export {
  type LostTaskPolicy,
  lostTaskPolicies,
  type NodeRole,
  nodeRoles,
  type StateStoreKind,
  stateStores,
  type WorktreeCleanupPolicy,
  worktreeCleanupPolicies,
} from "./env-schema.js";

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
  const {
    AGENT_SERVER_TOKEN: _token,
    WEBHOOK_SECRET: _secret,
    DATABASE_URL: _database,
    AGENT_SERVER_CLUSTER_SECRET: _cluster,
    ...rest
  } = env;
  return rest;
}

type EnvVars = ReturnType<typeof envSchema.parse>;

/** The cluster settings that only make sense together. */
function checkCluster(vars: EnvVars): string[] {
  if (vars.STATE_STORE === "file") {
    return vars.AGENT_SERVER_ROLE === "all"
      ? []
      : [
          `AGENT_SERVER_ROLE: "${vars.AGENT_SERVER_ROLE}" needs STATE_STORE=postgres; a single file-backed server does everything`,
        ];
  }
  const issues: string[] = [];
  if (vars.DATABASE_URL === undefined) {
    issues.push("DATABASE_URL: required when STATE_STORE=postgres");
  }
  if (vars.AGENT_SERVER_CLUSTER_SECRET === undefined) {
    issues.push(
      "AGENT_SERVER_CLUSTER_SECRET: required when STATE_STORE=postgres; the nodes sign forwarded requests and stream tickets with it",
    );
  } else if (
    vars.AGENT_SERVER_CLUSTER_SECRET === vars.AGENT_SERVER_TOKEN ||
    vars.AGENT_SERVER_CLUSTER_SECRET === vars.WEBHOOK_SECRET
  ) {
    issues.push(
      "AGENT_SERVER_CLUSTER_SECRET: must differ from AGENT_SERVER_TOKEN and WEBHOOK_SECRET",
    );
  }
  return issues;
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

  const clusterIssues = checkCluster(vars);
  if (clusterIssues.length > 0) throw new ConfigError(clusterIssues);

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
    consoleDir: toAbsolute(vars.AGENT_SERVER_CONSOLE_DIR),
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
      clusterConcurrency: vars.TASK_CLUSTER_CONCURRENCY,
      lostPolicy: vars.TASK_LOST_POLICY,
    },
    cluster:
      vars.STATE_STORE === "postgres"
        ? {
            databaseUrl: vars.DATABASE_URL as string,
            role: vars.AGENT_SERVER_ROLE,
            nodeId: vars.AGENT_SERVER_NODE_ID,
            nodeUrl: vars.AGENT_SERVER_NODE_URL?.replace(/\/$/, ""),
            secret: vars.AGENT_SERVER_CLUSTER_SECRET as string,
            leaseTtlMs: vars.CLUSTER_LEASE_TTL_MS,
          }
        : undefined,
    streamTicketTtlMs: vars.AGENT_SERVER_STREAM_TICKET_TTL_MS,
    runtimeIdleEvictMs: vars.RUNTIME_IDLE_EVICT_MS,
    sseReplayMaxBytes: vars.SSE_REPLAY_MAX_BYTES,
    sseMaxStreams: vars.SSE_MAX_STREAMS,
    sseMaxStreamsPerToken: vars.SSE_MAX_STREAMS_PER_TOKEN,
    eventLogRetention: {
      maxBytes: vars.EVENT_LOG_MAX_BYTES,
      maxAgeMs: vars.EVENT_LOG_MAX_AGE_HOURS * 3_600_000,
    },
    idempotencyTtlMs: vars.IDEMPOTENCY_TTL_HOURS * 3_600_000,
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
      network: vars.AGENT_SANDBOX_NETWORK !== "off",
      hostNetwork: vars.AGENT_SANDBOX_NETWORK === "host",
      env: pickPassedEnv(env),
    },
    outgoingWebhooks: {
      allowPrivateUrls: vars.WEBHOOK_ALLOW_PRIVATE_URLS,
      retry: {
        baseDelayMs: vars.WEBHOOK_RETRY_BASE_MS,
        maxDelayMs: vars.WEBHOOK_RETRY_MAX_DELAY_MS,
        windowMs: vars.WEBHOOK_RETRY_WINDOW_MS,
      },
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      concurrency: vars.WEBHOOK_CONCURRENCY,
    },
    environmentNames: Object.keys(env).filter((name) => env[name] !== undefined),
    childEnv: withoutServerSecrets(env),
  };
}
