import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, fauxToolCall, installFauxProvider } from "#test-support/faux.js";
import { guideProgram, processEnvDeclaration } from "#test-support/guide-program.js";
import { type Json, readJson } from "#test-support/json.js";
import { repoRoot } from "#test-support/processes.js";
import { compileConsumer } from "#test-support/scratch-consumer.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { wireEventViolation } from "#test-support/wire-event-validator.js";
import { installInScratchProject, packClient } from "../scripts/client/scratch-install.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const run = promisify(execFile);
const probe = fileURLToPath(new URL("./fixtures/extensions/ui-probe.ts", import.meta.url));
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
        PI_EXTENSION_PATHS: probe,
      }),
      silentLogger,
    );
    servers.push(server);
    const faux = installFauxProvider(server.runtimes.org);
    // The second prompt's run asks a `confirm` dialog first, which the guide's `handle`
    // passes to its `onUiRequest` (§5): the dialog path runs as written too.
    faux.setResponses([
      fauxAssistantMessage("Hello from the guide."),
      fauxAssistantMessage([fauxToolCall("ui_probe", { method: "confirm" })], {
        stopReason: "toolUse",
      }),
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

    const api = (path: string) =>
      fetch(`${server.url}/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const sessions = await readJson(await api("/projects/my-app/sessions"));
    const detail = await readJson(await api(`/projects/my-app/sessions/${sessions.items[0].id}`));
    const toolResults = (detail.messages as Json[]).filter((m) => m.role === "toolResult");
    expect(toolResults.map((m) => m.content[0].text)).toEqual(["hasUI=true answer=true"]);
    // The events the guide streamed, read back as a page: each one keeps the contract.
    const page = await readJson(
      await fetch(`${server.url}/v1/projects/my-app/sessions/${detail.id}/events?limit=1000`, {
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      }),
    );
    expect(page.events.length).toBeGreaterThan(4);
    const events = page.events as { event: Json }[];
    expect(events.map((entry) => wireEventViolation(entry.event, "CompactWireEvent"))).toEqual(
      events.map(() => undefined),
    );
  }, 120_000);
});
