import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../src/logging/logger.js";
import type { AgentSessionEvent } from "../src/pi/agent-sessions.js";
import type { ObservedSession } from "../src/usage/live-runs.js";
import { PgLiveRuns } from "../src/usage/pg-live-runs.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";
import { memoryUsageStore } from "../src/usage/usage-store.js";
import { type TestClusterNode, useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const joinNode = useClusterNodes();

function runningSession(id: string): ObservedSession {
  return {
    id,
    status: "streaming",
    isStreaming: true,
    settings: () => ({
      provider: "prov",
      modelId: "m1",
      thinkingLevel: "off",
      availableThinkingLevels: ["off"],
      onBusy: "reject",
    }),
    ui: { pendingCount: 0 },
  };
}

function recorderOn(node: TestClusterNode): Promise<UsageRecorder> {
  const sharedLiveRuns = new PgLiveRuns({
    database: node.database,
    nodeId: node.nodeId,
    leaseTtlMs: node.leaseTtlMs,
    logger: silentLogger,
    publishEveryMs: 50,
  });
  return UsageRecorder.openStore(memoryUsageStore(), { sharedLiveRuns });
}

const agentStart = { type: "agent_start" } as AgentSessionEvent;
const sessionIds = (runs: { sessionId: string }[]) => runs.map((run) => run.sessionId).sort();

describe("runs in progress across the nodes of a cluster", () => {
  it("lists every node's runs on each node, and withdraws a node's runs when it stops", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const [usageA, usageB] = [await recorderOn(a), await recorderOn(b)];
    usageA.observe("alpha", runningSession("on-a"), agentStart);
    usageB.observe("beta", runningSession("on-b"), agentStart);
    for (const usage of [usageA, usageB]) {
      await vi.waitFor(
        async () => expect(sessionIds(await usage.liveRunsEverywhere())).toEqual(["on-a", "on-b"]),
        { timeout: 5000 },
      );
    }
    expect(sessionIds(usageA.liveRuns())).toEqual(["on-a"]);
    await usageA.close();
    expect(sessionIds(await usageB.liveRunsEverywhere())).toEqual(["on-b"]);
    await usageB.close();
  });

  it("stops listing a crashed node's runs once it missed a lease time", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const [usageA, usageB] = [await recorderOn(a), await recorderOn(b)];
    usageA.observe("alpha", runningSession("on-a"), agentStart);
    await vi.waitFor(
      async () => expect(sessionIds(await usageB.liveRunsEverywhere())).toEqual(["on-a"]),
      { timeout: 5000 },
    );
    await a.crash();
    await vi.waitFor(async () => expect(await usageB.liveRunsEverywhere()).toEqual([]), {
      timeout: 5000,
      interval: 100,
    });
    await usageB.close();
  });
});
