import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { hardFieldLimits } from "../config/field-limits.js";
import { AppError } from "../errors/index.js";
import { silentLogger } from "../logging/logger.js";
import { createSessionsApp } from "./sessions-app.js";

/** A sessions app with no projects: a body that passes every check reaches the resolver and gets 404. */
function appWith(limits: { maxPromptLength: number; maxTitleLength: number }) {
  const resolved: string[] = [];
  const app = createSessionsApp(
    (projectId) => {
      resolved.push(projectId);
      throw new AppError("PROJECT_NOT_FOUND", `No project with id "${projectId}"`);
    },
    { logger: silentLogger, limits },
  );
  const send = (method: string, path: string, body: unknown) =>
    Promise.resolve(
      app.request(`/projects/demo/sessions${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  return { send, resolved };
}

const routes = [
  ["POST", "/s1/prompt", "text", (value: string) => ({ text: value })],
  ["POST", "/s1/steer", "text", (value: string) => ({ text: value })],
  ["POST", "/s1/follow-up", "text", (value: string) => ({ text: value })],
  ["POST", "/s1/compact", "customInstructions", (value: string) => ({ customInstructions: value })],
] as const;

describe("configured limits on session input", () => {
  it.each(routes)("%s %s holds %s to API_MAX_PROMPT_LENGTH", async (method, path, field, body) => {
    const { send, resolved } = appWith({ maxPromptLength: 10, maxTitleLength: 5 });
    const over = await send(method, path, body("x".repeat(11)));
    expect(over.status).toBe(400);
    expect(await readJson(over)).toMatchObject({
      code: "VALIDATION_FAILED",
      detail: `body.${field}: Too big: expected string to have <=10 characters`,
      errors: [
        { path: `body.${field}`, message: "Too big: expected string to have <=10 characters" },
      ],
    });
    expect(resolved).toEqual([]);

    const atLimit = await send(method, path, body("x".repeat(10)));
    expect(atLimit.status).toBe(404);
    expect(resolved).toEqual(["demo"]);
  });

  it.each([
    ["POST", ""],
    ["PATCH", "/s1"],
  ])("%s …/sessions%s holds name to API_MAX_TITLE_LENGTH", async (method, path) => {
    const { send } = appWith({ maxPromptLength: 10, maxTitleLength: 5 });
    const over = await send(method, path, { name: "sixsix" });
    expect(over.status).toBe(400);
    const problem = await readJson(over);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors).toEqual([
      { path: "body.name", message: "Too big: expected string to have <=5 characters" },
    ]);
    expect((await send(method, path, { name: "fivee" })).status).toBe(404);
  });

  it("refuses a prompt above the hard maximum in schema validation, before the configured limit", async () => {
    const hard = hardFieldLimits.maxPromptLength;
    const { send, resolved } = appWith({ maxPromptLength: 10, maxTitleLength: 5 });
    const over = await send("POST", "/s1/prompt", { text: "x".repeat(hard + 1) });
    expect(over.status).toBe(400);
    expect((await readJson(over)).errors).toEqual([
      { path: "body.text", message: `Too big: expected string to have <=${hard} characters` },
    ]);
    expect(resolved).toEqual([]);
  });

  it("refuses configured limits above the hard maximums when the app is built", () => {
    expect(() =>
      createSessionsApp(() => Promise.reject(new Error("unused")), {
        limits: { maxPromptLength: hardFieldLimits.maxPromptLength + 1 },
      }),
    ).toThrow(RangeError);
  });
});
