import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BudgetService, type BudgetStore, budgetStore } from "../src/budgets/index.js";
import type { ServerEvent } from "../src/contract/server-events.js";
import type { AgentSessionEvent } from "../src/pi/agent-sessions.js";
import { openDatabase } from "../src/storage/postgres/index.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";
import { useTempDirs } from "./support/temp-dir.js";

const newDatabase = useDatabases();
const tempDir = useTempDirs("pi-agent-server-budget-stores-");
const joinNode = useClusterNodes();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function session(id: string) {
  const events: ServerEvent[] = [];
  return {
    id,
    events,
    hub: { publish: (event: ServerEvent) => events.push(event) },
    abort: async () => {},
  };
}
const start = { type: "agent_start" } as AgentSessionEvent;
const message = (cost: number) =>
  ({
    type: "message_end",
    message: { role: "assistant", usage: { cost: { total: cost }, totalTokens: 10 } },
  }) as unknown as AgentSessionEvent;
const warningsIn = (events: ServerEvent[]) =>
  events.filter((event) => event.type === "budget_warning").length;

/** Each call opens the same place again: a file, or a database. */
type Place = () => Promise<(now?: () => number) => Promise<BudgetStore>>;

const filePlace: Place = async () => {
  const file = join(await tempDir(), "budgets.json");
  return async (now) => budgetStore({ file, ...(now ? { now } : {}) });
};

const pgPlace: Place = async () => {
  const url = await newDatabase();
  return async (now) => {
    const database = await openDatabase(url);
    closers.push(() => database.close());
    return budgetStore({ file: "unused", database, ...(now ? { now } : {}) });
  };
};

const spentNow = () => ({ costUsd: 0.9, tokens: 0 });

describe.each([
  ["file", filePlace],
  ["postgres", pgPlace],
])("budget stores (%s)", (_backend, place) => {
  it("keep limits across reopening, without one change undoing another", async () => {
    const open = await place();
    const first = await BudgetService.open({ store: await open(), spent: spentNow });
    await Promise.all([
      first.setOrg({ month: { costUsd: 100 }, warnAtFraction: 0.9 }),
      first.setProject("demo", { run: { toolCalls: 5 } }),
      first.setProject("gone", { day: { tokens: 5 } }),
    ]);
    await first.setProject("gone", {});
    await first.close();
    const second = await BudgetService.open({ store: await open(), spent: spentNow });
    expect(second.org()).toEqual({ month: { costUsd: 100 }, warnAtFraction: 0.9 });
    expect(second.project("demo")).toEqual({ run: { toolCalls: 5 } });
    expect(second.project("gone")).toEqual({});
    await second.close();
  });

  it("send a period warning once, also after reopening", async () => {
    const open = await place();
    const now = () => Date.parse("2026-05-20T10:00:00Z");
    const warned = async () => {
      const budgets = await BudgetService.open({ store: await open(now), spent: spentNow, now });
      await budgets.setProject("demo", { day: { costUsd: 1 } });
      const live = session("s1");
      budgets.observe("demo", live, start);
      budgets.observe("demo", live, message(0.1));
      budgets.observe("demo", live, message(0.1));
      await budgets.close();
      return warningsIn(live.events);
    };
    expect(await warned()).toBe(1);
    expect(await warned()).toBe(0);
  });
});

describe("budgets across two nodes", () => {
  async function twoServices() {
    const url = await newDatabase();
    const services = [];
    for (const nodeId of ["a", "b"]) {
      const node = await joinNode(url, { nodeId });
      const sent: Array<Record<string, unknown>> = [];
      const budgets = await BudgetService.open({
        store: budgetStore({ file: "unused", database: node.database }),
        spent: spentNow,
        onWarning: (data) => sent.push(data),
      });
      closers.push(() => budgets.close());
      services.push({ budgets, sent });
    }
    return services as [(typeof services)[0], (typeof services)[0]];
  }

  it("limits set on one node apply on the other, and concurrent changes all stay", async () => {
    const [a, b] = await twoServices();
    await Promise.all([
      a.budgets.setProject("demo", { day: { costUsd: 0.5 } }),
      b.budgets.setOrg({ run: { toolCalls: 3 } }),
    ]);
    await expect
      .poll(() => b.budgets.project("demo"), { timeout: 5000 })
      .toEqual({
        day: { costUsd: 0.5 },
      });
    await expect.poll(() => a.budgets.org(), { timeout: 5000 }).toEqual({ run: { toolCalls: 3 } });
    expect(() => b.budgets.gate("demo")).toThrow(/spent|budget/i);
  });

  it("a period warning reached on both nodes at once is sent once", async () => {
    const [a, b] = await twoServices();
    await a.budgets.setProject("demo", { day: { costUsd: 1 } });
    await expect
      .poll(() => b.budgets.project("demo"), { timeout: 5000 })
      .toEqual({
        day: { costUsd: 1 },
      });
    const onA = session("s1");
    const onB = session("s2");
    a.budgets.observe("demo", onA, start);
    b.budgets.observe("demo", onB, start);
    a.budgets.observe("demo", onA, message(0.1));
    b.budgets.observe("demo", onB, message(0.1));
    await a.budgets.close();
    await b.budgets.close();
    expect(a.sent.length + b.sent.length).toBe(1);
    expect(warningsIn(onA.events) + warningsIn(onB.events)).toBe(1);
  });
});
