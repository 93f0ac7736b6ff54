import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { ProjectRegistry } from "./project-registry.js";

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe("ProjectRegistry", () => {
  const tempDir = useTempDirs();

  async function openRegistry(options: { templateDir?: string } = {}) {
    const workspaceDir = await tempDir();
    const registry = await ProjectRegistry.create({ workspaceDir, ...options });
    return { workspaceDir, registry };
  }

  describe("create", () => {
    it("refuses a workspace that does not exist", async () => {
      const missing = join(await tempDir(), "nope");
      await expect(ProjectRegistry.create({ workspaceDir: missing })).rejects.toThrow(
        /does not exist/,
      );
    });

    it("starts empty and lays out .pi-global", async () => {
      const { workspaceDir, registry } = await openRegistry();
      expect(registry.size).toBe(0);
      expect(await exists(join(workspaceDir, ".pi-global", "sessions"))).toBe(true);
    });

    it("rehydrates projects from projects.json", async () => {
      const { workspaceDir, registry } = await openRegistry();
      await registry.createProject({ name: "One" });
      await registry.createProject({ name: "Two" });
      const reopened = await ProjectRegistry.create({ workspaceDir });
      expect(reopened.list().items.map((project) => project.id)).toEqual(["one", "two"]);
      expect(reopened.get("two")).toEqual(registry.get("two"));
    });

    it("refuses a corrupt projects.json instead of starting empty", async () => {
      const workspaceDir = await tempDir();
      await mkdir(join(workspaceDir, ".pi-global"));
      await writeFile(join(workspaceDir, ".pi-global", "projects.json"), "{not json");
      await expect(ProjectRegistry.create({ workspaceDir })).rejects.toThrow(/not valid JSON/);
      const invalid = JSON.stringify({
        version: 1,
        projects: [{ id: "../x", name: "x", createdAt: "now" }],
      });
      await writeFile(join(workspaceDir, ".pi-global", "projects.json"), invalid);
      await expect(ProjectRegistry.create({ workspaceDir })).rejects.toThrow(
        /not a valid project registry/,
      );
    });

    it("sweeps temp files, staging and trash left by a crash", async () => {
      const workspaceDir = await tempDir();
      const globalDir = join(workspaceDir, ".pi-global");
      await mkdir(join(globalDir, "staging", "half-copied"), { recursive: true });
      await mkdir(join(globalDir, "trash", "half-deleted"), { recursive: true });
      await writeFile(join(globalDir, ".tmp-projects.json.abc123abc123"), "{");
      await ProjectRegistry.create({ workspaceDir });
      expect((await readdir(globalDir)).sort()).toEqual(["sessions"]);
    });
  });

  describe("createProject", () => {
    it("creates the directory and persists the record", async () => {
      const { workspaceDir, registry } = await openRegistry();
      const { project, created } = await registry.createProject({ name: "My App" });
      expect(created).toBe(true);
      expect(project).toMatchObject({
        id: "my-app",
        name: "My App",
        projectDir: join(workspaceDir, "my-app"),
      });
      expect(Date.parse(project.createdAt)).not.toBeNaN();
      expect((await stat(project.projectDir)).isDirectory()).toBe(true);
      const file = JSON.parse(
        await readFile(join(workspaceDir, ".pi-global", "projects.json"), "utf8"),
      );
      expect(file).toEqual({
        version: 1,
        projects: [{ id: "my-app", name: "My App", createdAt: project.createdAt }],
      });
    });

    it("returns the existing project for a name with the same slug", async () => {
      const { registry } = await openRegistry();
      const first = await registry.createProject({ name: "My App" });
      const second = await registry.createProject({ name: "my   app!" });
      expect(second.created).toBe(false);
      expect(second.project).toEqual(first.project);
      expect(registry.size).toBe(1);
    });

    it("yields exactly one project under 50 concurrent creates", async () => {
      const { workspaceDir, registry } = await openRegistry();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => registry.createProject({ name: "Race" })),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.project.createdAt)).size).toBe(1);
      expect(registry.size).toBe(1);
      expect((await readdir(workspaceDir)).sort()).toEqual([".pi-global", "race"]);
    });

    it("rejects a bad name and writes nothing", async () => {
      const { workspaceDir, registry } = await openRegistry();
      await expect(registry.createProject({ name: "../escape" })).rejects.toMatchObject({
        code: "INVALID_PROJECT_NAME",
      });
      expect(await readdir(workspaceDir)).toEqual([".pi-global"]);
      expect(await exists(join(workspaceDir, ".pi-global", "projects.json"))).toBe(false);
    });

    it("adopts an unregistered directory without touching its files", async () => {
      const { workspaceDir, registry } = await openRegistry();
      await mkdir(join(workspaceDir, "legacy"));
      await writeFile(join(workspaceDir, "legacy", "keep.txt"), "mine");
      await registry.createProject({ name: "Legacy" });
      expect(await readFile(join(workspaceDir, "legacy", "keep.txt"), "utf8")).toBe("mine");
    });

    it("writes deployment info to .pi/deployment.json, also for an existing project", async () => {
      const { registry } = await openRegistry();
      const deployment = { dev: { port: 5173, publicUrl: "https://dev.example.com" } };
      const { project } = await registry.createProject({ name: "Deployed", deployment });
      const path = join(project.projectDir, ".pi", "deployment.json");
      expect(JSON.parse(await readFile(path, "utf8"))).toEqual(deployment);
      const moved = { dev: { port: 6000 }, prod: { port: 8080 } };
      await registry.createProject({ name: "Deployed", deployment: moved });
      expect(JSON.parse(await readFile(path, "utf8"))).toEqual(moved);
    });
  });

  describe("template seeding", () => {
    async function makeTemplate(): Promise<string> {
      const template = await tempDir();
      const files: Record<string, string> = {
        "index.html": "<html></html>",
        ".gitignore": "node_modules\n",
        ".pi/AGENTS.md": "# Agent notes",
        "src/main.ts": "console.log(1);",
        "node_modules/dep/index.js": "cached",
        "dist/index.html": "built",
        ".vite/deps.json": "{}",
        ".cache/x": "x",
        "src/node_modules/nested.js": "nested cache",
      };
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(template, path, ".."), { recursive: true });
        await writeFile(join(template, path), content);
      }
      return template;
    }

    it("copies files and dotfiles and skips build caches", async () => {
      const { registry } = await openRegistry({ templateDir: await makeTemplate() });
      const { project } = await registry.createProject({ name: "Seeded" });
      const dir = project.projectDir;
      expect(await readFile(join(dir, "index.html"), "utf8")).toBe("<html></html>");
      expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe("node_modules\n");
      expect(await readFile(join(dir, ".pi", "AGENTS.md"), "utf8")).toBe("# Agent notes");
      expect(await readFile(join(dir, "src", "main.ts"), "utf8")).toBe("console.log(1);");
      for (const skipped of ["node_modules", "dist", ".vite", ".cache", "src/node_modules"]) {
        expect(await exists(join(dir, skipped)), skipped).toBe(false);
      }
    });

    it("seeds only on first creation", async () => {
      const { registry } = await openRegistry({ templateDir: await makeTemplate() });
      const { project } = await registry.createProject({ name: "Seeded" });
      await writeFile(join(project.projectDir, "index.html"), "edited by the agent");
      await registry.createProject({ name: "Seeded" });
      expect(await readFile(join(project.projectDir, "index.html"), "utf8")).toBe(
        "edited by the agent",
      );
    });
  });

  describe("list and get", () => {
    it("pages in creation order and reports the total", async () => {
      const { registry } = await openRegistry();
      for (const name of ["a", "b", "c", "d"]) await registry.createProject({ name });
      const page = registry.list({ limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(page.items.map((project) => project.id)).toEqual(["b", "c"]);
      expect(registry.list({ offset: 10 }).items).toEqual([]);
    });

    it("require throws PROJECT_NOT_FOUND for an unknown id", async () => {
      const { registry } = await openRegistry();
      expect(registry.get("ghost")).toBeUndefined();
      expect(() => registry.require("ghost")).toThrow(
        expect.objectContaining({ code: "PROJECT_NOT_FOUND" }),
      );
    });
  });

  describe("deleteProject", () => {
    it("removes the entry, the directory and the transcripts", async () => {
      const { workspaceDir, registry } = await openRegistry();
      const { project } = await registry.createProject({ name: "Doomed" });
      const transcripts = join(workspaceDir, ".pi-global", "sessions", "doomed");
      await mkdir(transcripts, { recursive: true });
      await writeFile(join(transcripts, "s.jsonl"), "{}\n");
      await registry.deleteProject("doomed");
      expect(registry.get("doomed")).toBeUndefined();
      expect(await exists(project.projectDir)).toBe(false);
      expect(await exists(transcripts)).toBe(false);
      const reopened = await ProjectRegistry.create({ workspaceDir });
      expect(reopened.size).toBe(0);
    });

    it("throws PROJECT_NOT_FOUND for an unknown id", async () => {
      const { registry } = await openRegistry();
      await expect(registry.deleteProject("ghost")).rejects.toMatchObject({
        code: "PROJECT_NOT_FOUND",
      });
    });

    it("records the deletion before its hooks run, so a crash cannot leave half a project", async () => {
      const { workspaceDir, registry } = await openRegistry();
      await registry.createProject({ name: "Doomed" });
      const projectsFile = join(workspaceDir, ".pi-global", "projects.json");
      let seenByHook: unknown;
      registry.onDelete(async () => {
        seenByHook = JSON.parse(await readFile(projectsFile, "utf8"));
      });
      await registry.deleteProject("doomed");
      expect(seenByHook).toEqual({ version: 1, projects: [], deleting: ["doomed"] });
      expect(JSON.parse(await readFile(projectsFile, "utf8"))).toEqual({
        version: 1,
        projects: [],
      });
    });

    it("finishes on start a deletion a crash interrupted", async () => {
      const { workspaceDir, registry } = await openRegistry();
      const { project } = await registry.createProject({ name: "Doomed" });
      const kept = await registry.createProject({ name: "Kept" });
      const transcripts = join(workspaceDir, ".pi-global", "sessions", "doomed");
      await mkdir(transcripts, { recursive: true });
      const projectsFile = join(workspaceDir, ".pi-global", "projects.json");
      const state = JSON.parse(await readFile(projectsFile, "utf8"));
      state.projects = state.projects.filter((record: { id: string }) => record.id !== "doomed");
      await writeFile(projectsFile, JSON.stringify({ ...state, deleting: ["doomed"] }));

      const reopened = await ProjectRegistry.create({ workspaceDir });
      expect(reopened.list().items.map((item) => item.id)).toEqual(["kept"]);
      expect(await exists(project.projectDir)).toBe(false);
      expect(await exists(transcripts)).toBe(false);
      expect(await exists(kept.project.projectDir)).toBe(true);
      expect(JSON.parse(await readFile(projectsFile, "utf8")).deleting).toBeUndefined();
    });

    it("lets a deleted name be created again, fresh", async () => {
      const { registry } = await openRegistry();
      const { project } = await registry.createProject({ name: "Phoenix" });
      await writeFile(join(project.projectDir, "old.txt"), "old");
      await registry.deleteProject("phoenix");
      const again = await registry.createProject({ name: "Phoenix" });
      expect(again.created).toBe(true);
      expect(await exists(join(again.project.projectDir, "old.txt"))).toBe(false);
    });
  });
});
