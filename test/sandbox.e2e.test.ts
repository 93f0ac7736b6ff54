import { once } from "node:events";
import { mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { restoreEnv } from "#test-support/env.js";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { git, initProjectRepo } from "#test-support/git.js";
import { readJson } from "#test-support/json.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { bootTaskServer, type TaskTestServer } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { loadConfig } from "../src/config/index.js";
import { silentLogger } from "../src/logging/logger.js";
import { startServer } from "../src/server/start-server.js";

const apiToken = "sandbox-e2e-api-token-0123456789abcdef";
const webhookSecret = "sandbox-e2e-webhook-secret-0123456789";
const providerKey = "sk-ant-env-provider-key-must-not-leak";
const liteLlmKey = "litellm-key-must-not-leak";
const storedKey = "sk-ant-stored-key-in-auth-json";
/** Every secret an agent must never see, whatever it runs. */
const secrets = [apiToken, webhookSecret, providerKey, liteLlmKey, storedKey];

type Call = [tool: string, args: Record<string, unknown>];

interface ToolResult {
  toolName: string;
  isError: boolean;
  text: string;
}

/** Scripts one turn per tool call, then a final answer. */
function script(booted: { faux: BootedServer["faux"] }, calls: Call[]): void {
  booted.faux.setResponses([
    ...calls.map(([tool, args]) =>
      fauxAssistantMessage([fauxToolCall(tool, args)], { stopReason: "toolUse" }),
    ),
    fauxAssistantMessage("Done."),
  ]);
}

async function toolResults(api: BootedServer["api"], project: string, sessionId: string) {
  const history = await readJson(await api(`/projects/${project}/sessions/${sessionId}`));
  return (history.messages as Array<Record<string, unknown>>)
    .filter((message) => message.role === "toolResult")
    .map(
      (message): ToolResult => ({
        toolName: message.toolName as string,
        isError: message.isError as boolean,
        text: (message.content as Array<{ text?: string }>).map((b) => b.text ?? "").join(""),
      }),
    );
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe("agent sandbox end to end (real server, bubblewrap, faux agent)", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  const saved = { ...process.env };
  beforeEach(() => {
    // In the server's own environment too, so an unscrubbed child would inherit them.
    Object.assign(process.env, {
      AGENT_SERVER_TOKEN: apiToken,
      WEBHOOK_SECRET: webhookSecret,
      ANTHROPIC_API_KEY: providerKey,
      LITELLM_API_KEY: liteLlmKey,
    });
  });
  afterEach(() => {
    restoreEnv(saved);
  });

  async function start(env: Record<string, string> = {}) {
    const workspace = await tempDir();
    const booted = await boot(workspace, {
      env: {
        AGENT_SERVER_TOKEN: apiToken,
        WEBHOOK_SECRET: webhookSecret,
        ANTHROPIC_API_KEY: providerKey,
        ...env,
      },
    });
    const stored = await booted.api("/auth/providers/anthropic/api-key", {
      method: "PUT",
      body: { apiKey: storedKey },
    });
    expect(stored.status).toBe(200);
    expect(await readFile(join(workspace, ".pi-global", "auth.json"), "utf8")).toContain(storedKey);
    await booted.api("/projects", { method: "POST", body: { name: "Other Project" } });
    const sessionId = await booted.newSession();
    const projectDir = join(workspace, "demo");
    const otherDir = join(workspace, "other-project");
    await writeFile(join(otherDir, "notes.txt"), "other project's private notes");
    return { booted, workspace, projectDir, otherDir, sessionId };
  }

  async function runScript(booted: BootedServer, sessionId: string, calls: Call[]) {
    script(booted, calls);
    const prompt = await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "go" },
    });
    expect(prompt.status).toBe(202);
    await booted.waitUntilIdle(sessionId);
    const results = await toolResults(booted.api, "demo", sessionId);
    expect(results).toHaveLength(calls.length);
    return results;
  }

  it("security: an agent gets no secret and no file outside its directory", async () => {
    const { booted, workspace, projectDir, otherDir, sessionId } = await start();
    await symlink(join(workspace, ".pi-global", "auth.json"), join(projectDir, "auth-link.json"));
    await symlink(otherDir, join(projectDir, "other-link"));
    const results = await runScript(booted, sessionId, [
      ["bash", { command: "env" }],
      ["bash", { command: "cat ../.pi-global/auth.json ../.pi-global/models.json" }],
      ["bash", { command: "ls -a .. /" }],
      ["bash", { command: "mkdir -p ../other-project && echo pwned > ../other-project/x" }],
      ["bash", { command: "cat auth-link.json; cat other-link/notes.txt; echo y > other-link/y" }],
      ["write", { path: "../other-project/x", content: "pwned" }],
      ["write", { path: "other-link/z", content: "pwned" }],
      ["write", { path: join(otherDir, "abs"), content: "pwned" }],
      ["read", { path: "auth-link.json" }],
      ["read", { path: join(workspace, ".pi-global", "auth.json") }],
      ["read", { path: "../other-project/notes.txt" }],
      ["edit", { path: "other-link/notes.txt", edits: [{ oldText: "other", newText: "mine" }] }],
    ]);
    const all = results.map((result) => result.text).join("\n");
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toContain("other project's private notes");

    const [env, cat, ls] = results;
    expect(env?.text).toMatch(/^PATH=/m);
    expect(env?.text).not.toMatch(/TOKEN|SECRET|API_KEY/);
    expect(cat?.text).toContain("No such file or directory");
    expect(ls?.text).not.toContain("other-project");
    expect(ls?.text).not.toContain(".pi-global");
    // The bash tool's writes outside failed inside the sandbox; the file tools refused.
    for (const result of results.slice(5)) {
      expect(result.isError, `${result.toolName}: ${result.text}`).toBe(true);
      expect(result.text).toMatch(/outside the working directory/);
    }
    for (const name of ["x", "y", "z", "abs"])
      expect(await exists(join(otherDir, name))).toBe(false);
    expect(await readFile(join(otherDir, "notes.txt"), "utf8")).toBe(
      "other project's private notes",
    );
  }, 30_000);

  it("security: the project's .pi/ (extensions run in the server) is read-only to its agent", async () => {
    const { booted, projectDir, sessionId } = await start();
    await mkdir(join(projectDir, ".pi"), { recursive: true });
    await writeFile(join(projectDir, ".pi", "AGENTS.md"), "Be brief.");
    const results = await runScript(booted, sessionId, [
      ["write", { path: ".pi/extensions/evil.ts", content: "export default () => {};" }],
      ["edit", { path: ".pi/AGENTS.md", edits: [{ oldText: "brief", newText: "evil" }] }],
      [
        "bash",
        { command: "mkdir -p .pi/extensions && echo x > .pi/extensions/evil.ts; echo rc=$?" },
      ],
      ["bash", { command: "mv .pi .pi-old; rm -rf .pi; ls -a .pi; cat .pi/AGENTS.md" }],
      ["read", { path: ".pi/AGENTS.md" }],
    ]);
    expect(results[0]?.isError).toBe(true);
    expect(results[0]?.text).toMatch(/read-only to agents/);
    expect(results[1]?.isError).toBe(true);
    expect(results[2]?.text).toMatch(/Read-only file system/);
    expect(results[3]?.text).toContain("Be brief.");
    expect(results[4]?.text).toContain("Be brief.");
    expect(await exists(join(projectDir, ".pi", "extensions", "evil.ts"))).toBe(false);
    expect(await exists(join(projectDir, ".pi-old"))).toBe(false);
    expect(await readFile(join(projectDir, ".pi", "AGENTS.md"), "utf8")).toBe("Be brief.");
  }, 30_000);

  it("happy: the same agent builds inside its own directory", async () => {
    const { booted, projectDir, sessionId } = await start();
    const results = await runScript(booted, sessionId, [
      ["write", { path: "src/calc.js", content: "console.log(6 * 7);\n" }],
      ["bash", { command: "node src/calc.js > out.txt && node -e \"console.log('node ok')\"" }],
      ["read", { path: "out.txt" }],
      ["edit", { path: "src/calc.js", edits: [{ oldText: "6 * 7", newText: "6 * 9" }] }],
      ["bash", { command: "ls src" }],
    ]);
    expect(results.map((result) => result.isError)).toEqual([false, false, false, false, false]);
    expect(results[1]?.text).toContain("node ok");
    expect(results[2]?.text).toContain("42");
    expect(results[4]?.text).toContain("calc.js");
    expect(await readFile(join(projectDir, "src", "calc.js"), "utf8")).toBe(
      "console.log(6 * 9);\n",
    );
  }, 30_000);

  it("happy: an org skill's files are readable and its script runs inside the sandbox", async () => {
    const { booted, workspace, projectDir } = await start();
    const skillDir = join(workspace, ".pi-global", "skills", "hello");
    await mkdir(join(skillDir, "scripts"), { recursive: true });
    await writeFile(
      join(skillDir, "SKILL.md"),
      "---\nname: hello\ndescription: Says hello into a file.\n---\nRun scripts/hello.sh.\n",
    );
    await writeFile(
      join(skillDir, "scripts", "hello.sh"),
      'echo "hello from the skill" > greeting.txt; cat ../.pi-global/auth.json 2>&1 | head -1\n',
    );
    const created = await booted.api("/projects/demo/sessions", {
      method: "POST",
      body: { provider: "faux", modelId: booted.faux.getModel().id },
    });
    const { id } = await readJson(created);
    const results = await runScript(booted, id, [
      ["read", { path: join(skillDir, "SKILL.md") }],
      ["bash", { command: `bash ${join(skillDir, "scripts", "hello.sh")}` }],
      ["write", { path: join(skillDir, "SKILL.md"), content: "tampered" }],
    ]);
    expect(results[0]?.text).toContain("Run scripts/hello.sh.");
    expect(results[1]?.text).toContain("No such file or directory");
    for (const secret of secrets) expect(results[1]?.text).not.toContain(secret);
    expect(results[2]?.isError).toBe(true);
    expect(await readFile(join(projectDir, "greeting.txt"), "utf8")).toBe("hello from the skill\n");
    expect(await readFile(join(skillDir, "SKILL.md"), "utf8")).toContain("Run scripts/hello.sh.");
  }, 30_000);

  it("with AGENT_SANDBOX=none, the agent's env holds no token, webhook secret or provider key", async () => {
    const { booted, sessionId } = await start({ AGENT_SANDBOX: "none" });
    const health = await readJson(await booted.api("/healthz"));
    expect(health.sandbox).toMatchObject({ mode: "none", warning: expect.any(String) });
    const [env] = await runScript(booted, sessionId, [["bash", { command: "env" }]]);
    expect(env?.isError).toBe(false);
    expect(env?.text).toMatch(/^PATH=/m);
    for (const secret of secrets) expect(env?.text).not.toContain(secret);
    expect(env?.text).not.toMatch(/AGENT_SERVER_TOKEN|WEBHOOK_SECRET|ANTHROPIC|LITELLM/);
  }, 30_000);

  it("refuses to start when bubblewrap cannot run, saying how to install it or opt out", async () => {
    // bwrap is looked up on the PATH tools get (the server's own).
    const starting = startServer(
      loadConfig({ WORKSPACE_DIR: await tempDir(), AGENT_SERVER_PORT: "0", PATH: "/nonexistent" }),
      silentLogger,
    );
    await expect(starting).rejects.toThrow(
      /apt-get install -y bubblewrap slirp4netns.*AGENT_SANDBOX=none/,
    );
  });

  it("security: an agent with network cannot call this server's API on loopback", async () => {
    const { booted, sessionId } = await start();
    const outside = createServer((_req, res) => res.end("outside")).listen(0, "0.0.0.0");
    await once(outside, "listening");
    try {
      const port = (outside.address() as AddressInfo).port;
      const lan = Object.values(networkInterfaces())
        .flat()
        .find((address) => address?.family === "IPv4" && !address.internal)?.address;
      const probe = (url: string) =>
        `node -e 'require("http").get("${url}",(r)=>console.log("status",r.statusCode)).on("error",(e)=>console.log("error",e.code))'`;
      const api = new URL(booted.server.url);
      const calls: Call[] = [
        ["bash", { command: probe(`http://127.0.0.1:${api.port}/v1/healthz`) }],
        ["bash", { command: probe(`http://localhost:${api.port}/v1/healthz`) }],
        ...(lan ? [["bash", { command: probe(`http://${lan}:${port}/`) }] as Call] : []),
      ];
      const [loopback, named, network] = await runScript(booted, sessionId, calls);
      expect(loopback?.text).toMatch(/^error /m);
      expect(named?.text).toMatch(/^error /m);
      // The network itself stays on: a host address that is not loopback answers.
      if (lan) expect(network?.text).toContain("status 200");
    } finally {
      outside.close();
    }
  }, 30_000);

  it("shares the server's network only with AGENT_SANDBOX_NETWORK=host, and says so", async () => {
    const { booted } = await start({ AGENT_SANDBOX_NETWORK: "host" });
    const health = await readJson(await booted.api("/healthz"));
    expect(health.sandbox).toMatchObject({ mode: "bwrap", network: true });
    expect(health.sandbox.warning).toMatch(/AGENT_SANDBOX_NETWORK=host/);
  }, 30_000);

  it("reports the sandbox in /v1/healthz", async () => {
    const { booted } = await start({ AGENT_SANDBOX_NETWORK: "off" });
    const health = await readJson(await booted.api("/healthz"));
    expect(health.sandbox).toEqual({ mode: "bwrap", network: false });
  }, 30_000);
});

