import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

describe("a session that never ran", () => {
  const tempDir = useTempDirs();
  const servers = useSessionServers();
  const sessionsDir = (workspace: string) => join(workspace, ".pi-global", "sessions", "demo");

  it("survives a restart with its name and settings, and runs afterwards", async () => {
    const workspace = await tempDir();
    const first = await servers.boot(workspace);
    await first.api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await first.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: first.faux.getModel().id, name: "draft" },
    });
    const { id } = await readJson(created);
    const renamed = await first.api(`/projects/demo/sessions/${id}`, {
      method: "PATCH",
      body: { name: "plan for later" },
    });
    expect(renamed.status).toBe(200);
    await servers.stop(first);

    const second = await servers.boot(workspace);
    const listed = await readJson(await second.api("/projects/demo/sessions"));
    expect(listed.items).toEqual([
      expect.objectContaining({ id, name: "plan for later", messageCount: 0, status: "idle" }),
    ]);
    const detail = await readJson(await second.api(`/projects/demo/sessions/${id}`));
    expect(detail).toMatchObject({ id, name: "plan for later", messages: [] });
    const settings = await readJson(await second.api(`/projects/demo/sessions/${id}/settings`));
    expect(settings).toMatchObject({ provider: "faux", modelId: second.faux.getModel().id });

    second.faux.setResponses([fauxAssistantMessage("finally")]);
    const prompt = await second.api(`/projects/demo/sessions/${id}/prompt`, {
      method: "POST",
      body: { text: "go" },
    });
    expect(prompt.status).toBe(202);
    await second.waitUntilIdle(id);
    // The record goes once the run has put the transcript on disk (just after agent_end).
    const unsaved = async () =>
      (await readdir(sessionsDir(workspace))).filter((file) => file.endsWith(".unsaved.json"));
    for (let i = 0; i < 100 && (await unsaved()).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await unsaved()).toEqual([]);
    const files = await readdir(sessionsDir(workspace));
    expect(files.some((file) => file.endsWith(`_${id}.jsonl`))).toBe(true);
    const after = await readJson(await second.api(`/projects/demo/sessions/${id}`));
    expect(after.name).toBe("plan for later");
    expect(after.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
  });

  it("can be deleted after a restart, leaving nothing behind", async () => {
    const workspace = await tempDir();
    const first = await servers.boot(workspace);
    const id = await first.newSession();
    await servers.stop(first);

    const second = await servers.boot(workspace);
    const removed = await second.api(`/projects/demo/sessions/${id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await second.api(`/projects/demo/sessions/${id}`)).status).toBe(404);
    expect((await readJson(await second.api("/projects/demo/sessions"))).items).toEqual([]);
    const files = await readdir(sessionsDir(workspace));
    expect(files.filter((file) => file.includes(id))).toEqual([]);
  });

  it("leaves no record behind when renamed and deleted at once", async () => {
    const workspace = await tempDir();
    const booted = await servers.boot(workspace);
    const id = await booted.newSession();
    const one = `/projects/demo/sessions/${id}`;
    const [renamed, removed] = await Promise.all([
      booted.api(one, { method: "PATCH", body: { name: "going" } }),
      booted.api(one, { method: "DELETE" }),
    ]);
    expect([200, 404]).toContain(renamed.status);
    expect(removed.status).toBe(204);
    await servers.stop(booted);
    const files = await readdir(sessionsDir(workspace));
    expect(files.filter((file) => file.includes(id))).toEqual([]);
  });
});
