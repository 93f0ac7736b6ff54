import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiClient } from "#test-support/api-client.js";
import { readJson } from "#test-support/json.js";
import { startServerProcess } from "#test-support/processes.js";
import { seededRandom } from "#test-support/seeded-random.js";
import { webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { startServer } from "../src/server/start-server.js";

const taskCount = 150;
const rounds = 4;
const seed = 14_2;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("issue 14.2: SIGKILL during DELETE /v1/projects/{id} loses no acknowledged task", () => {
  const tempDir = useTempDirs();

  it("leaves each project, after a restart, either whole or entirely gone", async () => {
    const workspace = await tempDir();
    const random = seededRandom(seed);
    const env = { WORKSPACE_DIR: workspace, WEBHOOK_SECRET: webhookSecret };
    const outcomes: string[] = [];

    async function check(url: string, id: string, acknowledged: boolean) {
      const call = apiClient(url);
      const project = await call(`/projects/${id}`);
      const taskFiles = await readdir(join(workspace, ".pi-global", "tasks", "items"));
      const stored = await Promise.all(
        taskFiles
          .filter((name) => name.endsWith(".json"))
          .map((name) => readFile(join(workspace, ".pi-global", "tasks", "items", name), "utf8")),
      );
      const storedForProject = stored.filter((text) => JSON.parse(text).task.projectId === id);
      if (project.status === 200) {
        expect(acknowledged, `${id} was deleted with a 204 yet is back`).toBe(false);
        const tasks = await readJson(await call(`/tasks?projectId=${id}&limit=1`));
        expect(tasks.total, `${id} is listed with only some of its tasks`).toBe(taskCount);
        outcomes.push("present");
      } else {
        expect(project.status).toBe(404);
        expect(storedForProject, `${id} is gone but task files remain`).toHaveLength(0);
        expect(await exists(join(workspace, id))).toBe(false);
        expect(await exists(join(workspace, ".pi-global", "sessions", id))).toBe(false);
        outcomes.push("gone");
      }
      const present = outcomes.filter((outcome) => outcome === "present").length;
      const all = await readJson(await call("/tasks?limit=1"));
      expect(all.total, "tasks of deleted projects are still listed").toBe(present * taskCount);
      const registry = JSON.parse(
        await readFile(join(workspace, ".pi-global", "projects.json"), "utf8"),
      );
      expect(registry.deleting ?? []).toEqual([]);
    }

    for (let round = 0; round < rounds; round++) {
      const id = `p${round}`;
      const server = await startServerProcess(env);
      let acknowledged = false;
      try {
        const call = apiClient(server.url);
        expect((await call("/projects", { method: "POST", body: { name: id } })).status).toBe(201);
        for (let batch = 0; batch < taskCount; batch += 15) {
          const responses = await Promise.all(
            Array.from({ length: 15 }, (_, i) =>
              call(`/projects/${id}/tasks`, {
                method: "POST",
                body: { title: `task ${batch + i}`, prompt: "write a.txt b" },
                token: webhookSecret,
              }),
            ),
          );
          for (const response of responses) expect(response.status).toBe(201);
        }
        const deletion = call(`/projects/${id}`, { method: "DELETE" }).then(
          (response) => {
            acknowledged = response.status === 204;
          },
          () => undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 25)));
        server.child.kill("SIGKILL");
        await deletion;
      } finally {
        server.child.kill("SIGKILL");
        await server.exited;
      }

      const restarted = await startServer(
        loadConfig({ ...env, AGENT_SERVER_PORT: "0" }),
        silentLogger,
      );
      try {
        await check(restarted.url, id, acknowledged);
      } finally {
        await restarted.stop();
      }
    }
    expect(outcomes).toHaveLength(rounds);
  }, 120_000);
});
