import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxText, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { installPricedFauxProvider } from "#test-support/priced-faux.js";
import { openSse, type ReceivedEvent } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { verifiedBySecret, WebhookReceiver } from "#test-support/webhook-receiver.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

/** Only output tokens are priced, at a cent each: a message's cost depends on nothing else. */
const models = [{ id: "cents", cost: { input: 0, output: 10_000, cacheRead: 0, cacheWrite: 0 } }];

/** Two tool-calling messages, then an answer: three priced messages per run. */
const script = () => [
  fauxAssistantMessage([fauxText("Looking."), fauxToolCall("read", { path: "one.txt" })], {
    stopReason: "toolUse",
  }),
  fauxAssistantMessage([fauxText("Again."), fauxToolCall("read", { path: "two.txt" })], {
    stopReason: "toolUse",
  }),
  fauxAssistantMessage("Neither file is there."),
];

const ended = (events: ReceivedEvent[]) => events.some((event) => event.data.type === "agent_end");
const ofType = (events: ReceivedEvent[], type: string) =>
  events.filter((event) => event.data.type === type).map((event) => event.data);
const dayStart = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};

describe("budgets over a real server with a priced model", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  async function boot(workspaceDir: string, env: Record<string, string> = {}) {
    const config = loadConfig({
      WORKSPACE_DIR: workspaceDir,
      AGENT_SERVER_PORT: "0",
      AGENT_SERVER_SHUTDOWN_GRACE_MS: "200",
      ...env,
    });
    const server = await startServer(config, silentLogger);
    servers.push(server);
    const faux = installPricedFauxProvider(server.runtimes.org, { models });
    const api = (path: string, method = "GET", body?: unknown) =>
      fetch(`${server.url}/v1${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
    const stop = async () => {
      servers.splice(servers.indexOf(server), 1);
      await server.stop();
      faux.unregister();
    };
    return { server, faux, api, stop };
  }
  type Booted = Awaited<ReturnType<typeof boot>>;

  async function session(booted: Booted, projectId: string) {
    await booted.api("/projects", "POST", { name: projectId });
    const created = await booted.api(`/projects/${projectId}/sessions`, "POST", {
      provider: "faux",
      modelId: "cents",
    });
    expect(created.status).toBe(201);
    return (await readJson(created)).id as string;
  }

  /** Prompts and waits for the run's end; returns the stream's events. */
  async function run(booted: Booted, projectId: string, sessionId: string, text = "read both") {
    const base = `/projects/${projectId}/sessions/${sessionId}`;
    const stream = await openSse(`${booted.server.url}/v1${base}/events`);
    const response = await booted.api(`${base}/prompt`, "POST", { text });
    expect(response.status).toBe(202);
    await stream.waitFor(ended);
    stream.close();
    return stream.events;
  }

  async function assistantMessages(booted: Booted, projectId: string, sessionId: string) {
    const detail = await readJson(await booted.api(`/projects/${projectId}/sessions/${sessionId}`));
    return (detail.messages as Json[]).filter((message) => message.role === "assistant");
  }

  /** What each of the script's three messages costs, from a run without budgets. */
  async function calibrate(booted: Booted): Promise<number[]> {
    const sessionId = await session(booted, "calibration");
    booted.faux.setResponses(script());
    await run(booted, "calibration", sessionId);
    const costs = (await assistantMessages(booted, "calibration", sessionId)).map(
      (message) => message.usage.cost.total as number,
    );
    expect(costs).toHaveLength(3);
    expect(costs.every((cost) => cost > 0 && cost < 0.5)).toBe(true);
    return costs;
  }

  it("aborts a run exactly at its per-run cost limit, after a warning at the fraction", async () => {
    const booted = await boot(await tempDir());
    const [first = 0, second = 0] = await calibrate(booted);
    const limit = first + second;
    const sessionId = await session(booted, "demo");
    const put = await booted.api("/projects/demo/budget", "PUT", {
      run: { costUsd: limit },
      warnAtFraction: 0.4,
    });
    expect(put.status).toBe(200);
    expect((await readJson(put)).runLimits).toEqual([
      { scope: "project", metric: "costUsd", limit },
    ]);

    booted.faux.setResponses(script());
    const events = await run(booted, "demo", sessionId);
    const budget = { scope: "project", project: "demo", period: "run", metric: "costUsd", limit };
    expect(ofType(events, "budget_warning")).toEqual([
      {
        type: "budget_warning",
        budget: { ...budget, spent: first },
        fraction: Math.round((first / limit) * 1e6) / 1e6,
        warnAtFraction: 0.4,
      },
    ]);
    expect(ofType(events, "budget_exceeded")).toEqual([
      { type: "budget_exceeded", budget: { ...budget, spent: limit } },
    ]);
    const types = events.map((event) => event.data.type);
    expect(types.indexOf("budget_warning")).toBeLessThan(types.indexOf("budget_exceeded"));
    expect(types.indexOf("budget_exceeded")).toBeLessThan(types.indexOf("agent_end"));
    // The answering request was aborted before it went out: the run stopped at the limit.
    const messages = await assistantMessages(booted, "demo", sessionId);
    expect(messages.map((message) => [message.stopReason, message.usage.cost.total])).toEqual([
      ["toolUse", first],
      ["toolUse", second],
      ["aborted", 0],
    ]);
    const usage = await readJson(await booted.api("/usage?project=demo&groupBy=project"));
    expect(usage.totals.runs).toMatchObject({ count: 1, aborted: 1 });
    expect(usage.totals.cost.total).toBe(limit);
  });

  it("aborts the run that crosses a day budget, refuses the next prompt, agrees with /v1/usage and survives a restart", async () => {
    const workspace = await tempDir();
    const first = await boot(workspace);
    const [one = 0, two = 0] = await calibrate(first);
    const limit = one + two;
    const sessionId = await session(first, "demo");
    expect(
      (await first.api("/projects/demo/budget", "PUT", { day: { costUsd: limit } })).status,
    ).toBe(200);

    first.faux.setResponses(script());
    const events = await run(first, "demo", sessionId);
    const budget = { scope: "project", project: "demo", period: "day", metric: "costUsd", limit };
    expect(ofType(events, "budget_exceeded")).toEqual([
      { type: "budget_exceeded", budget: { ...budget, spent: limit } },
    ]);
    // Warned once at 0.8 of the day, on the message that got there.
    expect(ofType(events, "budget_warning").map((event) => event.budget.period)).toEqual(["day"]);

    const before = await assistantMessages(first, "demo", sessionId);
    const refused = await first.api(`/projects/demo/sessions/${sessionId}/prompt`, "POST", {
      text: "one more",
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const problem = await readJson(refused);
    expect(problem).toMatchObject({ code: "BUDGET_EXCEEDED", status: 429 });
    expect(problem.budget).toEqual({ ...budget, spent: limit });
    expect(problem.detail).toContain("demo");
    // Refused before start: nothing ran, nothing was added.
    expect(await assistantMessages(first, "demo", sessionId)).toEqual(before);
    // steer and follow-up are held too; the org and other projects are not.
    const steer = await first.api(`/projects/demo/sessions/${sessionId}/steer`, "POST", {
      text: "x",
    });
    expect(steer.status).toBe(429);

    const status = async (booted: Booted) => {
      const view = await readJson(await booted.api("/projects/demo/budget"));
      const usage = await readJson(
        await booted.api(`/usage?project=demo&groupBy=project&from=${dayStart().toISOString()}`),
      );
      return { view, usage };
    };
    const { view, usage } = await status(first);
    expect(view.limits).toEqual({ day: { costUsd: limit } });
    expect(view.status).toEqual([
      {
        ...budget,
        spent: usage.totals.cost.total,
        remaining: 0,
        fraction: 1,
        periodStart: dayStart().toISOString(),
        periodEnd: new Date(dayStart().getTime() + 86_400_000).toISOString(),
      },
    ]);
    expect(Math.round(view.status[0].spent * 100)).toBe(Math.round(usage.totals.cost.total * 100));
    expect(usage.totals.cost.total).toBe(limit);

    await first.stop();
    const second = await boot(workspace);
    const again = await status(second);
    expect(again.view.limits).toEqual({ day: { costUsd: limit } });
    expect(again.view.status[0].spent).toBe(again.usage.totals.cost.total);
    expect(again.usage.totals.cost.total).toBe(limit);
    const stillRefused = await second.api(`/projects/demo/sessions/${sessionId}/prompt`, "POST", {
      text: "after restart",
    });
    expect(stillRefused.status).toBe(429);
    expect((await readJson(stillRefused)).budget).toEqual({ ...budget, spent: limit });

    // Raising the limit lets the project run again.
    expect(
      (await second.api("/projects/demo/budget", "PUT", { day: { costUsd: limit * 10 } })).status,
    ).toBe(200);
    second.faux.setResponses([fauxAssistantMessage("Back.")]);
    const resumed = await run(second, "demo", sessionId, "go on");
    expect(ofType(resumed, "budget_exceeded")).toEqual([]);
  });

  it("refuses a prompt while the org's day budget is spent, whatever the project", async () => {
    const booted = await boot(await tempDir());
    const costs = await calibrate(booted);
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    const put = await booted.api("/budgets", "PUT", { day: { costUsd: spent / 2 } });
    expect(put.status).toBe(200);
    const org = await readJson(put);
    expect(org.status[0]).toMatchObject({ scope: "org", period: "day", fraction: 2 });
    const sessionId = await session(booted, "fresh");
    const refused = await booted.api(`/projects/fresh/sessions/${sessionId}/prompt`, "POST", {
      text: "hello",
    });
    expect(refused.status).toBe(429);
    expect((await readJson(refused)).budget).toEqual({
      scope: "org",
      period: "day",
      metric: "costUsd",
      limit: spent / 2,
      spent,
    });
  });

  it("aborts at the tool call beyond the per-run limit", async () => {
    const booted = await boot(await tempDir());
    const sessionId = await session(booted, "demo");
    await booted.api("/budgets", "PUT", { run: { toolCalls: 1 } });
    booted.faux.setResponses(script());
    const events = await run(booted, "demo", sessionId);
    expect(ofType(events, "budget_exceeded")).toEqual([
      {
        type: "budget_exceeded",
        budget: { scope: "org", period: "run", metric: "toolCalls", limit: 1, spent: 2 },
      },
    ]);
    expect(ofType(events, "tool_execution_start")).toHaveLength(2);
    // pi stops at its next model request, aborted before it is sent: no answer.
    const messages = await assistantMessages(booted, "demo", sessionId);
    expect(messages.map((message) => message.stopReason)).toEqual([
      "toolUse",
      "toolUse",
      "aborted",
    ]);
    expect(messages[2].content).toEqual([]);
  });

  it("aborts a run that outlives its wall-time limit", async () => {
    const booted = await boot(await tempDir());
    const sessionId = await session(booted, "demo");
    await booted.api("/projects/demo/budget", "PUT", { run: { wallTimeMs: 400 } });
    booted.faux.setResponses([
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        return fauxAssistantMessage("Too late.");
      },
    ]);
    const base = `/projects/demo/sessions/${sessionId}`;
    const stream = await openSse(`${booted.server.url}/v1${base}/events`);
    const startedAt = Date.now();
    expect((await booted.api(`${base}/prompt`, "POST", { text: "wait" })).status).toBe(202);
    await stream.waitFor((events) => ofType(events, "budget_exceeded").length > 0);
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2000);
    await stream.waitFor(ended);
    stream.close();
    const exceeded = ofType(stream.events, "budget_exceeded");
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0].budget).toMatchObject({
      scope: "project",
      project: "demo",
      period: "run",
      metric: "wallTimeMs",
      limit: 400,
    });
    expect(exceeded[0].budget.spent).toBeGreaterThanOrEqual(400);
    expect(exceeded[0].budget.spent).toBeLessThan(2000);
    // Warned at 0.8 of the wall time first.
    expect(ofType(stream.events, "budget_warning").map((event) => event.budget.metric)).toEqual([
      "wallTimeMs",
    ]);
    const last = (await assistantMessages(booted, "demo", sessionId)).at(-1);
    expect(last?.stopReason).toBe("aborted");
  });

  it("sends the warning as a signed budget.warning webhook", async () => {
    const hooks = new WebhookReceiver();
    await hooks.start();
    try {
      const booted = await boot(await tempDir(), { WEBHOOK_ALLOW_PRIVATE_URLS: "true" });
      const subscribed = await booted.api("/webhooks", "POST", {
        url: hooks.url,
        events: ["budget.warning"],
      });
      expect(subscribed.status).toBe(201);
      const { secret } = await readJson(subscribed);
      const sessionId = await session(booted, "demo");
      await booted.api("/budgets", "PUT", { month: { costUsd: 10 }, warnAtFraction: 0.01 });
      booted.faux.setResponses(script());
      const events = await run(booted, "demo", sessionId);
      const warnings = ofType(events, "budget_warning");
      expect(warnings).toHaveLength(1);
      const [delivery] = await hooks.waitForAccepted(1);
      expect(delivery && verifiedBySecret(delivery, secret)).toBe(true);
      const body = JSON.parse(delivery?.body ?? "{}");
      expect(body.type).toBe("budget.warning");
      expect(body.data).toEqual({
        projectId: "demo",
        sessionId,
        budget: warnings[0].budget,
        fraction: warnings[0].fraction,
        warnAtFraction: 0.01,
      });
      expect(body.data.budget).toMatchObject({ scope: "org", period: "month", metric: "costUsd" });
      // Once per budget and period: the run's later messages sent no second warning.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(hooks.received).toHaveLength(1);
    } finally {
      await hooks.close();
    }
  });

  it("rejects invalid limits as problems and keeps the old ones", async () => {
    const booted = await boot(await tempDir());
    await booted.api("/projects", "POST", { name: "demo" });
    expect((await booted.api("/budgets", "PUT", { day: { costUsd: 1 } })).status).toBe(200);
    for (const body of [
      { day: { costUsd: -1 } },
      { warnAtFraction: 1.5 },
      { run: { toolCalls: 1.5 } },
      { week: { costUsd: 1 } },
    ]) {
      const response = await booted.api("/budgets", "PUT", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
    }
    expect((await readJson(await booted.api("/budgets"))).limits).toEqual({ day: { costUsd: 1 } });
    const missing = await booted.api("/projects/nope/budget", "PUT", { day: { costUsd: 1 } });
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).code).toBe("PROJECT_NOT_FOUND");
  });
});
