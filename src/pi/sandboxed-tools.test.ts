import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { AgentSandbox, defaultSandboxPolicy } from "../sandbox/index.js";
import { createSandboxedTools, readableSkillDirs } from "./sandboxed-tools.js";

describe("createSandboxedTools", () => {
  const tempDir = useTempDirs();

  async function setup() {
    const base = await tempDir();
    const cwd = join(base, "demo");
    const other = join(base, "other");
    const skills = join(base, "skills");
    await mkdir(join(cwd, "src"), { recursive: true });
    await mkdir(other);
    await mkdir(skills);
    await writeFile(join(cwd, "src", "a.ts"), "export const a = 1;\n");
    await writeFile(join(other, "secret.txt"), "secret");
    await writeFile(join(skills, "SKILL.md"), "# skill");
    await symlink(other, join(cwd, "out"));
    const tools = createSandboxedTools(cwd, {
      sandbox: new AgentSandbox(),
      readOnly: [skills],
    });
    const call = async (name: string, params: Record<string, unknown>) => {
      const tool = tools.find((candidate) => candidate.name === name);
      if (!tool) throw new Error(`no tool ${name}`);
      const result = await tool.execute("call", params, undefined, undefined, undefined as never);
      return (result.content as Array<{ text?: string }>).map((block) => block.text).join("");
    };
    return { cwd, other, skills, tools, call };
  }

  it("replaces all seven built-in tools by name", async () => {
    const { tools } = await setup();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ["bash", "edit", "find", "grep", "ls", "read", "write"].sort(),
    );
  });

  it("happy: ls and find work inside the working directory, skills can be read", async () => {
    const { skills, call } = await setup();
    expect(await call("ls", { path: "src" })).toContain("a.ts");
    expect(await call("find", { pattern: "**/*.ts" })).toContain("src/a.ts");
    expect(await call("read", { path: join(skills, "SKILL.md") })).toContain("# skill");
  });

  it("security: ls, find and write refuse what resolves outside", async () => {
    const { other, skills, call } = await setup();
    await expect(call("ls", { path: ".." })).rejects.toThrow(/outside the working directory/);
    await expect(call("ls", { path: "out" })).rejects.toThrow(/outside the working directory/);
    await expect(call("find", { pattern: "*", path: other })).rejects.toThrow(
      /outside the working directory/,
    );
    expect(await call("find", { pattern: "**/*.txt" })).not.toContain("secret.txt");
    expect(await call("find", { pattern: "out/*" })).not.toContain("secret.txt");
    expect(await call("find", { pattern: "../other/*" })).not.toContain("secret.txt");
    await expect(call("write", { path: join(skills, "SKILL.md"), content: "x" })).rejects.toThrow(
      /outside the working directory/,
    );
  });

  it("with mode none only bash is replaced (its environment scrubbed)", () => {
    const tools = createSandboxedTools("/tmp", {
      sandbox: new AgentSandbox({ policy: { ...defaultSandboxPolicy, mode: "none" } }),
    });
    expect(tools.map((tool) => tool.name)).toEqual(["bash"]);
  });
});

describe("readableSkillDirs", () => {
  const tempDir = useTempDirs();

  it("keeps org skills and skills outside the workspace, never other workspace directories", async () => {
    const base = await tempDir();
    const workspace = join(base, "ws");
    const orgSkill = join(workspace, ".pi-global", "skills", "deploy");
    const otherProject = join(workspace, "other", ".pi", "skills", "x");
    const worktree = join(workspace, ".pi-global", "worktrees", "other", "t1", "skill");
    const external = join(base, "server", "skills", "deploy-app");
    for (const dir of [orgSkill, otherProject, worktree, external]) {
      await mkdir(dir, { recursive: true });
    }
    await mkdir(join(workspace, "demo", ".pi", "skills"), { recursive: true });
    await symlink(join(workspace, "other"), join(workspace, "demo", ".pi", "skills", "evil"));
    const dirs = readableSkillDirs(
      [
        orgSkill,
        external,
        join(workspace, "demo", ".pi", "skills", "evil", ".pi", "skills", "x"),
        worktree,
        join(workspace, ".pi-global"),
        join(base, "missing"),
      ],
      join(workspace, ".pi-global"),
    );
    expect(dirs).toEqual([orgSkill, external]);
  });
});
