import { describe, expect, it } from "vitest";
import { fauxAssistantMessage, heldReply } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { type SessionApp, useSessionApps } from "#test-support/session-app.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const sessions = "/projects/demo/sessions";

describe("budgets over the session routes", () => {
  const tempDir = useTempDirs();
  const build = useSessionApps();

  const events = async (t: SessionApp, id: string) => {
    const page = await readJson(
      await t.call("GET", `${sessions}/${id}/events?after=0&limit=1000`, {
        headers: { accept: "application/json" },
      }),
    );
    return page.events.map((entry: { event: Json }) => entry.event) as Json[];
  };

  it("fails a queued prompt whose turn comes after its run spent the day budget", async () => {
    const t = await build(await tempDir(), { tokensPerSecond: 400 });
    const sessionId = await t.session();
    const put = await t.call("PUT", "/projects/demo/budget", { body: { day: { tokens: 10 } } });
    expect(put.status).toBe(200);
    // The first answer waits until the second prompt is queued behind it.
    const first = heldReply(
      fauxAssistantMessage("A first answer, long enough to still stream. ".repeat(8)),
    );
    t.faux.setResponses([first.step, fauxAssistantMessage("never")]);
    expect(
      (await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "one" } })).status,
    ).toBe(202);
    const queued = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "two", onBusy: "enqueue" },
    });
    expect(await readJson(queued)).toMatchObject({ outcome: "queued" });
    first.release();

    let seen: Json[] = [];
    for (let i = 0; i < 400; i++) {
      seen = await events(t, sessionId);
      if (seen.some((event) => event.type === "prompt_queue" && event.change === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const exceeded = seen.filter((event) => event.type === "budget_exceeded");
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]?.budget).toMatchObject({
      scope: "project",
      period: "day",
      metric: "tokens",
    });
    const failed = seen.find((event) => event.type === "prompt_queue" && event.change === "failed");
    expect(failed?.error).toMatchObject({ code: "BUDGET_EXCEEDED" });
    expect(failed?.items).toEqual([]);
    // The refused prompt never reached the model.
    expect(t.faux.getPendingResponseCount()).toBe(1);
  });

  it("refuses an interrupting prompt without aborting the run it would replace", async () => {
    const t = await build(await tempDir(), { tokensPerSecond: 200 });
    const sessionId = await t.session();
    t.faux.setResponses([fauxAssistantMessage("first")]);
    await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "one" } });
    await t.waitForStatus(sessionId, "idle");
    // The second answer is held until the test is done with the running session.
    const second = heldReply(fauxAssistantMessage("A slow second answer. ".repeat(20)));
    t.faux.setResponses([second.step]);
    await t.call("POST", `${sessions}/${sessionId}/prompt`, { body: { text: "two" } });
    // The day's tokens are already spent by the first run; the second is streaming.
    expect((await t.call("PUT", "/budgets", { body: { day: { tokens: 1 } } })).status).toBe(200);
    const refused = await t.call("POST", `${sessions}/${sessionId}/prompt`, {
      body: { text: "three", onBusy: "interrupt" },
    });
    expect(refused.status).toBe(429);
    expect((await readJson(refused)).budget).toMatchObject({ scope: "org", period: "day" });
    const seen = await events(t, sessionId);
    expect(seen.filter((event) => event.type === "agent_end")).toHaveLength(1);
    expect((await readJson(await t.call("GET", `${sessions}/${sessionId}`))).status).toBe(
      "streaming",
    );
    second.release();
    await t.waitForStatus(sessionId, "idle");
  });

  it("reports the org and project views with the limits in effect", async () => {
    const t = await build(await tempDir());
    await t.session();
    const org = await t.call("PUT", "/budgets", {
      body: { month: { costUsd: 50 }, run: { costUsd: 2, toolCalls: 9 }, warnAtFraction: 0.7 },
    });
    expect(org.status).toBe(200);
    const orgView = await readJson(org);
    expect(orgView).toMatchObject({
      limits: { month: { costUsd: 50 }, run: { costUsd: 2, toolCalls: 9 }, warnAtFraction: 0.7 },
      warnAtFraction: 0.7,
      runLimits: [
        { scope: "org", metric: "costUsd", limit: 2 },
        { scope: "org", metric: "toolCalls", limit: 9 },
      ],
    });
    expect(orgView.status).toEqual([
      expect.objectContaining({
        scope: "org",
        period: "month",
        spent: 0,
        remaining: 50,
        fraction: 0,
      }),
    ]);
    await t.call("PUT", "/projects/demo/budget", { body: { run: { toolCalls: 3 } } });
    const project = await readJson(await t.call("GET", "/projects/demo/budget"));
    expect(project).toEqual({
      limits: { run: { toolCalls: 3 } },
      warnAtFraction: 0.7,
      status: [],
      runLimits: [
        { scope: "org", metric: "costUsd", limit: 2 },
        { scope: "project", metric: "toolCalls", limit: 3 },
      ],
    });
    expect((await t.call("GET", "/projects/nope/budget")).status).toBe(404);
  });
});
