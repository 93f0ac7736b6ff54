import { execFile } from "node:child_process";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, installFauxProvider } from "#test-support/faux.js";
import { findRuntime, runtimeArgs } from "#test-support/js-runtimes.js";
import { repoRoot } from "#test-support/processes.js";
import { compileConsumer } from "#test-support/scratch-consumer.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import {
  installInScratchProject,
  packClient,
  treeBytes,
} from "../scripts/client/scratch-install.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { type RunningServer, startServer } from "../src/server/start-server.js";

const run = promisify(execFile);

describe("pi-agent-server-client, packed and installed alone", () => {
  const tempDir = useTempDirs();
  const servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it("installs without the server, type-checks a consumer and drives a session to agent_end in Node, Bun and Deno", async () => {
    const dir = await tempDir();
    const tarball = await packClient(dir);
    const project = join(dir, "scratch");
    await mkdir(project);
    await installInScratchProject(project, tarball);

    const installed = await readdir(join(project, "node_modules"));
    expect(installed.filter((name) => !name.startsWith(".")).sort()).toEqual([
      "eventsource-parser",
      "openapi-fetch",
      "openapi-typescript-helpers",
      "partial-json",
      "pi-agent-server-client",
    ]);
    expect(await treeBytes(join(project, "node_modules"))).toBeLessThan(5 * 1024 * 1024);

    await build({
      entryPoints: [join(project, "node_modules/pi-agent-server-client/dist/client/index.js")],
      absWorkingDir: project,
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });

    await copyFile(
      join(repoRoot, "test/fixtures/client-package/consumer.ts"),
      join(project, "consumer.ts"),
    );
    expect(await compileConsumer(project, ["consumer.ts"])).toBe("");

    const server = await startServer(
      loadConfig({ WORKSPACE_DIR: await tempDir(), AGENT_SERVER_PORT: "0" }),
      silentLogger,
    );
    servers.push(server);
    const faux = installFauxProvider(server.runtimes.org);
    faux.setResponses([fauxAssistantMessage("Hello from the package.")]);

    const script = `import { main } from "./consumer.js";
console.log(JSON.stringify(await main(${JSON.stringify(server.url)}, ${JSON.stringify(faux.getModel().id)})));`;
    await writeFile(join(project, "run.mjs"), script);
    const runtimes: [string, string, string[]][] = [["node", process.execPath, ["run.mjs"]]];
    for (const name of ["bun", "deno"] as const) {
      const binary = findRuntime(name);
      if (binary) runtimes.push([name, binary, [...runtimeArgs[name]("run.mjs")]]);
      else if (process.env.CI) throw new Error(`${name} is missing: run npm run client:runtimes`);
      else
        process.stderr.write(
          `Skipping the ${name} run: not installed (npm run client:runtimes).\n`,
        );
    }
    for (const [name, binary, args] of runtimes) {
      faux.setResponses([fauxAssistantMessage("Hello from the package.")]);
      const { stdout } = await run(binary, args, { cwd: project, timeout: 60_000 });
      const summary = JSON.parse(stdout.trim());
      expect(summary.projectId, name).toBe("client-package");
      expect(summary.text, name).toBe("Hello from the package.");
      expect(summary.streamed, name).toBe("Hello from the package.");
      expect(summary.count, name).toBe(2);
      expect(summary.seen, name).toEqual(expect.arrayContaining(["agent_start", "message_update"]));
      expect(summary.seen.at(-1), name).toBe("agent_end");
    }
  }, 240_000);
});
