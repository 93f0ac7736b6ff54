import { hardFieldLimits as max } from "./field-limits.js";

/** Sections of `docs/configuration.md` and `.env.example`, in the order they are shown. */
export const configGroups = [
  "Server",
  "Access",
  "Input limits",
  "Streams and runtimes",
  "pi resources",
  "Models and credentials",
  "Tasks",
  "Sandbox",
  "Outgoing webhooks",
  "Cluster",
] as const;
export type ConfigGroup = (typeof configGroups)[number];

/** One environment variable `loadConfig` reads. */
export interface ConfigVariable {
  name: string;
  group: ConfigGroup;
  /**
   * A value that behaves exactly like leaving the variable unset (a test checks it);
   * written into `.env.example`. Absent when unset means "off" or is not a literal value.
   */
  default?: string;
  /** How the documentation shows a default that is not a literal value. */
  defaultText?: string;
  /** A variable without which this one is refused, so `.env.example` comments it out. */
  requires?: string;
  /** One paragraph of Markdown; links are relative to `docs/`. */
  meaning: string;
}

/**
 * Every variable the server reads, the single source of `docs/configuration.md` and
 * `.env.example` (`npm run docs:config`). A test fails when `loadConfig` reads a variable
 * missing here, or this names one it does not read.
 */
