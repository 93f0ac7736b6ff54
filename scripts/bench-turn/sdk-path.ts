import { performance } from "node:perf_hooks";
import {
  type AgentSession,
  defaultResourceOptions,
  openAgentSession,
} from "../../src/pi/agent-sessions.js";
import { createOrgServices } from "../../src/pi/org-services.js";
import { AgentSandbox } from "../../src/sandbox/index.js";
import { type BenchPath, mockModel, type PathDirs } from "./bench-path.js";

/** The floor: pi's SDK in this process, through the same `openAgentSession` the server uses. */
export function sdkPath(dirs: PathDirs): BenchPath {
  const context = {
    org: createOrgServices(dirs.agentDir),
    cwd: dirs.cwd,
    sessionsDir: dirs.sessionsDir,
    resources: defaultResourceOptions,
    sandbox: new AgentSandbox(),
  };
  let session: AgentSession | undefined;
  return {
    name: "pi SDK in-process",
    async newSession() {
      session?.dispose();
      session = await openAgentSession(context, mockModel);
    },
    async turn(text) {
      if (!session) throw new Error("no session");
      let ended: (at: number) => void = () => undefined;
      const end = new Promise<number>((resolve) => {
        ended = resolve;
      });
      const unsubscribe = session.subscribe((event) => {
        if (event.type === "agent_end") ended(performance.now());
      });
      const start = performance.now();
      const prompted = session.prompt(text);
      const at = await end;
      await prompted;
      unsubscribe();
      return { startedAt: start, ms: at - start, wireBytes: undefined };
    },
    async close() {
      session?.dispose();
    },
  };
}
