import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  fauxAssistantMessage,
  fauxText,
  fauxToolCall,
  installFauxProvider,
} from "#test-support/faux.js";
import { repoRoot } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const run = promisify(execFile);
const fixtures = join(repoRoot, "test/fixtures/consumer");

/** Same strictness a careful consumer would use; DOM for fetch/ReadableStream types. */
const consumerTsconfig = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  },
  files: ["client.ts", "wrong-client.ts"],
};

/**
 * A throwaway consumer project: types generated from the committed openapi.json, the
 * two client programs, and the package's SSE helper re-exported as `./sse.js`.
 */
async function consumerProject(dir: string): Promise<void> {
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(consumerTsconfig));
  await writeFile(
    join(dir, "sse.ts"),
    `export { streamSessionEvents } from ${JSON.stringify(join(repoRoot, "src/client/event-stream.js"))};\n`,
  );
  for (const file of ["client.ts", "wrong-client.ts"]) {
    await copyFile(join(fixtures, file), join(dir, file));
  }
  await run(process.execPath, [
    join(repoRoot, "node_modules/openapi-typescript/bin/cli.js"),
    join(repoRoot, "openapi.json"),
    "--output",
    join(dir, "api.d.ts"),
  ]);
}

/** tsc's diagnostics for the consumer project, one per line (empty when it compiles). */
async function typeCheck(dir: string): Promise<string[]> {
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  const result = await run(process.execPath, [tsc, "-p", ".", "--pretty", "false"], {
    cwd: dir,
  }).catch((error: { stdout?: string; code?: number }) => ({
    stdout: error.stdout ?? "",
    failed: true,
  }));
  return result.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
}

describe("consumer proof: openapi-typescript + openapi-fetch + the SSE helper", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it("type-checks a strict client, rejects a wrong one, and drives a live session end to end", async () => {
    const consumerDir = await tempDir();
    await consumerProject(consumerDir);

    const errors = await typeCheck(consumerDir);
    expect(errors.filter((line) => !line.startsWith("wrong-client.ts"))).toEqual([]);
    const wrongLines = errors.map((line) => Number(/^wrong-client\.ts\((\d+),/.exec(line)?.[1]));
    const marked = (await readFile(join(fixtures, "wrong-client.ts"), "utf8"))
      .split("\n")
      .flatMap((text, index) => (text.includes("// WRONG:") ? [index + 1] : []));
    expect(marked).toHaveLength(2);
    for (const line of marked) expect(wrongLines, `no type error on line ${line}`).toContain(line);

    const workspaceDir = await tempDir();
    await mkdir(join(workspaceDir, ".pi-global/extensions"), { recursive: true });
    await copyFile(
      join(fixtures, "confirm-deploy-extension.ts"),
      join(workspaceDir, ".pi-global/extensions/confirm-deploy.ts"),
    );
    const server = await startServer(
      loadConfig({ WORKSPACE_DIR: workspaceDir, AGENT_SERVER_PORT: "0" }),
      silentLogger,
    );
    servers.push(server);
    const faux = installFauxProvider(server.runtimes.org);
    faux.setResponses([
      fauxAssistantMessage([fauxText("Checking."), fauxToolCall("confirm_deploy", {})], {
        stopReason: "toolUse",
      }),
      fauxAssistantMessage("Deployed."),
    ]);

    const tsx = pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href;
    const { stdout } = await run(
      process.execPath,
      ["--import", tsx, join(consumerDir, "client.ts"), server.url, faux.getModel().id],
      { cwd: consumerDir, timeout: 60_000 },
    );
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(summary.projectId).toBe("consumer-proof");
    expect(summary.answered).toBe(1);
    expect(summary.pendingBeforePrompt).toBe(0);
    expect(summary.text).toBe("Checking.Deployed.");
    expect(summary.historyLength).toBe(4);
    expect(summary.seen).toEqual(
      expect.arrayContaining([
        "agent_start",
        "session_status:streaming",
        "message_update:text_delta",
        "message_update:toolcall_end",
        "tool_execution_start:confirm_deploy",
        "extension_ui_request:notify:info:about to deploy",
        "extension_ui_request:dialog:confirm:Deploy?",
        "session_status:awaiting_input",
        "extension_ui_resolved:false",
        "tool_execution_end:confirm_deploy:false",
        "agent_end:4",
      ]),
    );
    expect(summary.seen.at(-1)).toBe("agent_end:4");
  }, 120_000);
});
