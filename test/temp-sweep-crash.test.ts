import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type ApiInit, apiClient } from "#test-support/api-client.js";
import { startServerProcess } from "#test-support/processes.js";
import { seededRandom } from "#test-support/seeded-random.js";
import { webhookSecret } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { startServer } from "../src/server/start-server.js";

const rounds = 3;
const seed = 14_3;

/** Every temp-file shape this server has written: `.tmp-<name>.<hex>` and `<name>.<hex>.tmp`. */
const tempFile = /^\.tmp-.+\.[0-9a-f]{8,}$|\.[0-9a-f]{8,}\.tmp$/;

/** Files under `dir` that look like temp files, skipping git internals and task worktrees. */
async function findTempFiles(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === ".git" || entry.name === "worktrees") continue;
      found.push(...(await findTempFiles(root, path)));
    } else if (tempFile.test(entry.name)) {
      found.push(relative(root, path));
    }
  }
  return found;
}

describe("issue 14.3: temp files of interrupted writes are swept on start", () => {
  const tempDir = useTempDirs();

  it("leaves no temp file after a loop of SIGKILLs mid-write and a clean start", async () => {
    const workspace = await tempDir();
    const random = seededRandom(seed);
    const env = {
      WORKSPACE_DIR: workspace,
      WEBHOOK_SECRET: webhookSecret,
      // A model is configured (never called) so sessions can be created.
      LITELLM_BASE_URL: "http://127.0.0.1:9/v1",
      LITELLM_API_KEY: "sk-never-used",
      LITELLM_MODELS: "test/idle",
      LITELLM_DEFAULT_MODEL: "test/idle",
    };

    for (let round = 0; round < rounds; round++) {
      const server = await startServerProcess(env);
      const api = apiClient(server.url);
      // The server is killed mid-write: calls in flight then simply fail.
      const call = (path: string, init: ApiInit) => api(path, init).catch(() => undefined);
      let writing = true;
      // Every kind of state write at once, over and over, until the kill.
      const writer = async (lane: number) => {
        for (let n = 0; writing; n++) {
          const project = `p${(lane + n) % 3}`;
          await call("/projects", {
            method: "POST",
            body: { name: project, deployment: { dev: { port: 3000 + n } } },
          });
          const created = await call(`/projects/${project}/sessions`, { method: "POST", body: {} });
          const body = created?.ok
            ? ((await created.json().catch(() => undefined)) as { id: string } | undefined)
            : undefined;
          const session = body?.id;
          if (session) {
            await call(`/projects/${project}/sessions/${session}`, {
              method: "PATCH",
              body: { name: `s ${n}` },
            });
          }
          await call(`/projects/${project}/tasks`, {
            method: "POST",
            body: { title: `t ${lane} ${n}`, prompt: "write a.txt b" },
            token: webhookSecret,
          });
          await call("/auth/providers/openai/api-key", {
            method: "PUT",
            body: { apiKey: `sk-test-${lane}-${n}` },
          });
        }
      };
      const lanes = Array.from({ length: 4 }, (_, lane) => writer(lane));
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(random() * 450)));
      server.child.kill("SIGKILL");
      writing = false;
      await server.exited;
      await Promise.all(lanes);
    }

    // What a kill between a temp file's creation and its rename leaves, for every writer.
    const global = join(workspace, ".pi-global");
    const transcripts = join(global, "sessions", "p0");
    const projectConfig = join(workspace, "p0", ".pi");
    await mkdir(transcripts, { recursive: true });
    await mkdir(join(global, "tasks", "items"), { recursive: true });
    const stale = [
      join(global, ".tmp-projects.json.0123456789ab"),
      join(global, ".tmp-auth.json.0123456789ab"),
      join(global, ".tmp-models.json.0123456789ab"),
      join(global, "tasks", ".tmp-event-seq.json.0123456789ab"),
      join(global, "tasks", "event-seq.json.89abcdef.tmp"),
      join(global, "tasks", "items", ".tmp-task.json.0123456789ab"),
      join(transcripts, ".tmp-0195-a.unsaved.json.0123456789ab"),
      join(transcripts, ".tmp-0195-a.event-seq.json.0123456789ab"),
      join(transcripts, "0195-a.event-seq.json.89abcdef.tmp"),
      join(transcripts, ".tmp-0195-a.ask-user.json.0123456789ab"),
      join(transcripts, ".tmp-ask-user-defaults.json.0123456789ab"),
      join(projectConfig, ".tmp-deployment.json.0123456789ab"),
    ];
    for (const file of stale) await writeFile(file, "{ half");
    // Files that only look alike belong to someone else and stay.
    const foreign = [join(workspace, "p0", ".tmp-notes.md"), join(projectConfig, ".tmp-keep")];
    for (const file of foreign) await writeFile(file, "mine");

    const server = await startServer(
      loadConfig({ ...env, AGENT_SERVER_PORT: "0", AGENT_SERVER_SHUTDOWN_GRACE_MS: "200" }),
      silentLogger,
    );
    try {
      expect(await findTempFiles(workspace)).toEqual([]);
      for (const file of foreign) expect((await stat(file)).isFile()).toBe(true);
      const projects = (await (await fetch(`${server.url}/v1/projects`)).json()) as {
        items: unknown[];
      };
      expect(projects.items.length).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
