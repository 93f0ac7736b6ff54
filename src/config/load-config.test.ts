import { describe, expect, it } from "vitest";
import { ConfigError, isLoopbackHost, loadConfig } from "./load-config.js";

const cwd = "/srv/agent";
const apiToken = "api-token-of-at-least-32-characters";
const webhookSecret = "webhook-secret-of-at-least-32-chars";

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the documented defaults to an empty environment", () => {
    const config = loadConfig({}, { cwd });
    expect(config).toEqual({
      workspaceDir: undefined,
      defaultWorkspaceDir: "/srv/agent/workspace",
      host: "127.0.0.1",
      port: 4001,
      apiToken: undefined,
      allowUnauthenticated: false,
      allowedHosts: [],
      corsOrigins: [],
      shutdownGraceMs: 10_000,
      logLevel: "info",
      templateDir: undefined,
      providerEnvKeys: {},
      litellm: undefined,
      streamTicketTtlMs: 60_000,
      runtimeIdleEvictMs: 900_000,
      sseReplayMaxBytes: 8 * 1024 * 1024,
      sseMaxStreams: 10_000,
      sseMaxStreamsPerToken: 1_000,
      eventLogRetention: { maxBytes: 64 * 1024 * 1024, maxAgeMs: 7 * 24 * 3_600_000 },
      idempotencyTtlMs: 24 * 3_600_000,
      containerRuntime: "podman",
      piResources: {
        extensionPaths: [],
        skillPaths: [],
        promptPaths: [],
        themePaths: [],
        noExtensions: false,
        noSkills: false,
        noPrompts: false,
        noThemes: false,
      },
      limits: {
        maxBodyBytes: 10 * 1024 * 1024,
        maxPageSize: 100,
        maxOffset: 10_000,
        maxTitleLength: 200,
        maxPromptLength: 20_000,
        maxSourceLength: 64,
        maxExternalIdLength: 128,
        maxRejectReasonLength: 1000,
        maxMetadataBytes: 16_384,
      },
      webhookSecret: undefined,
      tasks: {
        concurrency: 1,
        timeoutMs: 600_000,
        worktreeCleanup: "success",
        prCommand: undefined,
        clusterConcurrency: 0,
        lostPolicy: "fail",
      },
      cluster: undefined,
      sandbox: { mode: "bwrap", network: true, hostNetwork: false, env: {} },
      outgoingWebhooks: {
        allowPrivateUrls: false,
        retry: { baseDelayMs: 5_000, maxDelayMs: 3_600_000, windowMs: 86_400_000 },
        timeoutMs: 10_000,
        concurrency: 4,
      },
      environmentNames: [],
      childEnv: {},
    });
  });

  it("reads the outgoing webhook settings", () => {
    const config = loadConfig({
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      WEBHOOK_RETRY_BASE_MS: "50",
      WEBHOOK_RETRY_MAX_DELAY_MS: "400",
      WEBHOOK_RETRY_WINDOW_MS: "60000",
      WEBHOOK_TIMEOUT_MS: "2000",
      WEBHOOK_CONCURRENCY: "2",
    });
    expect(config.outgoingWebhooks).toEqual({
      allowPrivateUrls: true,
      retry: { baseDelayMs: 50, maxDelayMs: 400, windowMs: 60_000 },
      timeoutMs: 2000,
      concurrency: 2,
    });
    expect(() => loadConfig({ WEBHOOK_RETRY_WINDOW_MS: "10" })).toThrow(/WEBHOOK_RETRY_WINDOW_MS/);
  });

  it("reads the sandbox settings and passes tools only the allowlisted variables", () => {
    const config = loadConfig({
      AGENT_SANDBOX: "none",
      AGENT_SANDBOX_NETWORK: "off",
      PATH: "/usr/bin",
      LANG: "C.UTF-8",
      AGENT_SERVER_TOKEN: "a-token-that-tools-never-see-0123456789",
      ANTHROPIC_API_KEY: "sk-ant",
      gh_token: "x",
    });
    expect(config.sandbox).toEqual({
      mode: "none",
      network: false,
      hostNetwork: false,
      env: { PATH: "/usr/bin", LANG: "C.UTF-8" },
    });
    expect(config.environmentNames).toEqual(
      expect.arrayContaining(["PATH", "AGENT_SERVER_TOKEN", "gh_token"]),
    );
  });

  it("shares the host network with tools only when AGENT_SANDBOX_NETWORK=host", () => {
    expect(loadConfig({ AGENT_SANDBOX_NETWORK: "host" }).sandbox).toMatchObject({
      network: true,
      hostNetwork: true,
    });
    expect(loadConfig({ AGENT_SANDBOX_NETWORK: "on" }).sandbox).toMatchObject({
      network: true,
      hostNetwork: false,
    });
    expect(() => loadConfig({ AGENT_SANDBOX_NETWORK: "yes" })).toThrow(/AGENT_SANDBOX_NETWORK/);
  });

  it("passes the environment to child processes without the server's secrets", () => {
    const config = loadConfig({
      PATH: "/usr/bin",
      AGENT_SERVER_TOKEN: "t".repeat(32),
      WEBHOOK_SECRET: "w".repeat(32),
    });
    expect(config.childEnv).toEqual({ PATH: "/usr/bin" });
  });

  it("reads pi resources: local entries become absolute, package sources stay as given", () => {
    const config = loadConfig(
      {
        PI_EXTENSION_PATHS: "ext/one.ts, npm:@foo/bar@1.0.0, git:github.com/user/repo@v1",
        PI_SKILL_PATHS: "builder-agent/skills/deploy-app,/opt/skills",
        PI_PROMPT_PATHS: "prompts",
        PI_THEME_PATHS: "https://example.com/theme.json",
        PI_NO_EXTENSIONS: "true",
        PI_NO_SKILLS: "1",
        PI_NO_PROMPTS: "false",
        PI_NO_THEMES: "true",
        APP_CONTAINER_RUNTIME: "docker",
        AGENT_SERVER_STREAM_TICKET_TTL_MS: "5000",
        RUNTIME_IDLE_EVICT_MS: "0",
        SSE_REPLAY_MAX_BYTES: "65536",
        SSE_MAX_STREAMS: "500",
        SSE_MAX_STREAMS_PER_TOKEN: "20",
        EVENT_LOG_MAX_BYTES: "2097152",
        EVENT_LOG_MAX_AGE_HOURS: "2",
        IDEMPOTENCY_TTL_HOURS: "3",
      },
      { cwd },
    );
    expect(config.piResources).toEqual({
      extensionPaths: [
        "/srv/agent/ext/one.ts",
        "npm:@foo/bar@1.0.0",
        "git:github.com/user/repo@v1",
      ],
      skillPaths: ["/srv/agent/builder-agent/skills/deploy-app", "/opt/skills"],
      promptPaths: ["/srv/agent/prompts"],
      themePaths: ["https://example.com/theme.json"],
      noExtensions: true,
      noSkills: true,
      noPrompts: false,
      noThemes: true,
    });
    expect(config.containerRuntime).toBe("docker");
    expect(config.streamTicketTtlMs).toBe(5000);
    expect(config.runtimeIdleEvictMs).toBe(0);
    expect(config.sseReplayMaxBytes).toBe(65_536);
    expect(config.sseMaxStreams).toBe(500);
    expect(config.sseMaxStreamsPerToken).toBe(20);
    expect(config.eventLogRetention).toEqual({ maxBytes: 2_097_152, maxAgeMs: 7_200_000 });
    expect(config.idempotencyTtlMs).toBe(10_800_000);
  });

  it("reads every variable and resolves relative paths against cwd", () => {
    const config = loadConfig(
      {
        WORKSPACE_DIR: "data",
        AGENT_SERVER_HOST: "0.0.0.0",
        AGENT_SERVER_PORT: "8080",
        AGENT_SERVER_TOKEN: apiToken,
        AGENT_SERVER_ALLOWED_HOSTS: "Agents.example.com, localhost:8443,[::1]:9000",
        AGENT_SERVER_CORS_ORIGINS: "https://a.example.com, http://localhost:5173",
        AGENT_SERVER_SHUTDOWN_GRACE_MS: "500",
        LOG_LEVEL: "debug",
        APPX_TEMPLATE_DIR: "/opt/template",
        API_MAX_BODY_BYTES: "2048",
        API_MAX_PAGE_SIZE: "20",
        API_MAX_OFFSET: "40",
        API_MAX_TITLE_LENGTH: "10",
        API_MAX_PROMPT_LENGTH: "11",
        API_MAX_SOURCE_LENGTH: "12",
        API_MAX_EXTERNAL_ID_LENGTH: "13",
        API_MAX_REJECT_REASON_LENGTH: "14",
        API_MAX_METADATA_BYTES: "15",
        WEBHOOK_SECRET: webhookSecret,
        TASK_CONCURRENCY: "3",
        TASK_TIMEOUT_MS: "5000",
        TASK_WORKTREE_CLEANUP: "terminal",
        TASK_PR_COMMAND: "gh pr create --fill",
      },
      { cwd },
    );
    expect(config.workspaceDir).toBe("/srv/agent/data");
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(8080);
    expect(config.apiToken).toBe(apiToken);
    expect(config.allowedHosts).toEqual(["agents.example.com", "localhost:8443", "[::1]:9000"]);
    expect(config.corsOrigins).toEqual(["https://a.example.com", "http://localhost:5173"]);
    expect(config.shutdownGraceMs).toBe(500);
    expect(config.logLevel).toBe("debug");
    expect(config.templateDir).toBe("/opt/template");
    expect(config.limits).toEqual({
      maxBodyBytes: 2048,
      maxPageSize: 20,
      maxOffset: 40,
      maxTitleLength: 10,
      maxPromptLength: 11,
      maxSourceLength: 12,
      maxExternalIdLength: 13,
      maxRejectReasonLength: 14,
      maxMetadataBytes: 15,
    });
    expect(config.webhookSecret).toBe(webhookSecret);
    expect(config.tasks).toEqual({
      concurrency: 3,
      timeoutMs: 5000,
      worktreeCleanup: "terminal",
      prCommand: "gh pr create --fill",
      clusterConcurrency: 0,
      lostPolicy: "fail",
    });
  });

  it("makes a cluster node of STATE_STORE=postgres, with every cluster setting", () => {
    const secret = "c".repeat(40);
    const config = loadConfig({
      STATE_STORE: "postgres",
      DATABASE_URL: "postgres://agent:pw@db:5432/agent",
      AGENT_SERVER_ROLE: "worker",
      AGENT_SERVER_NODE_ID: "worker-1",
      AGENT_SERVER_NODE_URL: "http://10.0.0.5:4001/",
      AGENT_SERVER_CLUSTER_SECRET: secret,
      CLUSTER_LEASE_TTL_MS: "5000",
      TASK_CLUSTER_CONCURRENCY: "8",
      TASK_LOST_POLICY: "requeue",
    });
    expect(config.cluster).toEqual({
      databaseUrl: "postgres://agent:pw@db:5432/agent",
      role: "worker",
      nodeId: "worker-1",
      nodeUrl: "http://10.0.0.5:4001",
      secret,
      leaseTtlMs: 5000,
    });
    expect(config.tasks).toMatchObject({ clusterConcurrency: 8, lostPolicy: "requeue" });
    expect(config.childEnv).not.toHaveProperty("DATABASE_URL");
    expect(config.childEnv).not.toHaveProperty("AGENT_SERVER_CLUSTER_SECRET");
  });

  it("refuses a cluster without its database or secret, and a role without a cluster", () => {
    expect(configError({ STATE_STORE: "postgres" }).issues.map((i) => i.split(":")[0])).toEqual([
      "DATABASE_URL",
      "AGENT_SERVER_CLUSTER_SECRET",
    ]);
    expect(configError({ AGENT_SERVER_ROLE: "api" }).issues[0]).toMatch(
      /^AGENT_SERVER_ROLE: .*STATE_STORE=postgres/,
    );
    const token = "t".repeat(40);
    expect(
      configError({
        STATE_STORE: "postgres",
        DATABASE_URL: "postgres://db/agent",
        AGENT_SERVER_TOKEN: token,
        AGENT_SERVER_CLUSTER_SECRET: token,
      }).issues[0],
    ).toMatch(/^AGENT_SERVER_CLUSTER_SECRET: must differ/);
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({
      WORKSPACE_DIR: "",
      AGENT_SERVER_TOKEN: "",
      WEBHOOK_SECRET: "",
      AGENT_SERVER_ALLOWED_HOSTS: " ",
      AGENT_SERVER_PORT: "",
    });
    expect(config.workspaceDir).toBeUndefined();
    expect(config.apiToken).toBeUndefined();
    expect(config.webhookSecret).toBeUndefined();
    expect(config.allowedHosts).toEqual([]);
    expect(config.port).toBe(4001);
  });

  describe("secret strength", () => {
    it.each(["AGENT_SERVER_TOKEN", "WEBHOOK_SECRET"])(
      "%s: a blank, short or spaced value stops start-up without echoing it",
      (name) => {
        for (const [value, message] of [
          [" ", /must not be blank/],
          ["\t \n", /must not be blank/],
          ["qz7", /at least 32 characters/],
          ["a".repeat(31), /at least 32 characters/],
          [`${"a".repeat(20)} ${"b".repeat(20)}`, /must not contain whitespace/],
        ] as const) {
          const error = configError({ [name]: value });
          expect(error.issues, JSON.stringify(value)).toHaveLength(1);
          expect(error.issues[0]).toMatch(new RegExp(`^${name}: `));
          expect(error.issues[0]).toMatch(message);
          if (value.trim()) expect(error.message).not.toContain(value);
        }
      },
    );

    it("accepts 32 characters", () => {
      const secret = "s".repeat(32);
      expect(loadConfig({ AGENT_SERVER_TOKEN: secret }).apiToken).toBe(secret);
      expect(loadConfig({ WEBHOOK_SECRET: secret }).webhookSecret).toBe(secret);
    });
  });

  it.each([
    ["AGENT_SERVER_PORT", "abc"],
    ["AGENT_SERVER_PORT", "70000"],
    ["AGENT_SERVER_ALLOW_UNAUTHENTICATED", "yes"],
    ["LOG_LEVEL", "verbose"],
    ["API_MAX_PAGE_SIZE", "0"],
    ["AGENT_SERVER_CORS_ORIGINS", "https://a.example.com/path"],
    ["AGENT_SERVER_ALLOWED_HOSTS", "http://a.example.com"],
    ["AGENT_SERVER_ALLOWED_HOSTS", "a.example.com/path"],
    ["APP_CONTAINER_RUNTIME", "lxc"],
    ["PI_NO_SKILLS", "maybe"],
    ["AGENT_SERVER_STREAM_TICKET_TTL_MS", "10"],
    ["RUNTIME_IDLE_EVICT_MS", "-5"],
    ["SSE_REPLAY_MAX_BYTES", "8MiB"],
    ["SSE_MAX_STREAMS", "0"],
    ["SSE_MAX_STREAMS_PER_TOKEN", "0"],
    ["EVENT_LOG_MAX_BYTES", "1000"],
    ["EVENT_LOG_MAX_AGE_HOURS", "0"],
    ["IDEMPOTENCY_TTL_HOURS", "0"],
    ["TASK_CONCURRENCY", "0"],
    ["TASK_TIMEOUT_MS", "10"],
    ["TASK_WORKTREE_CLEANUP", "always"],
    ["API_MAX_METADATA_BYTES", "x"],
    ["AGENT_SANDBOX", "docker"],
    ["AGENT_SANDBOX_NETWORK", "true"],
    ["STATE_STORE", "sqlite"],
    ["DATABASE_URL", "mysql://db/agent"],
    ["AGENT_SERVER_NODE_ID", "has space"],
    ["AGENT_SERVER_NODE_URL", "http://10.0.0.5:4001/path"],
    ["CLUSTER_LEASE_TTL_MS", "10"],
    ["TASK_LOST_POLICY", "retry"],
  ])("names %s when its value %j is invalid", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(new RegExp(`^${name}: `));
    expect(error.message).toContain(name);
  });

  it("reports every invalid variable at once", () => {
    const error = configError({ AGENT_SERVER_PORT: "x", LOG_LEVEL: "loud" });
    expect(error.issues.map((issue) => issue.split(":")[0]).sort()).toEqual([
      "AGENT_SERVER_PORT",
      "LOG_LEVEL",
    ]);
  });

  it("refuses a webhook secret equal to the API token, without echoing either", () => {
    const error = configError({ AGENT_SERVER_TOKEN: apiToken, WEBHOOK_SECRET: apiToken });
    expect(error.issues[0]).toMatch(/^WEBHOOK_SECRET: must differ from AGENT_SERVER_TOKEN/);
    expect(error.message).not.toContain(apiToken);
  });

  describe("non-loopback binding", () => {
    it("refuses to bind a public host without a token", () => {
      const error = configError({ AGENT_SERVER_HOST: "0.0.0.0" });
      expect(error.issues[0]).toMatch(/^AGENT_SERVER_TOKEN: .*AGENT_SERVER_ALLOW_UNAUTHENTICATED/);
    });

    it("binds a public host with a token", () => {
      expect(loadConfig({ AGENT_SERVER_HOST: "0.0.0.0", AGENT_SERVER_TOKEN: apiToken }).host).toBe(
        "0.0.0.0",
      );
    });

    it("binds a public host without a token when explicitly allowed", () => {
      const config = loadConfig({
        AGENT_SERVER_HOST: "10.0.0.5",
        AGENT_SERVER_ALLOW_UNAUTHENTICATED: "true",
      });
      expect(config.allowUnauthenticated).toBe(true);
    });

    it("never echoes the token in an error", () => {
      const error = configError({ AGENT_SERVER_TOKEN: apiToken, AGENT_SERVER_PORT: "-1" });
      expect(error.message).not.toContain(apiToken);
    });
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "localhost", "LOCALHOST"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["0.0.0.0", "::", "10.0.0.1", "example.com", "127.0.0.1.example.com"])(
    "%s is not loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