export const configVariables: readonly ConfigVariable[] = [
  {
    name: "WORKSPACE_DIR",
    group: "Server",
    defaultText: "`./workspace` (created)",
    meaning:
      "Root of all state: project directories and `.pi-global/`. When set, it must already exist; relative paths resolve against the directory the server starts in.",
  },
  {
    name: "AGENT_SERVER_HOST",
    group: "Server",
    default: "127.0.0.1",
    meaning:
      "Bind address. A non-loopback host requires `AGENT_SERVER_TOKEN` unless `AGENT_SERVER_ALLOW_UNAUTHENTICATED=true`: agents can run shell commands.",
  },
  {
    name: "AGENT_SERVER_PORT",
    group: "Server",
    default: "4001",
    meaning: "Bind port (`0` picks a free one).",
  },
  {
    name: "AGENT_SERVER_SHUTDOWN_GRACE_MS",
    group: "Server",
    default: "10000",
    meaning: "On SIGTERM/SIGINT, in-flight requests get this long before connections are cut.",
  },
  {
    name: "LOG_LEVEL",
    group: "Server",
    default: "info",
    meaning: "`debug`, `info`, `warn`, `error` or `silent`.",
  },
  {
    name: "APPX_TEMPLATE_DIR",
    group: "Server",
    meaning:
      "Template copied into each new project directory on first creation (build caches such as `node_modules`, `dist`, `.vite`, `.cache` skipped). Must exist when set; prefer an absolute path in a `.env` file.",
  },
  {
    name: "AGENT_SERVER_CONSOLE_DIR",
    group: "Server",
    defaultText: "the package's `dist/ui` (written by `npm run build`)",
    meaning:
      "Directory of the built web console served at `/ui/`. Set it to serve a console built elsewhere; while no `index.html` is there, `/ui/` answers 503.",
  },
  {
    name: "AGENT_SERVER_TOKEN",
    group: "Access",
    meaning:
      "When set, every `/v1` route and `/metrics` require `Authorization: Bearer <token>`. At least 32 characters without whitespace (e.g. `openssl rand -hex 32`); a blank or shorter value stops start-up. Unset: no authentication.",
  },
  {
    name: "AGENT_SERVER_ALLOW_UNAUTHENTICATED",
    group: "Access",
    default: "false",
    meaning: "Binding a non-loopback host without a token is refused unless this is `true`.",
  },
  {
    name: "AGENT_SERVER_ALLOWED_HOSTS",
    group: "Access",
    meaning:
      "Comma-separated extra `Host` names served, e.g. behind a proxy: `name` (any port) or `name:port`; `*` serves any (not recommended). Always served on the bound port: `localhost`, `127.0.0.1`, `[::1]`, the bind address and the address a connection arrived on. Any other `Host` gets 421 `MISDIRECTED_REQUEST` (DNS-rebinding defence).",
  },
  {
    name: "AGENT_SERVER_CORS_ORIGINS",
    group: "Access",
    meaning:
      "Comma-separated browser origins allowed by CORS (`scheme://host[:port]`, or `*`). Unset: no CORS headers. A `POST`/`PUT`/`PATCH`/`DELETE` whose `Origin` is neither the server's own nor listed here gets 403 `ORIGIN_NOT_ALLOWED`.",
  },
  {
    name: "AGENT_SERVER_STREAM_TICKET_TTL_MS",
    group: "Access",
    default: "60000",
    meaning:
      "How long a browser stream ticket (`POST …/events/tickets`) opens its event stream. See [api.md](api.md#browsers-and-the-event-stream).",
  },
  {
    name: "API_MAX_BODY_BYTES",
    group: "Input limits",
    default: "10485760",
    meaning: "Largest request body in bytes (413 above it).",
  },
  {
    name: "API_MAX_PAGE_SIZE",
    group: "Input limits",
    default: "100",
    meaning: "Largest `limit` on list routes.",
  },
  {
    name: "API_MAX_OFFSET",
    group: "Input limits",
    default: "10000",
    meaning: "Largest `offset` on list routes.",
  },
  {
    name: "API_MAX_TITLE_LENGTH",
    group: "Input limits",
    default: "200",
    meaning: `Longest task title or session name (characters, at most ${max.maxTitleLength}).`,
  },
  {
    name: "API_MAX_PROMPT_LENGTH",
    group: "Input limits",
    default: "20000",
    meaning: `Longest task prompt, session prompt, steer, follow-up or compaction instruction (characters, at most ${max.maxPromptLength}).`,
  },
  {
    name: "API_MAX_SOURCE_LENGTH",
    group: "Input limits",
    default: "64",
    meaning: `Longest task \`source\` (characters, at most ${max.maxSourceLength}).`,
  },
  {
    name: "API_MAX_EXTERNAL_ID_LENGTH",
    group: "Input limits",
    default: "128",
    meaning: `Longest task \`externalId\` (characters, at most ${max.maxExternalIdLength}).`,
  },
  {
    name: "API_MAX_REJECT_REASON_LENGTH",
    group: "Input limits",
    default: "1000",
    meaning: `Longest task rejection reason (characters, at most ${max.maxRejectReasonLength}).`,
  },
  {
    name: "API_MAX_METADATA_BYTES",
    group: "Input limits",
    default: "16384",
    meaning: `Largest task \`metadata\` (bytes of JSON, at most ${max.maxMetadataBytes}).`,
  },
  {
    name: "SSE_REPLAY_MAX_BYTES",
    group: "Streams and runtimes",
    default: "8388608",
    meaning:
      "Bytes of SSE frames each event stream (every session's, the task stream) keeps in memory for a reconnecting client's `Last-Event-ID`; older events are read from the durable log (`EVENT_LOG_MAX_BYTES`). `/v1/healthz` reports what is held.",
  },
  {
    name: "SSE_MAX_STREAMS",
    group: "Streams and runtimes",
    default: "10000",
    meaning:
      "Event streams (every session's, the task stream) this process holds open at once; one more is refused with 503 `STREAM_LIMIT_REACHED` and `Retry-After`, while JSON pages of events are still served. Each stream holds a socket, so keep it below the process's open-file limit (`ulimit -n`). `/v1/healthz` reports the streams open.",
  },
  {
    name: "SSE_MAX_STREAMS_PER_TOKEN",
    group: "Streams and runtimes",
    default: "1000",
    meaning:
      "Event streams one API token (made with `POST /v1/tokens`, its stream tickets included) holds open at once on this process, so no token takes every slot of `SSE_MAX_STREAMS`; one more is refused with 503 `STREAM_LIMIT_REACHED`. The bootstrap `AGENT_SERVER_TOKEN`, and a server without auth, are bounded by `SSE_MAX_STREAMS` alone.",
  },
  {
    name: "EVENT_LOG_MAX_BYTES",
    group: "Streams and runtimes",
    default: "67108864",
    meaning:
      "Bytes each event stream (every session's, the task stream) keeps in its durable log under `.pi-global/`, so `Last-Event-ID` replays across restarts; whole oldest segments (4 MiB) go first, and a client behind them gets `replay_gap`. At least 1 MiB.",
  },
  {
    name: "EVENT_LOG_MAX_AGE_HOURS",
    group: "Streams and runtimes",
    default: "168",
    meaning:
      "Hours a durable log keeps its events (a file log whole 4 MiB segments, by their newest event; the newest event always stays). Older ones are removed as a log is written and opened, and by a sweep of every log a minute after start and hourly, so logs of sessions nobody opens any more are trimmed too.",
  },
  {
    name: "IDEMPOTENCY_TTL_HOURS",
    group: "Streams and runtimes",
    default: "24",
    meaning:
      "Hours the first response to a request with an `Idempotency-Key` is kept and replayed to retries (`.pi-global/idempotency.jsonl`, survives restarts). See [idempotency.md](idempotency.md).",
  },
  {
    name: "RUNTIME_IDLE_EVICT_MS",
    group: "Streams and runtimes",
    default: "900000",
    meaning:
      "A project runtime that is idle (nothing running, watched or awaiting an answer) and unused this long is disposed; the next request rebuilds it. `0` keeps runtimes forever.",
  },
  ...(["extension", "skill", "prompt", "theme"] as const).map(
    (kind): ConfigVariable => ({
      name: `PI_${kind.toUpperCase()}_PATHS`,
      group: "pi resources",
      meaning: `Comma-separated extra pi ${kind}s for every session: local paths, \`npm:<package>\`, \`git:<repo>\`. Relative paths resolve against the directory the server starts in; prefer absolute paths in a \`.env\` file.`,
    }),
  ),
  ...(["extension", "skill", "prompt", "theme"] as const).map(
    (kind): ConfigVariable => ({
      name: `PI_NO_${kind.toUpperCase()}S`,
      group: "pi resources",
      default: "false",
      meaning: `\`true\` turns off pi's discovery of ${kind}s (paths in \`PI_${kind.toUpperCase()}_PATHS\` still load).`,
    }),
  ),
  {
    name: "APP_CONTAINER_RUNTIME",
    group: "pi resources",
    default: "podman",
    meaning:
      "`podman` or `docker`: the container runtime the deploy-app skill uses, named in every agent's system prompt.",
  },
  {
    name: "ANTHROPIC_API_KEY",
    group: "Models and credentials",
    meaning:
      "A provider key pi knows; so are `OPENAI_API_KEY`, `ANTHROPIC_OAUTH_TOKEN`, `GEMINI_API_KEY`, `DEEPSEEK_API_KEY`, `GROQ_API_KEY`, `MISTRAL_API_KEY`, `OPENROUTER_API_KEY`, `XAI_API_KEY` and the others of pi's table. Injected into pi's auth storage at boot, in memory only: never written to `auth.json`. A key stored through the API takes precedence. See [credentials.md](credentials.md).",
  },
  {
    name: "OPENAI_API_KEY",
    group: "Models and credentials",
    meaning: "OpenAI's key, like `ANTHROPIC_API_KEY`.",
  },
  {
    name: "LITELLM_BASE_URL",
    group: "Models and credentials",
    meaning:
      "An OpenAI-compatible LiteLLM proxy (`http(s)` URL), registered in memory as provider `litellm`. The other `LITELLM_*` variables need it. See [credentials.md](credentials.md#litellm).",
  },
  {
    name: "LITELLM_API_KEY",
    group: "Models and credentials",
    meaning: "Key sent to the LiteLLM proxy.",
  },
  {
    name: "LITELLM_API",
    group: "Models and credentials",
    default: "openai-completions",
    requires: "LITELLM_BASE_URL",
    meaning: "`openai-completions`, `openai-responses` or `anthropic-messages`.",
  },
  {
    name: "LITELLM_MODELS",
    group: "Models and credentials",
    meaning:
      "Comma-separated model ids; presets exist for `openai/gpt-5.5`, `deepseek/deepseek-v4-pro` and `deepseek/deepseek-v4-flash`. With no model configured at all, the three presets are registered.",
  },
  {
    name: "LITELLM_MODELS_JSON",
    group: "Models and credentials",
    meaning:
      'JSON array of model configs with `id` and optionally `name`, `api`, `reasoning`, `thinkingLevelMap`, `defaultThinkingLevel`, `compat`, `contextWindow`, `maxTokens`, `input`, `cost`, e.g. `[{"id":"local/qwen","reasoning":true,"thinkingLevelMap":{"xhigh":null},"defaultThinkingLevel":"high","contextWindow":131072,"maxTokens":16384}]`.',
  },
  {
    name: "LITELLM_DEFAULT_MODEL",
    group: "Models and credentials",
    meaning: "Model new sessions use when they name none (and pi's settings set no default).",
  },
  {
    name: "LITELLM_DEFAULT_THINKING",
    group: "Models and credentials",
    meaning:
      "Default thinking level of the `litellm` models: `off`, `minimal`, `low`, `medium`, `high` or `xhigh`, clamped to each model.",
  },
  {
    name: "WEBHOOK_SECRET",
    group: "Tasks",
    meaning:
      "Bearer secret for task submission (`POST /v1/projects/{projectId}/tasks`): at least 32 characters without whitespace, and different from `AGENT_SERVER_TOKEN`. The webhook answers 503 `WEBHOOK_DISABLED` while unset. See [tasks.md](tasks.md).",
  },
  {
    name: "TASK_CONCURRENCY",
    group: "Tasks",
    default: "1",
    meaning: "Tasks executing at once, server-wide.",
  },
  {
    name: "TASK_TIMEOUT_MS",
    group: "Tasks",
    default: "600000",
    meaning: "A running task is aborted and failed after this many milliseconds.",
  },
  {
    name: "TASK_WORKTREE_CLEANUP",
    group: "Tasks",
    default: "success",
    meaning:
      "When a task's worktree is removed (its branch stays): `never`, `success` or `terminal`.",
  },
  {
    name: "TASK_PR_COMMAND",
    group: "Tasks",
    meaning:
      'Shell command run in the task\'s worktree after a successful push, e.g. `gh pr create --head "$TASK_BRANCH" --base "$TASK_BASE_BRANCH" --title "$TASK_TITLE" --body "Task $TASK_ID"`. The last URL it prints is recorded as the PR; a non-zero exit fails the task. See [tasks.md](tasks.md#the-pr-command).',
  },
  {
    name: "AGENT_SANDBOX",
    group: "Sandbox",
    default: "bwrap",
    meaning:
      "`bwrap`: every agent tool is confined to its working directory (bash under bubblewrap: `apt-get install -y bubblewrap`; file tools path-checked); the server refuses to start when `bwrap` cannot run. `none`: unconfined (a warning at start and in `/v1/healthz`); tool processes still never receive tokens or provider keys. See [security.md](security.md).",
  },
  {
    name: "AGENT_SANDBOX_NETWORK",
    group: "Sandbox",
    default: "on",
    meaning:
      "`on`, `off` or `host`. `on`: sandboxed commands reach the network through a namespace of their own (slirp4netns) that never reaches the host's loopback, so no agent can call this server's API; `off`: no network; `host`: the server's own network, loopback included (a warning in `/v1/healthz`).",
  },
  {
    name: "WEBHOOK_ALLOW_PRIVATE_URLS",
    group: "Outgoing webhooks",
    default: "false",
    meaning:
      "`true` lets webhook subscriptions (`POST /v1/webhooks`) point at loopback, link-local and private addresses; otherwise such URLs are refused when subscribing and again before each attempt. See [webhooks.md](webhooks.md).",
  },
  {
    name: "WEBHOOK_RETRY_BASE_MS",
    group: "Outgoing webhooks",
    default: "5000",
    meaning:
      "Wait after a delivery's first failed attempt; it doubles after each further failure (with up to 50% jitter).",
  },
  {
    name: "WEBHOOK_RETRY_MAX_DELAY_MS",
    group: "Outgoing webhooks",
    default: "3600000",
    meaning: "Longest wait between two attempts of a delivery.",
  },
  {
    name: "WEBHOOK_RETRY_WINDOW_MS",
    group: "Outgoing webhooks",
    default: "86400000",
    meaning:
      "A delivery still failing this long after it was queued (or re-sent) is given up as `failed`, and the subscription's next delivery goes out.",
  },
  {
    name: "WEBHOOK_TIMEOUT_MS",
    group: "Outgoing webhooks",
    default: "10000",
    meaning: "An attempt without a complete answer after this many milliseconds counts as failed.",
  },
  {
    name: "WEBHOOK_CONCURRENCY",
    group: "Outgoing webhooks",
    default: "4",
    meaning:
      "Attempts in flight at once, server-wide; each subscription sends one at a time, in order.",
  },
  {
    name: "STATE_STORE",
    group: "Cluster",
    default: "file",
    meaning:
      "`file` keeps all state under the workspace (one process). `postgres` keeps it in the PostgreSQL database at `DATABASE_URL`, so several processes serve one organisation. See [scale-out.md](scale-out.md).",
  },
  {
    name: "DATABASE_URL",
    group: "Cluster",
    requires: "STATE_STORE",
    meaning:
      "`postgres://user:password@host:5432/db` of the shared database; required with `STATE_STORE=postgres`. Never passed to agents or child processes.",
  },
  {
    name: "AGENT_SERVER_ROLE",
    group: "Cluster",
    default: "all",
    meaning:
      "`all` serves the API and runs sessions and tasks; `api` serves the API and forwards session work to other nodes; `worker` runs sessions and tasks and answers only requests other nodes forward, `/v1/healthz` and `/metrics` (any other request gets 503). `api` and `worker` need `STATE_STORE=postgres`.",
  },
  {
    name: "AGENT_SERVER_NODE_ID",
    group: "Cluster",
    defaultText: "host name, process id and a random suffix",
    meaning:
      "This process's name in the cluster (1-64 letters, digits, `.`, `_`, `-`), shown by `/v1/healthz` and `/metrics`.",
  },
  {
    name: "AGENT_SERVER_NODE_URL",
    group: "Cluster",
    defaultText: "the listening address",
    meaning:
      "Base URL at which the other nodes reach this one, e.g. `http://10.0.0.5:4001`. Set it when the server binds `0.0.0.0` or sits behind NAT.",
  },
  {
    name: "AGENT_SERVER_CLUSTER_SECRET",
    group: "Cluster",
    requires: "STATE_STORE",
    meaning:
      "Shared by every node: signs requests forwarded between nodes and stream tickets, so a ticket from one node opens the stream on any. At least 32 characters; required with `STATE_STORE=postgres`.",
  },
  {
    name: "CLUSTER_LEASE_TTL_MS",
    group: "Cluster",
    default: "15000",
    meaning:
      "A node renews its leases (projects it runs, tasks it claimed) every third of this; a node silent this long loses them to the survivors.",
  },
  {
    name: "TASK_CLUSTER_CONCURRENCY",
    group: "Tasks",
    default: "0",
    meaning:
      "Tasks executing at once across all nodes of a cluster; `0` caps only each node (`TASK_CONCURRENCY`).",
  },
  {
    name: "TASK_LOST_POLICY",
    group: "Tasks",
    default: "fail",
    meaning:
      "What a surviving node does with a task whose node died while running it, and what a node stopped cleanly does with its own running tasks: `fail` them, or `requeue` them (approved again, to run from the start on any node).",
  },
];
