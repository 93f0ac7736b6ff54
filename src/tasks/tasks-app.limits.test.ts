import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { hardFieldLimits, type TaskFieldLimits } from "../config/field-limits.js";
import { defaultPageLimits } from "../http/pagination.js";
import { silentLogger } from "../logging/logger.js";
import { createOrgServices } from "../pi/org-services.js";
import { ProjectRegistry } from "../projects/project-registry.js";
import { RuntimeManager } from "../sessions/index.js";
import { TaskService } from "./task-service.js";
import { createTasksApp } from "./tasks-app.js";

const secret = "webhook-secret-for-limit-tests";

describe("configured limits on task input", () => {
  const tempDir = useTempDirs();
  const services: TaskService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
  });

  async function harness(fieldLimits: Partial<TaskFieldLimits>) {
    const registry = await ProjectRegistry.create({ workspaceDir: await tempDir() });
    await registry.createProject({ name: "Demo" });
    const runtimes = new RuntimeManager({
      registry,
      org: createOrgServices(registry.layout.globalDir),
    });
    const tasks = new TaskService({ registry, runtime: (projectId) => runtimes.get(projectId) });
    services.push(tasks);
    const app = createTasksApp(tasks, {
      webhookSecret: secret,
      logger: silentLogger,
      limits: { ...defaultPageLimits, ...fieldLimits },
    });
    const post = (path: string, body: unknown, bearer = secret) =>
      Promise.resolve(
        app.request(`/projects/demo/tasks${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
          body: JSON.stringify(body),
        }),
      );
    return { post, count: async () => (await tasks.list({ limit: 10, offset: 0 })).total };
  }

  const task = { title: "Fix it", prompt: "Please fix it" };
  const limits = {
    maxTitleLength: 6,
    maxPromptLength: 13,
    maxSourceLength: 3,
    maxExternalIdLength: 4,
    maxMetadataBytes: 10,
    maxRejectReasonLength: 5,
  };

  it("accepts every field at its configured limit", async () => {
    const h = await harness(limits);
    const response = await h.post("", {
      ...task,
      source: "abc",
      externalId: "abcd",
      metadata: { a: "bc" },
    });
    expect(response.status).toBe(201);
  });

  it.each([
    ["title", { title: "Fix it!" }, "Too big: expected string to have <=6 characters"],
    ["prompt", { prompt: "Please fix it." }, "Too big: expected string to have <=13 characters"],
    ["source", { source: "abcd" }, "Too big: expected string to have <=3 characters"],
    ["externalId", { externalId: "abcde" }, "Too big: expected string to have <=4 characters"],
    ["metadata", { metadata: { a: "bcd" } }, "must serialise to at most 10 bytes of JSON"],
  ])("refuses %s over its configured limit as VALIDATION_FAILED", async (field, patch, message) => {
    const h = await harness(limits);
    const response = await h.post("", { ...task, ...patch });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: `body.${field}: ${message}`,
      errors: [{ path: `body.${field}`, message }],
    });
    expect(await h.count()).toBe(0);
  });

  it("authenticates the webhook before checking the body", async () => {
    const h = await harness(limits);
    const response = await h.post("", { ...task, title: "far too long" }, "wrong-secret");
    expect(response.status).toBe(401);
  });

  it("refuses a title above the hard maximum in schema validation", async () => {
    const h = await harness(limits);
    const hard = hardFieldLimits.maxTitleLength;
    const response = await h.post("", { ...task, title: "t".repeat(hard + 1) });
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors).toEqual([
      { path: "body.title", message: `Too big: expected string to have <=${hard} characters` },
    ]);
  });

  it("holds a reject reason to its configured limit and leaves the task pending", async () => {
    const h = await harness(limits);
    const { id } = await readJson(await h.post("", task));
    const over = await h.post(`/${id}/reject`, { reason: "dupe!!" });
    expect(over.status).toBe(400);
    expect((await readJson(over)).errors).toEqual([
      { path: "body.reason", message: "Too big: expected string to have <=5 characters" },
    ]);
    const rejected = await h.post(`/${id}/reject`, { reason: "dupe!" });
    expect(await readJson(rejected)).toMatchObject({ status: "rejected", rejectReason: "dupe!" });
  });
});
