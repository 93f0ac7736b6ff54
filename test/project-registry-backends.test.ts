import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { PgProjectCatalog } from "../src/projects/pg-project-catalog.js";
import { FileProjectCatalog, type ProjectCatalog } from "../src/projects/project-catalog.js";
import { ProjectRegistry } from "../src/projects/project-registry.js";
import { type Database, openDatabase } from "../src/storage/postgres/index.js";
import { workspaceLayout } from "../src/workspace/layout.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();
const opened: Database[] = [];
const registries: ProjectRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((registry) => registry.close()));
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

const isDir = (path: string) =>
  stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );

/** One backend: opens registries over one workspace and one catalog, like restarts of a node. */
interface Backend {
  workspaceDir: string;
  open(): Promise<ProjectRegistry>;
  /** A second handle on the same catalog, as a crashed process left it. */
  catalog(): Promise<ProjectCatalog>;
}

async function fileBackend(workspaceDir: string): Promise<Backend> {
  return {
    workspaceDir,
    async open() {
      const registry = await ProjectRegistry.create({ workspaceDir });
      registries.push(registry);
      return registry;
    },
    async catalog() {
      const catalog = new FileProjectCatalog(workspaceLayout(workspaceDir).projectsFile);
      await catalog.load();
      return catalog;
    },
  };
}

async function postgresBackend(workspaceDir: string): Promise<Backend> {
  const url = await newDatabase();
  const connect = async () => {
    const database = await openDatabase(url, { maxConnections: 4 });
    opened.push(database);
    return database;
  };
  return {
    workspaceDir,
    async open() {
      const registry = await ProjectRegistry.create({ workspaceDir, database: await connect() });
      registries.push(registry);
      return registry;
    },
    catalog: async () => new PgProjectCatalog(await connect()),
  };
}

describe.each([
  ["file", fileBackend],
  ["postgres", postgresBackend],
])("ProjectRegistry over %s", (_name, makeBackend) => {
  const tempDir = useTempDirs();
  const backend = async () => makeBackend(await tempDir());

  it("creates a project once per id, with its directory, and lists projects in creation order", async () => {
    const { workspaceDir, open } = await backend();
    const registry = await open();
    const first = await registry.createProject({ name: "My App" });
    expect(first.created).toBe(true);
    expect(first.project).toMatchObject({ id: "my-app", name: "My App" });
    expect(await isDir(join(workspaceDir, "my-app"))).toBe(true);
    const again = await registry.createProject({ name: "my app" });
    expect(again).toEqual({ project: first.project, created: false });
    await registry.createProject({ name: "Second" });
    expect(registry.size).toBe(2);
    expect(registry.list().items.map((project) => project.id)).toEqual(["my-app", "second"]);
    expect(registry.list({ offset: 1, limit: 5 })).toMatchObject({ total: 2 });
    expect(registry.require("second").name).toBe("Second");
  });

  it("yields one project from concurrent creates of one name", async () => {
    const { open } = await backend();
    const registry = await open();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => registry.createProject({ name: "Race" })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(registry.size).toBe(1);
  });

  it("refuses a bad name or an unknown id and changes nothing", async () => {
    const { open } = await backend();
    const registry = await open();
    await expect(registry.createProject({ name: "../etc" })).rejects.toMatchObject({
      code: "INVALID_PROJECT_NAME",
    });
    expect(() => registry.require("ghost")).toThrow(/No project/);
    await expect(registry.deleteProject("ghost")).rejects.toMatchObject({
      code: "PROJECT_NOT_FOUND",
    });
    expect(registry.size).toBe(0);
    expect((await open()).size).toBe(0);
  });

  it("keeps projects across a restart", async () => {
    const { open } = await backend();
    const registry = await open();
    await registry.createProject({ name: "One" });
    await registry.createProject({ name: "Two" });
    const reopened = await open();
    expect(reopened.list().items.map((project) => project.id)).toEqual(["one", "two"]);
    expect(reopened.get("two")).toEqual(registry.get("two"));
  });

  it("deletes a project after its delete hooks, with its directory and transcripts", async () => {
    const { workspaceDir, open } = await backend();
    const registry = await open();
    const { project } = await registry.createProject({ name: "Doomed" });
    const transcripts = registry.layout.sessionsDir(project.id);
    await mkdir(transcripts, { recursive: true });
    const seenByHook: boolean[] = [];
    registry.onDelete(async (id) => {
      seenByHook.push(id === "doomed" && (await isDir(project.projectDir)));
    });
    await registry.deleteProject("doomed");
    expect(seenByHook).toEqual([true]);
    expect(registry.get("doomed")).toBeUndefined();
    expect(await isDir(join(workspaceDir, "doomed"))).toBe(false);
    expect(await isDir(transcripts)).toBe(false);
    expect((await open()).get("doomed")).toBeUndefined();
  });

  it("finishes on the next start a deletion a crash interrupted", async () => {
    const { workspaceDir, open, catalog } = await backend();
    const registry = await open();
    await registry.createProject({ name: "Half" });
    await writeFile(join(workspaceDir, "half", "file.txt"), "left");
    await registry.close();
    // The crash: the deletion is recorded, nothing is removed yet.
    await (await catalog()).markDeleting("half");
    const reopened = await open();
    expect(reopened.get("half")).toBeUndefined();
    expect(await isDir(join(workspaceDir, "half"))).toBe(false);
    const created = await reopened.createProject({ name: "Half" });
    expect(created.created).toBe(true);
    expect(await isDir(join(workspaceDir, "half"))).toBe(true);
  });
});

describe("ProjectRegistry shared by nodes on one database and one volume", () => {
  const tempDir = useTempDirs();

  async function twoNodes() {
    const backend = await postgresBackend(await tempDir());
    return { a: await backend.open(), b: await backend.open() };
  }

  const eventually = async (check: () => void) => {
    for (let i = 0; ; i++) {
      try {
        return check();
      } catch (error) {
        if (i > 500) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };

  it("shows a project created on one node to another, by read-through at once and by notification", async () => {
    const { a, b } = await twoNodes();
    await a.createProject({ name: "Shared" });
    expect((await b.refresh("shared"))?.name).toBe("Shared");
    await a.createProject({ name: "Later" });
    await eventually(() => expect(b.get("later")?.name).toBe("Later"));
    expect(b.list().items.map((project) => project.id)).toEqual(["shared", "later"]);
  });

  it("gives one project to concurrent creates of one name on two nodes", async () => {
    const { a, b } = await twoNodes();
    const results = await Promise.all([
      a.createProject({ name: "Contested" }),
      b.createProject({ name: "Contested" }),
      a.createProject({ name: "Contested" }),
      b.createProject({ name: "Contested" }),
    ]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.project.createdAt)).size).toBe(1);
  });

  it("runs the delete hooks on a node that knew the project when another node deletes it", async () => {
    const { a, b } = await twoNodes();
    await a.createProject({ name: "Gone" });
    await b.refresh("gone");
    const disposedOnB: string[] = [];
    b.onDelete(async (id) => {
      disposedOnB.push(id);
    });
    await a.deleteProject("gone");
    await eventually(() => expect(disposedOnB).toEqual(["gone"]));
    expect(b.get("gone")).toBeUndefined();
    await expect(b.deleteProject("gone")).rejects.toMatchObject({ code: "PROJECT_NOT_FOUND" });
  });
});
