import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fauxAssistantMessage, fauxText, fauxToolCall } from "#test-support/faux.js";
import { defaultResourceOptions, openAgentSession } from "../../src/pi/agent-sessions.js";
import { AgentSandbox } from "../../src/sandbox/index.js";
import {
  bootInProcess,
  eventsUrl,
  ms,
  percentile,
  RemoteReaders,
  tempDir,
  until,
  wallClock,
} from "./support.js";

function scriptedRun() {
  const turns = Array.from({ length: 5 }, (_, i) =>
    fauxAssistantMessage(
      [
        fauxText(`Step ${i}: writing a file. `.repeat(20)),
        fauxToolCall("write", { path: `f${i}.txt`, content: "x".repeat(500) }),
      ],
      { stopReason: "toolUse" },
    ),
  );
  return [...turns, fauxAssistantMessage("All done. ".repeat(50))];
}

/** 2. A scripted run with tools over HTTP + SSE against the same run in process (ratio of medians). */
export async function overhead(tokensPerSecond: number, runs: number): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(tokensPerSecond);
  const org = server.runtimes.org;
  const inProcess: number[] = [];
  const overHttp: number[] = [];
  const readers = new RemoteReaders();
  for (let run = 0; run < runs; run++) {
    const cwd = await tempDir();
    const sessionsDir = join(cwd, ".sessions");
    await mkdir(sessionsDir);
    const session = await openAgentSession(
      { org, cwd, sessionsDir, resources: defaultResourceOptions, sandbox: new AgentSandbox() },
      { provider: "faux", modelId: faux.getModel().id },
    );
    faux.setResponses(scriptedRun());
    let ended = false;
    session.subscribe((event) => {
      if (event.type === "agent_end") ended = true;
    });
    const t0 = performance.now();
    await session.prompt("run the script");
    await until(() => ended);
    inProcess.push(performance.now() - t0);
    session.dispose();

    const sessionId = await newSession();
    const round = await readers.open([eventsUrl(server, sessionId)]);
    faux.setResponses(scriptedRun());
    const t1 = wallClock();
    await post(`/projects/bench/sessions/${sessionId}/prompt`, { text: "run the script" });
    overHttp.push((await round.finished).doneAt - t1);
  }
  readers.close();
  await server.stop();
  const a = percentile(inProcess, 50);
  const b = percentile(overHttp, 50);
  const rate = tokensPerSecond === 0 ? "unthrottled" : `${tokensPerSecond} tokens/s`;
  console.log(
    `2. scripted run (5 tool turns, ${rate}), median of ${runs}: in-process ${ms(a)}, HTTP+SSE ${ms(b)}, ratio ${(b / a).toFixed(3)}`,
  );
}
