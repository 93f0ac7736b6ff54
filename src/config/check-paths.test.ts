import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { checkConfiguredPaths } from "./check-paths.js";
import { ConfigError, loadConfig } from "./load-config.js";

describe("checkConfiguredPaths", () => {
  const tempDir = useTempDirs();

  it("creates and logs ./workspace when WORKSPACE_DIR is unset", async () => {
    const cwd = await tempDir();
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const dir = await checkConfiguredPaths(loadConfig({}, { cwd }), logger);
    expect(dir).toBe(join(cwd, "workspace"));
    expect((await stat(dir)).isDirectory()).toBe(true);
    expect(lines.join("\n")).toContain(`workspaceDir=${dir}`);
  });

  it("uses an existing WORKSPACE_DIR as it is", async () => {
    const dir = await tempDir();
    const config = loadConfig({ WORKSPACE_DIR: dir });
    expect(await checkConfiguredPaths(config, createLogger({ level: "silent" }))).toBe(dir);
  });

  it("fails naming WORKSPACE_DIR when it does not exist, creating nothing", async () => {
    const missing = join(await tempDir(), "missing");
    const config = loadConfig({ WORKSPACE_DIR: missing });
    const result = checkConfiguredPaths(config, createLogger({ level: "silent" }));
    await expect(result).rejects.toThrow(ConfigError);
    await expect(result).rejects.toThrow(/WORKSPACE_DIR: directory .*missing does not exist/);
    await expect(stat(missing)).rejects.toThrow();
  });

  it("fails naming APPX_TEMPLATE_DIR when it does not exist", async () => {
    const workspace = await tempDir();
    await mkdir(join(workspace, "present"));
    const config = loadConfig({
      WORKSPACE_DIR: workspace,
      APPX_TEMPLATE_DIR: join(workspace, "absent"),
    });
    await expect(checkConfiguredPaths(config, createLogger({ level: "silent" }))).rejects.toThrow(
      /APPX_TEMPLATE_DIR: directory .*absent does not exist/,
    );
  });
});
