import { z } from "zod";
import { logLevels } from "../logging/logger.js";
import { sandboxModes } from "../sandbox/sandbox-policy.js";
import {
  hardFieldLimits as hard,
  minFieldLimits as min,
  type TaskFieldLimits,
  defaultTaskFieldLimits as taskDefaults,
} from "./field-limits.js";
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

/** Where the server keeps its state: files under the workspace, or a shared PostgreSQL database. */
export const stateStores = ["file", "postgres"] as const;
export type StateStoreKind = (typeof stateStores)[number];

/** What a cluster node does: everything, only the public API, or only tasks and sessions. */
export const nodeRoles = ["all", "api", "worker"] as const;
export type NodeRole = (typeof nodeRoles)[number];

/** What happens to a task whose node died while running it: failed, or approved again. */
export const lostTaskPolicies = ["fail", "requeue"] as const;
export type LostTaskPolicy = (typeof lostTaskPolicies)[number];

/** When a task's worktree is removed: never, after success only, or after any terminal state. */
export const worktreeCleanupPolicies = ["never", "success", "terminal"] as const;
export type WorktreeCleanupPolicy = (typeof worktreeCleanupPolicies)[number];

/** Every server variable, parsed and bounded; `loadConfig` turns the result into a `Config`. */
export const envSchema = z.object({
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
  AGENT_SERVER_CONSOLE_DIR: optionalString,
  API_MAX_BODY_BYTES: integer(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  API_MAX_PAGE_SIZE: integer(100, 1, 10_000),
  API_MAX_OFFSET: integer(10_000, 0, 10_000_000),
  AGENT_SERVER_STREAM_TICKET_TTL_MS: integer(60_000, 1_000, 3_600_000),
  RUNTIME_IDLE_EVICT_MS: integer(900_000, 0, 86_400_000),
  SSE_REPLAY_MAX_BYTES: integer(8 * 1024 * 1024, 0, 1024 * 1024 * 1024),
  SSE_MAX_STREAMS: integer(10_000, 1, 1_000_000),
  SSE_MAX_STREAMS_PER_TOKEN: integer(1_000, 1, 1_000_000),
  EVENT_LOG_MAX_BYTES: integer(64 * 1024 * 1024, 1024 * 1024, 1024 ** 4),
  EVENT_LOG_MAX_AGE_HOURS: integer(168, 1, 87_600),
  IDEMPOTENCY_TTL_HOURS: integer(24, 1, 8_760),
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
    z.enum(["on", "off", "host"], { error: 'expected "on", "off" or "host"' }).default("on"),
  ),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag(false),
  WEBHOOK_RETRY_BASE_MS: integer(5_000, 10, 3_600_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: integer(3_600_000, 10, 86_400_000),
  WEBHOOK_RETRY_WINDOW_MS: integer(86_400_000, 1_000, 30 * 86_400_000),
  WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 300_000),
  WEBHOOK_CONCURRENCY: integer(4, 1, 64),
  STATE_STORE: z.preprocess(emptyToUndefined, z.enum(stateStores).default("file")),
  DATABASE_URL: optionalString.refine(
    (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
    { error: "expected a postgres:// or postgresql:// URL" },
  ),
  AGENT_SERVER_ROLE: z.preprocess(emptyToUndefined, z.enum(nodeRoles).default("all")),
  AGENT_SERVER_NODE_ID: optionalString.refine(
    (value) => value === undefined || /^[A-Za-z0-9._-]{1,64}$/.test(value),
    { error: "expected 1-64 letters, digits, dots, dashes or underscores" },
  ),
  AGENT_SERVER_NODE_URL: optionalString.refine(
    (value) => value === undefined || /^https?:\/\/[^/\s]+\/?$/.test(value),
    { error: "expected a base URL like http://10.0.0.5:4001 (scheme and host, no path)" },
  ),
  AGENT_SERVER_CLUSTER_SECRET: secretVar,
  CLUSTER_LEASE_TTL_MS: integer(15_000, 1_000, 600_000),
  TASK_CLUSTER_CONCURRENCY: integer(0, 0, 100_000),
  TASK_LOST_POLICY: z.preprocess(emptyToUndefined, z.enum(lostTaskPolicies).default("fail")),
});
