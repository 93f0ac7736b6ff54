import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { installPricedFauxProvider } from "#test-support/priced-faux.js";
import { parsePrometheusText, sampleValue } from "#test-support/prometheus-text.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const models = [
  { id: "swift", cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
  { id: "sage", cost: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } },
];
const parts = ["input", "output", "cacheRead", "cacheWrite"] as const;
const ended = (events: ReceivedEvent[]) => events.some((event) => event.data.type === "agent_end");

interface Sums {
  messages: number;
  errors: number;
  tokens: Record<(typeof parts)[number] | "total", number>;
  cost: Record<(typeof parts)[number] | "total", number>;
}

/** Sums the usage pi reported on assistant messages, keyed by `keyOf`. */
function sumUsage(
  messages: Array<{ projectId: string; message: Json }>,
  keyOf: (m: { projectId: string; message: Json }) => string,
) {
  const sums = new Map<string, Sums>();
  for (const entry of messages) {
    const key = keyOf(entry);
    const zero = () => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 });
    const sum = sums.get(key) ?? { messages: 0, errors: 0, tokens: zero(), cost: zero() };
    sums.set(key, sum);
    const { usage, stopReason } = entry.message;
    sum.messages += 1;
    if (stopReason === "error") sum.errors += 1;
    for (const part of parts) {
      sum.tokens[part] += usage[part];
      sum.cost[part] += usage.cost[part];
    }
    sum.tokens.total += usage.totalTokens;
    sum.cost.total += usage.cost.total;
  }
  return sums;
}

function expectRowsMatch(rows: Json[], expected: Map<string, Sums>) {
  expect(rows.map((row) => row.key)).toEqual([...expected.keys()].sort());
  for (const row of rows) {
    const sum = expected.get(row.key) as Sums;
    expect(row.messages, row.key).toBe(sum.messages);
    expect(row.errors, row.key).toBe(sum.errors);
    expect(row.tokens, row.key).toEqual(sum.tokens);
    for (const part of [...parts, "total"] as const) {
      expect(row.cost[part], `${row.key} cost.${part}`).toBeCloseTo(sum.cost[part], 12);
    }
  }
}

