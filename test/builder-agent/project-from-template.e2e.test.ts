import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const template = join(repoRoot, "builder-agent/templates/vite-spa");
const deployment = {
  dev: { port: 5301, publicUrl: "https://dev.demo.example.com" },
  prod: { port: 5302 },
};

describe("a project seeded from the vite-spa template with the deploy-app skill", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  async function templateWithCaches(): Promise<string> {
    const copy = join(await tempDir(), "vite-spa");
    await cp(template, copy, { recursive: true });
    for (const cache of ["node_modules/vite", "dist", ".vite"]) {
      await mkdir(join(copy, cache), { recursive: true });
      await writeFile(join(copy, cache, "junk.js"), "built");
    }
    return copy;
  }

  it("copies the template without build caches and records the ports given at creation", async () => {
    const booted = await boot(await tempDir(), {
      env: { APPX_TEMPLATE_DIR: await templateWithCaches() },
    });
    const created = await booted.api("/projects", {
      method: "POST",
      body: { name: "Demo", deployment },
    });
    expect(created.status).toBe(201);
    const { projectDir } = await readJson(created);

    const entries = await readdir(projectDir);
    for (const expected of ["package.json", "index.html", "Dockerfile", "nginx.conf", ".pi"]) {
      expect(entries).toContain(expected);
    }
    for (const cache of ["node_modules", "dist", ".vite"]) expect(entries).not.toContain(cache);
    expect(await readFile(join(projectDir, ".pi/AGENTS.md"), "utf8")).toMatch(/deploy-app/);
    const written = JSON.parse(await readFile(join(projectDir, ".pi/deployment.json"), "utf8"));
    expect(written).toEqual(deployment);
  });

  it.each(["podman", "docker"])(
    "lists the deploy-app skill and names %s in the system prompt",
    async (runtime) => {
      const booted = await boot(await tempDir(), {
        env: {
          APPX_TEMPLATE_DIR: "builder-agent/templates/vite-spa",
          PI_SKILL_PATHS: "builder-agent/skills/deploy-app",
          APP_CONTAINER_RUNTIME: runtime,
        },
      });
      const sessionId = await booted.newSession();
      const commands = await readJson(
        await booted.api(`/projects/demo/sessions/${sessionId}/commands`),
      );
      const skill = commands.items.find(
        (item: { name: string }) => item.name === "skill:deploy-app",
      );
      expect(skill).toMatchObject({ source: "skill" });
      expect(skill.description).toMatch(/deploy/i);

      let systemPrompt = "";
      booted.faux.setResponses([
        (context: Context) => {
          systemPrompt = context.systemPrompt ?? "";
          return fauxAssistantMessage("ok");
        },
      ]);
      await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
        method: "POST",
        body: { text: "how do I deploy?" },
      });
      await booted.waitUntilIdle(sessionId);
      expect(systemPrompt).toContain(`Container runtime on this host: ${runtime}`);
      expect(systemPrompt).toContain("deploy-app");
    },
  );
});
