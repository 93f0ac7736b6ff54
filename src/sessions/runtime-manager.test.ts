import { afterEach, describe, expect, it } from "vitest";
import { installFauxProvider } from "#test-support/faux.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { createOrgServices } from "../pi/org-services.js";
import { ProjectRegistry } from "../projects/index.js";
import { type EventLogStore, memoryEventLogs } from "../storage/index.js";
import { RuntimeManager } from "./runtime-manager.js";

/** Logs in memory whose close fails, as when the database behind them is gone. */
function unclosableLogs(): EventLogStore {
  const logs = memoryEventLogs();
  return {
    ...logs,
    async open(key) {
      const log = await logs.open(key);
      return new Proxy(log, {
        get(target, property) {
          if (property === "close") {
            return () =>
              Promise.reject(new Error("Cannot use a pool after calling end on the pool"));
          }
          const value = Reflect.get(target, property);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
}

describe("RuntimeManager.dispose", () => {
  const tempDir = useTempDirs();
  const unregister: Array<() => void> = [];
  afterEach(() => {
    for (const done of unregister.splice(0)) done();
  });

  it("lets go of a runtime whose sessions cannot close their log, saying so, and closes the rest", async () => {
    const registry = await ProjectRegistry.create({ workspaceDir: await tempDir() });
    await registry.createProject({ name: "Demo" });
    const org = createOrgServices(registry.layout.globalDir);
    const faux = installFauxProvider(org);
    unregister.push(() => faux.unregister());
    const lines: string[] = [];
    const runtimes = new RuntimeManager({
      registry,
      org,
      eventLogs: unclosableLogs(),
      logger: createLogger({ level: "warn", write: (line) => lines.push(line) }),
    });
    const runtime = runtimes.get("demo");
    const model = { provider: "faux", modelId: faux.getModel().id };
    const sessions = [await runtime.createSession(model), await runtime.createSession(model)];

    await expect(runtimes.dispose("demo")).resolves.toBeUndefined();
    expect(runtimes.size).toBe(0);
    // Both sessions' hubs were closed, the failure of the first stopping nothing.
    for (const session of sessions) {
      let closed = false;
      session.hub.observe({ event: () => undefined, close: () => (closed = true) });
      expect(closed).toBe(true);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("a project runtime did not close cleanly");
    expect(lines[0]).toContain("demo");
    expect(lines[0]).toContain("Cannot use a pool after calling end on the pool");
  });
});
