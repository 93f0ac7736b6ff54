import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, installFauxProvider } from "#test-support/faux.js";
import { guideProgram, processEnvDeclaration } from "#test-support/guide-program.js";
import { repoRoot } from "#test-support/processes.js";
import { compileConsumer } from "#test-support/scratch-consumer.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { installInScratchProject, packClient } from "../scripts/client/scratch-install.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const run = promisify(execFile);
const token = "consumer-guide-token-0123456789abcdef";

describe("docs/consumer-guide.md, run as written", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it("its blocks type-check against the packed client and drive a token-protected server", async () => {
    const guide = guideProgram(await readFile(join(repoRoot, "docs/consumer-guide.md"), "utf8"));
    expect(guide.run).toBeGreaterThanOrEqual(6);
    expect(guide.check).toBeGreaterThanOrEqual(2);

    const dir = await tempDir();
    const tarball = await packClient(dir);
    const project = join(dir, "scratch");
    await mkdir(project);
    await installInScratchProject(project, tarball);
    await writeFile(join(project, "guide.ts"), guide.source);
    await writeFile(join(project, "node-env.d.ts"), processEnvDeclaration);
    expect(await compileConsumer(project, ["node-env.d.ts", "guide.ts"])).toBe("");

    const server = await startServer(
      loadConfig({
        WORKSPACE_DIR: await tempDir(),
        AGENT_SERVER_PORT: "0",
        AGENT_SERVER_TOKEN: token,
      }),
      silentLogger,
    );
    servers.push(server);
    const faux = installFauxProvider(server.runtimes.org);
    faux.setResponses([
      fauxAssistantMessage("Hello from the guide."),
      fauxAssistantMessage("Goodbye from the guide."),
    ]);

    const { stdout } = await run(process.execPath, ["guide.js"], {
      cwd: project,
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        BASE_URL: server.url,
        AGENT_TOKEN: token,
        AGENT_PROVIDER: "faux",
        AGENT_MODEL_ID: faux.getModel().id,
      },
    });
    const lines = stdout.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "404 SESSION_NOT_FOUND",
      "agent_start … agent_end: Hello from the guide.",
      "Goodbye from the guide.",
    ]);
    const [, count, last] = /^(\d+) events, last (\d+)$/.exec(lines[3] ?? "") ?? [];
    expect(Number(count)).toBeGreaterThan(4);
    expect(Number(last)).toBe(Number(count));
    expect(lines).toHaveLength(4);
  }, 120_000);
});