describe("usage, live agents and metrics over a real server", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  async function boot(workspaceDir: string) {
    const config = loadConfig({
      WORKSPACE_DIR: workspaceDir,
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
    });
    const server = await startServer(config, silentLogger);
    servers.push(server);
    const faux = installPricedFauxProvider(server.runtimes.org, { models });
    const api = (path: string, body?: unknown) =>
      fetch(`${server.url}/v1${path}`, {
        method: body === undefined ? "GET" : "POST",
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
    const metrics = async () => {
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      return parsePrometheusText(await response.text());
    };
    const stop = async () => {
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
      faux.unregister();
    };
    return { server, faux, api, metrics, stop };
  }

  type Booted = Awaited<ReturnType<typeof boot>>;

  async function session(booted: Booted, projectId: string, modelId: string) {
    await booted.api("/projects", { name: projectId });
    const created = await booted.api(`/projects/${projectId}/sessions`, {
      provider: "faux",
      modelId,
    });
    expect(created.status).toBe(201);
    return (await readJson(created)).id as string;
  }

  async function run(booted: Booted, projectId: string, sessionId: string, text: string) {
    const base = `/projects/${projectId}/sessions/${sessionId}`;
    const stream = await openSse(`${booted.server.url}/v1${base}/events`);
    expect((await booted.api(`${base}/prompt`, { text })).status).toBe(202);
    await stream.waitFor(ended);
    stream.close();
  }

  it("matches the usage pi reported on every message, per group, and survives a restart", async () => {
    const workspace = await tempDir();
    const first = await boot(workspace);
    const a = await session(first, "one", "swift");
    const b = await session(first, "two", "sage");
    const c = await session(first, "one", "sage");
    const before = await first.metrics();

    first.faux.setResponses([
      fauxAssistantMessage([fauxText("Reading."), fauxToolCall("read", { path: "missing.txt" })], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage("It is not there."),
    ]);
    await run(first, "one", a, "read missing.txt");
    first.faux.setResponses([fauxAssistantMessage("Hello from two. ".repeat(30))]);
    await run(first, "two", b, "say hello");
    first.faux.setResponses([
      fauxAssistantMessage([], { stopReason: "error", errorMessage: "invalid request: boom" }),
    ]);
    await run(first, "one", c, "fail please");

    const transcripts: Array<{ projectId: string; message: Json }> = [];
    for (const [projectId, sessionId] of [
      ["one", a],
      ["two", b],
      ["one", c],
    ] as const) {
      const detail = await readJson(
        await first.api(`/projects/${projectId}/sessions/${sessionId}`),
      );
      for (const message of detail.messages) {
        if (message.role === "assistant") transcripts.push({ projectId, message });
      }
    }
    expect(transcripts).toHaveLength(4);
    expect(transcripts.every(({ message }) => message.usage.totalTokens > 0)).toBe(true);
    expect(transcripts.some(({ message }) => message.usage.cost.total > 0)).toBe(true);

    const usage = async (booted: Booted, groupBy: string) => {
      const response = await booted.api(`/usage?groupBy=${groupBy}`);
      expect(response.status).toBe(200);
      return readJson(response);
    };
    const byProject = await usage(first, "project");
    expectRowsMatch(
      byProject.groups,
      sumUsage(transcripts, (entry) => entry.projectId),
    );
    expectRowsMatch(
      [byProject.totals],
      sumUsage(transcripts, () => "total"),
    );
    const byModel = await usage(first, "model");
    expectRowsMatch(
      byModel.groups,
      sumUsage(transcripts, (entry) => `faux/${entry.message.model}`),
    );
    expect(byProject.totals.runs).toMatchObject({ count: 3, succeeded: 2, failed: 1 });
    expect(byProject.totals.runs.successRate).toBeCloseTo(2 / 3);
    expect(byProject.totals.runs.durationMs.p95).toBeGreaterThanOrEqual(0);
    const one = byProject.groups.find((row: Json) => row.key === "one");
    expect(one.runs).toMatchObject({ count: 2, succeeded: 1, failed: 1 });
    const byTool = await usage(first, "tool");
    expect(byTool.groups).toMatchObject([{ key: "read", tools: { calls: 1, errors: 1 } }]);
    const filtered = await readJson(await first.api("/usage?project=one&model=sage"));
    expectRowsMatch(
      filtered.groups,
      sumUsage(
        transcripts.filter((t) => t.projectId === "one" && t.message.model === "sage"),
        (entry) => entry.projectId,
      ),
    );

    const after = await first.metrics();
    const swift = { provider: "faux", model: "swift" };
    const swiftInput = transcripts
      .filter((t) => t.message.model === "swift")
      .reduce((sum, t) => sum + t.message.usage.input, 0);
    expect(sampleValue(after, "pi_tokens_total", { ...swift, kind: "input" })).toBe(
      sampleValue(before, "pi_tokens_total", { ...swift, kind: "input" }) + swiftInput,
    );
    expect(sampleValue(after, "pi_runs_total", { outcome: "succeeded" })).toBe(
      sampleValue(before, "pi_runs_total", { outcome: "succeeded" }) + 2,
    );
    expect(sampleValue(after, "pi_tool_executions_total", { tool: "read", outcome: "error" })).toBe(
      1,
    );
    const prompts = { route: "/v1/projects/:projectId/sessions/:sessionId/prompt", status: "202" };
    expect(sampleValue(after, "pi_http_requests_total", prompts)).toBe(
      sampleValue(before, "pi_http_requests_total", prompts) + 3,
    );

    await first.stop();
    const second = await boot(workspace);
    const aggregate = ({ totals, groups }: Json) => ({ totals, groups });
    expect(aggregate(await usage(second, "project"))).toEqual(aggregate(byProject));
    expect(aggregate(await usage(second, "model"))).toEqual(aggregate(byModel));
    expect(aggregate(await usage(second, "tool"))).toEqual(aggregate(byTool));
    const restarted = await second.metrics();
    expect(sampleValue(restarted, "pi_tokens_total", { ...swift, kind: "input" })).toBe(swiftInput);
    expect(sampleValue(restarted, "pi_runs_total")).toBe(3);
  });

  it("lists a running session mid-run with its usage so far, and drops it after agent_end", async () => {
    const booted = await boot(await tempDir());
    const sessionId = await session(booted, "one", "swift");
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    booted.faux.setResponses([
      fauxAssistantMessage([fauxToolCall("ls", { path: "." })], { stopReason: "toolUse" }),
      async () => {
        await gate;
        return fauxAssistantMessage("Listed.");
      },
    ]);
    const base = `/projects/one/sessions/${sessionId}`;
    const stream = await openSse(`${booted.server.url}/v1${base}/events`);
    expect((await booted.api(`${base}/prompt`, { text: "list" })).status).toBe(202);
    await stream.waitFor((events) => events.some((e) => e.data.type === "tool_execution_end"));
    const firstMessage = stream.events.find(
      (e) => e.data.type === "message_end" && e.data.message.role === "assistant",
    )?.data.message;

    const live = await readJson(await booted.api("/agents/live"));
    expect(live.items).toHaveLength(1);
    expect(live.items[0]).toMatchObject({
      projectId: "one",
      sessionId,
      taskId: null,
      status: "streaming",
      provider: "faux",
      modelId: "swift",
      messages: 1,
      toolCalls: 1,
      tokens: { total: firstMessage.usage.totalTokens, input: firstMessage.usage.input },
      pendingUiRequests: 0,
    });
    expect(live.items[0].cost.total).toBeCloseTo(firstMessage.usage.cost.total, 12);
    expect(Date.parse(live.items[0].startedAt)).toBeLessThanOrEqual(Date.now());
    expect(sampleValue(await booted.metrics(), "pi_active_runs")).toBe(1);

    release();
    await stream.waitFor(ended);
    stream.close();
    expect((await readJson(await booted.api("/agents/live"))).items).toEqual([]);
    expect(sampleValue(await booted.metrics(), "pi_active_runs")).toBe(0);
  });
});