describe("task agent sandbox end to end", () => {
  const tempDir = useTempDirs();
  const running: TaskTestServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(({ server }) => server.stop()));
  });

  it("confines a task agent to its worktree", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace, { TASK_WORKTREE_CLEANUP: "never" });
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    const projectDir = join(workspace, "demo");
    await initProjectRepo(projectDir);
    await writeFile(join(projectDir, "main-only.txt"), "untracked file in the main checkout");
    await mkdir(join(workspace, "neighbour"), { recursive: true });
    const calls: Call[] = [
      ["bash", { command: "git status --short; ls -a ..; cat ../../../demo/main-only.txt" }],
      ["bash", { command: "echo task > task.txt && git add task.txt && git status --short" }],
      ["write", { path: join(projectDir, "escaped.txt"), content: "pwned" }],
      ["read", { path: join(projectDir, "main-only.txt") }],
    ];
    t.faux.setResponses([
      ...calls.map(([tool, args]) =>
        fauxAssistantMessage([fauxToolCall(tool, args)], { stopReason: "toolUse" }),
      ),
      fauxAssistantMessage("Done."),
    ]);
    const { id } = await readJson(
      await t.submit("demo", { title: "Confined", prompt: "try to escape" }),
    );
    await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    const done = await t.waitForTask("demo", id, (task) =>
      ["completed", "failed"].includes(task.status as string),
    );
    expect(done.status).toBe("completed");
    const results = await toolResults(t.api as BootedServer["api"], "demo", done.sessionId);
    const [status, add, write, read] = results;
    expect(status?.text).not.toContain("untracked file in the main checkout");
    expect(status?.text).not.toContain("neighbour");
    expect(status?.text).not.toContain(".pi-global");
    expect(status?.text).not.toMatch(/fatal|not a git repository/);
    expect(add?.text).toContain("A  task.txt");
    expect(write?.isError).toBe(true);
    expect(read?.isError).toBe(true);
    expect(read?.text).not.toContain("untracked file in the main checkout");
    expect(await exists(join(projectDir, "escaped.txt"))).toBe(false);
    expect(git(projectDir, "show", `${done.commit}:task.txt`)).toBe("task");
  }, 60_000);

  it("refuses to run git on a repository an agent rigged to run commands on the host", async () => {
    const workspace = await tempDir();
    const t = await bootTaskServer(workspace);
    running.push(t);
    await t.api("/projects", { method: "POST", body: { name: "Demo" } });
    const projectDir = join(workspace, "demo");
    await initProjectRepo(projectDir);
    const marker = join(workspace, "host-was-reached");
    const rig = [
      "mv .git .git-old",
      "git init -q .",
      `git config filter.evil.clean 'touch ${marker}; cat'`,
      "echo '* filter=evil' > .gitattributes",
    ].join(" && ");
    t.faux.setResponses([
      fauxAssistantMessage([fauxToolCall("bash", { command: rig })], { stopReason: "toolUse" }),
      fauxAssistantMessage("Rigged."),
    ]);
    const session = await readJson(
      await t.api("/projects/demo/sessions", { method: "POST", body: {} }),
    );
    await t.api(`/projects/demo/sessions/${session.id}/prompt`, {
      method: "POST",
      body: { text: "rig it" },
    });
    for (let i = 0; i < 1200 && !(await exists(join(projectDir, ".gitattributes"))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await exists(join(projectDir, ".gitattributes"))).toBe(true);
    expect(git(projectDir, "config", "--get", "filter.evil.clean")).toContain(marker);

    const { id } = await readJson(await t.submit("demo", { title: "After", prompt: "noop" }));
    await t.api(`/projects/demo/tasks/${id}/approve`, { method: "POST" });
    const done = await t.waitForTask("demo", id, (task) =>
      ["completed", "failed"].includes(task.status as string),
    );
    expect(done.status).toBe("failed");
    expect(done.error).toContain("filter.evil.clean");
    expect(await exists(marker)).toBe(false);
  }, 60_000);
});
