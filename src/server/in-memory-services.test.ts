import { readdir, stat } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage, installFauxProvider } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createApp } from "./create-app.js";
import { createInMemoryServices, type InMemoryServices } from "./in-memory-services.js";

describe("createInMemoryServices", () => {
  const tempDir = useTempDirs();
  const built: InMemoryServices[] = [];
  afterEach(async () => {
    for (const services of built.splice(0)) {
      await services.stop();
      await services.close();
    }
  });
  const build = async (...args: Parameters<typeof createInMemoryServices>) => {
    const services = await createInMemoryServices(...args);
    built.push(services);
    return services;
  };

  it("keeps state in a fresh workspace that close() removes, and usage in memory", async () => {
    const services = await createInMemoryServices();
    await services.registry.createProject({ name: "Demo" });
    expect(await readdir(services.workspaceDir)).toEqual(expect.arrayContaining(["demo"]));
    expect(await readdir(services.registry.layout.globalDir)).not.toContain("usage");
    await services.stop();
    await services.close();
    await expect(stat(services.workspaceDir)).rejects.toThrow(/ENOENT/);
  });

  it("uses a given workspace and leaves it in place", async () => {
    const workspaceDir = await tempDir();
    const services = await createInMemoryServices({ workspaceDir });
    expect(services.workspaceDir).toBe(workspaceDir);
    await services.stop();
    await services.close();
    expect((await stat(workspaceDir)).isDirectory()).toBe(true);
  });

  it("serves a whole session turn with the faux provider", async () => {
    const services = await build();
    const faux = installFauxProvider(services.credentials.org);
    try {
      faux.setResponses([fauxAssistantMessage("pong")]);
      const app = createApp(services);
      const post = (path: string, body: unknown) =>
        app.request(`/v1${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await post("/projects", { name: "demo" })).status).toBe(201);
      const created = await post("/projects/demo/sessions", {
        provider: "faux",
        modelId: faux.getModel().id,
      });
      const { id } = await readJson(created);
      expect((await post(`/projects/demo/sessions/${id}/prompt`, { text: "ping" })).status).toBe(
        202,
      );
      await expect
        .poll(
          async () =>
            (await readJson(await app.request(`/v1/projects/demo/sessions/${id}`))).messages.length,
        )
        .toBe(2);
    } finally {
      faux.unregister();
    }
  });
});
