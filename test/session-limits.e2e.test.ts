import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

describe("configured bounds on session input", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();

  it("enforces API_MAX_PROMPT_LENGTH and API_MAX_TITLE_LENGTH, changing nothing", async () => {
    const booted = await boot(await tempDir(), {
      env: { API_MAX_PROMPT_LENGTH: "10", API_MAX_TITLE_LENGTH: "5" },
    });
    const sessionId = await booted.newSession();
    const rejected = async (method: string, path: string, body: unknown, field: string) => {
      const response = await booted.api(path, { method, body });
      expect(response.status, path).toBe(400);
      const problem = await readJson(response);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
    };
    const one = `/projects/demo/sessions/${sessionId}`;
    await rejected("POST", `${one}/prompt`, { text: "x".repeat(11) }, "body.text");
    await rejected("POST", `${one}/steer`, { text: "x".repeat(11) }, "body.text");
    await rejected("POST", `${one}/follow-up`, { text: "x".repeat(11) }, "body.text");
    await rejected("PATCH", one, { name: "too long" }, "body.name");
    await rejected("POST", "/projects/demo/sessions", { name: "too long" }, "body.name");

    const detail = await readJson(await booted.api(one));
    expect(detail).toMatchObject({ status: "idle", messages: [] });
    expect((await readJson(await booted.api("/projects/demo/sessions"))).items).toHaveLength(1);
    const renamed = await booted.api(one, { method: "PATCH", body: { name: "short" } });
    expect(renamed.status).toBe(200);
  });
});
