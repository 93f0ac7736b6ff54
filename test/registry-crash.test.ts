import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { ProjectRegistry } from "../src/projects/project-registry.js";

async function makeTemplate(dir: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await mkdir(join(dir, `dir-${i % 5}`), { recursive: true });
    await writeFile(join(dir, `dir-${i % 5}`, `file-${i}.txt`), "x".repeat(2000));
  }
}

describe("registry under SIGKILL", () => {
  const tempDir = useTempDirs();

  it("always leaves valid JSON whose every project has its directory", async () => {
    const workspace = await tempDir();
    const template = await tempDir();
    await makeTemplate(template);
    const projectsFile = join(workspace, ".pi-global", "projects.json");
    let sawProjects = 0;

    for (let round = 0; round < 8; round++) {
      const proc = runTs("test/fixtures/create-projects-forever.ts", {
        args: [workspace, template],
      });
      await waitForOutput(proc, /ready/);
      await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 160));
      proc.child.kill("SIGKILL");
      expect(await proc.exited).toBe("SIGKILL");

      const text = await readFile(projectsFile, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const parsed = JSON.parse(text) as { projects: Array<{ id: string }> };
      sawProjects = Math.max(sawProjects, parsed.projects.length);
      for (const project of parsed.projects) {
        expect((await stat(join(workspace, project.id))).isDirectory(), project.id).toBe(true);
      }
      const registry = await ProjectRegistry.create({ workspaceDir: workspace });
      expect(registry.size).toBe(parsed.projects.length);
    }
    expect(sawProjects).toBeGreaterThan(0);
  }, 120_000);
});
