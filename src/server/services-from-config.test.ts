import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/index.js";
import { silentLogger } from "../logging/logger.js";
import { servicesOptionsFrom } from "./services-from-config.js";

describe("servicesOptionsFrom", () => {
  it("hands git and the PR command the environment without the server's secrets", () => {
    const config = loadConfig({
      PATH: "/usr/bin",
      HOME: "/home/agent",
      AGENT_SERVER_TOKEN: "t".repeat(32),
      WEBHOOK_SECRET: "w".repeat(32),
      TASK_CONCURRENCY: "3",
      TASK_PR_COMMAND: "gh pr create --fill",
      TASK_CLUSTER_CONCURRENCY: "8",
      TASK_LOST_POLICY: "requeue",
    });
    const options = servicesOptionsFrom(config, "/srv/workspace", silentLogger);
    expect(options.tasks).toEqual({
      concurrency: 3,
      timeoutMs: 600_000,
      worktreeCleanup: "success",
      prCommand: "gh pr create --fill",
      clusterConcurrency: 8,
      lostPolicy: "requeue",
      env: {
        PATH: "/usr/bin",
        HOME: "/home/agent",
        TASK_CONCURRENCY: "3",
        TASK_PR_COMMAND: "gh pr create --fill",
        TASK_CLUSTER_CONCURRENCY: "8",
        TASK_LOST_POLICY: "requeue",
      },
    });
  });

  it("carries the stream, runtime and credential settings", () => {
    const config = loadConfig({
      SSE_REPLAY_MAX_BYTES: "4096",
      RUNTIME_IDLE_EVICT_MS: "5000",
      AGENT_SERVER_STREAM_TICKET_TTL_MS: "30000",
      ANTHROPIC_API_KEY: "sk-ant-test",
    });
    const options = servicesOptionsFrom(config, "/srv/workspace", silentLogger);
    expect(options).toMatchObject({
      workspaceDir: "/srv/workspace",
      replayMaxBytes: 4096,
      runtimeIdleEvictMs: 5000,
      streamTicketTtlMs: 30_000,
    });
    expect(Object.keys(options.credentials?.envKeys ?? {})).toEqual(["anthropic"]);
  });
});
