import { afterEach, describe, expect, it } from "vitest";
import { restoreEnv } from "#test-support/env.js";
import { type FakeOpenAi, startFakeOpenAi } from "#test-support/fake-openai.js";
import { readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const environment = {
  gh_token: "lower-case-env-secret",
  Mixed_Case_Var: "mixed-case-env-secret",
  SERVER_SECRET: "upper-case-env-secret",
};
const envSecrets = Object.values(environment);

const provider = (baseUrl: string, apiKey: string, headers: Record<string, string> = {}) => ({
  provider: "literal-test",
  baseUrl,
  api: "openai-completions",
  apiKey,
  headers,
  authHeader: true,
  models: [{ id: "m1" }],
});

describe("stored credential values are literal (real server, real provider request)", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  const saved = { ...process.env };
  const fakes: FakeOpenAi[] = [];
  afterEach(async () => {
    restoreEnv(saved);
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  async function start() {
    Object.assign(process.env, environment);
    const fake = await startFakeOpenAi(["ok"]);
    fakes.push(fake);
    const booted = await boot(await tempDir(), { env: environment });
    return { booted, fake };
  }

  it("security: refuses keys and header values pi would resolve or run, in any case", async () => {
    const { booted, fake } = await start();
    const refused = [
      provider(fake.url, "gh_token"),
      provider(fake.url, "GH_TOKEN"),
      provider(fake.url, "mixed_case_var"),
      provider(fake.url, "HOME"),
      provider(fake.url, "!echo x"),
      provider(fake.url, "sk-literal", { "X-Leak": "gh_token" }),
      provider(fake.url, "sk-literal", { "X-Leak": "Server_Secret" }),
      provider(fake.url, "sk-literal", { "X-Run": "!cat /etc/passwd" }),
      provider(fake.url, "sk-literal", { "X-Home": "HOME" }),
    ];
    for (const body of refused) {
      const response = await booted.api("/custom/providers", { method: "PUT", body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(response)).code).toBe("VALIDATION_FAILED");
    }
    for (const apiKey of ["gh_token", "!echo x", "Mixed_Case_Var", "PATH"]) {
      const response = await booted.api("/auth/providers/anthropic/api-key", {
        method: "PUT",
        body: { apiKey },
      });
      expect(response.status, apiKey).toBe(400);
    }
    const listed = await readJson(await booted.api("/custom/providers"));
    expect(listed.items).toEqual([]);
  });

  it("happy: a literal key and header reach the provider exactly as stored", async () => {
    const { booted, fake } = await start();
    const stored = await booted.api("/custom/providers", {
      method: "PUT",
      body: provider(fake.url, "sk-literal-key-123", { "X-Team": "team-literal" }),
    });
    expect(stored.status).toBe(201);
    await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
    const created = await booted.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "literal-test", modelId: "m1" },
    });
    const { id } = await readJson(created);
    const prompt = await booted.api(`/projects/demo/sessions/${id}/prompt`, {
      method: "POST",
      body: { text: "hi" },
    });
    expect(prompt.status).toBe(202);
    await booted.waitUntilIdle(id);
    const request = fake.requests.find((candidate) => candidate.url.endsWith("/chat/completions"));
    expect(request?.headers.authorization).toBe("Bearer sk-literal-key-123");
    expect(request?.headers["x-team"]).toBe("team-literal");
    const sent = JSON.stringify(request?.headers);
    for (const secret of envSecrets) expect(sent).not.toContain(secret);
  });
});
