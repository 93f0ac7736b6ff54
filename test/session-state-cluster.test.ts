import { describe, expect, it } from "vitest";
import { askUserStoresFor } from "../src/ask-user/ask-user-backend.js";
import { AskUserSessions } from "../src/ask-user/ask-user-sessions.js";
import { ExtensionUiBridge } from "../src/sessions/extension-ui-bridge.js";
import { sessionStateStoresFor } from "../src/sessions/session-state-backend.js";
import { useClusterNodes } from "./support/cluster-nodes.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const joinNode = useClusterNodes();
const sessionsDir = "/nonexistent/sessions/demo";

const host = (id: string) => ({
  id,
  hub: { publish: () => 0, subscriberCount: 0 },
  ui: new ExtensionUiBridge(() => undefined),
});

describe("session state shared by the nodes of a cluster", () => {
  it("resumes on node B the ask_user state node A wrote before it crashed", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const onA = new AskUserSessions(askUserStoresFor(a).forProject("demo", sessionsDir));
    await onA.replaceDefaults({ fallbackAnswer: "keep going" });
    const session = await onA.prepare();
    session.attach(host("s1"));
    session.updateSettings({ enabled: true, autopilot: { enabled: true, prompts: ["next"] } });
    for (let i = 0; i < 50; i++) session.enqueue(`answer ${i}`);
    session.stop();
    await session.flush();
    await a.crash();

    const onB = new AskUserSessions(askUserStoresFor(b).forProject("demo", sessionsDir));
    const resumed = await onB.prepare("s1");
    expect(resumed.queue.map((answer) => answer.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `answer ${i}`),
    );
    expect(resumed.stopRequested).toBe(true);
    expect(resumed.settings.autopilot).toEqual({ enabled: true, prompts: ["next"] });
    expect((await onB.defaults()).fallbackAnswer).toBe("keep going");
  });

  it("shows node B the unsaved sessions node A created before it crashed", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const record = {
      id: "s1",
      createdAt: "2026-03-01T10:00:00.000Z",
      name: "Draft",
      provider: null,
      modelId: null,
      thinkingLevel: "off" as const,
    };
    await sessionStateStoresFor(a).unsaved.forProject("demo", sessionsDir).save(record);
    await a.crash();
    const onB = sessionStateStoresFor(b).unsaved.forProject("demo", sessionsDir);
    expect(await onB.list()).toEqual([record]);
  });

  it("forgets a deleted project's state on every node", async () => {
    const url = await newDatabase();
    const [a, b] = [await joinNode(url, { nodeId: "a" }), await joinNode(url, { nodeId: "b" })];
    const storesA = sessionStateStoresFor(a);
    const askUser = storesA.askUser.forProject("demo", sessionsDir);
    const state = await askUser.loadState("s1");
    state.stopRequested = true;
    await askUser.saveState("s1", state);
    await askUser.saveDefaults({ fallbackAnswer: "x" });
    await storesA.unsaved.forProject("demo", sessionsDir).save({
      id: "s2",
      createdAt: "2026-03-01T10:00:00.000Z",
      name: null,
      provider: null,
      modelId: null,
      thinkingLevel: "off",
    });
    await storesA.askUser.forProject("kept", sessionsDir).saveDefaults({ fallbackAnswer: "y" });

    await storesA.askUser.removeProject("demo");
    await storesA.unsaved.removeProject("demo");

    const storesB = sessionStateStoresFor(b);
    expect(
      (await storesB.askUser.forProject("demo", sessionsDir).loadState("s1")).stopRequested,
    ).toBe(false);
    expect(await storesB.askUser.forProject("demo", sessionsDir).loadDefaults()).toEqual({});
    expect(await storesB.unsaved.forProject("demo", sessionsDir).list()).toEqual([]);
    expect(await storesB.askUser.forProject("kept", sessionsDir).loadDefaults()).toEqual({
      fallbackAnswer: "y",
    });
  });
});
