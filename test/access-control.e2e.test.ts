import { randomUUID } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  callOperation,
  concretePath,
  declaredOperations,
  expectedVerdict,
  type MatrixCaller,
  type MatrixRole,
  type Verdict,
} from "#test-support/access-matrix.js";
import { type ApiCall, apiClient } from "#test-support/api-client.js";
import { type Json, readJson } from "#test-support/json.js";
import { parsePrometheusText, sampleValue } from "#test-support/prometheus-text.js";
import { expectNoSecrets } from "#test-support/secret-scan.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { openSse } from "#test-support/sse-client.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const bootstrapToken = "access-e2e-bootstrap-token-0123456789abcdef";
const webhookSecret = "access-e2e-webhook-secret-0123456789abcdef";
const providerKey = "sk-access-e2e-provider-key-0123456789abcdef";

interface IssuedToken extends MatrixCaller {
  id: string;
  name: string;
}

const roleCycle: MatrixRole[] = ["viewer", "operator", "admin"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("access control on a real listening server", () => {
  const tempDir = useTempDirs();
  const { boot, stop } = useSessionServers();

  const serverEnv = {
    AGENT_SERVER_TOKEN: bootstrapToken,
    WEBHOOK_SECRET: webhookSecret,
  };

  /** Boots a server on `workspace` with the bootstrap token; `admin` calls as it. */
  async function bootAuthed(workspace: string): Promise<{ booted: BootedServer; admin: ApiCall }> {
    const booted = await boot(workspace, { env: serverEnv });
    return { booted, admin: apiClient(booted.server.url, bootstrapToken) };
  }

  async function createProject(admin: ApiCall, name: string): Promise<string> {
    const response = await admin("/projects", { method: "POST", body: { name } });
    expect(response.status).toBe(201);
    return (await readJson(response)).id as string;
  }

  async function issueToken(
    admin: ApiCall,
    label: string,
    fields: { role: MatrixRole; projects?: string[]; expiresAt?: string },
  ): Promise<IssuedToken> {
    const name = `${label}-token`;
    const response = await admin("/tokens", { method: "POST", body: { name, ...fields } });
    expect(response.status).toBe(201);
    const created = await readJson(response);
    expect(created.secret).toMatch(/^pas_/);
    expect(created.token).toMatchObject({
      name,
      role: fields.role,
      createdBy: "AGENT_SERVER_TOKEN",
    });
    expect(response.headers.get("location")).toBe(`/v1/tokens/${created.token.id}`);
    return {
      label,
      id: created.token.id,
      name,
      secret: created.secret,
      role: fields.role,
      ...(fields.projects ? { projects: fields.projects } : {}),
    };
  }

  /** The viewer, operator, project-scoped operator and admin tokens the acceptance names. */
  async function issueRoleTokens(admin: ApiCall, scopedTo: string) {
    return {
      viewer: await issueToken(admin, "viewer", { role: "viewer" }),
      operator: await issueToken(admin, "operator", { role: "operator" }),
      scoped: await issueToken(admin, "scoped", { role: "operator", projects: [scopedTo] }),
      tokenAdmin: await issueToken(admin, "admin", { role: "admin" }),
    };
  }

  async function whoami(url: string, secret: string): Promise<{ status: number; body: Json }> {
    const response = await apiClient(url, secret)("/whoami");
    return { status: response.status, body: await readJson(response) };
  }

  it("allows each token exactly the operations its role and scope declare, over every operation of /openapi.json", async () => {
    const { booted, admin } = await bootAuthed(await tempDir());
    const url = booted.server.url;
    const alpha = await createProject(admin, "Alpha");
    const beta = await createProject(admin, "Beta");
    const tokens = await issueRoleTokens(admin, alpha);
    const callers: MatrixCaller[] = [
      { label: "bootstrap", secret: bootstrapToken, role: "admin" },
      tokens.viewer,
      tokens.operator,
      tokens.scoped,
      tokens.tokenAdmin,
      await issueToken(admin, "scoped-admin", { role: "admin", projects: [alpha] }),
    ];

    for (const caller of callers) {
      const me = await whoami(url, caller.secret);
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(caller.role);
      expect(me.body.projects).toEqual(caller.projects);
    }

    const operations = await declaredOperations(url);
    expect(operations.length).toBeGreaterThan(50);
    for (const operation of operations) {
      expect(
        operation.ownSecurity || operation.requiredRole !== undefined,
        `${operation.method} ${operation.path} declares no x-required-role`,
      ).toBe(true);
    }

    // Ids the paths name: the two projects are real; every deeper id is made up, so an
    // allowed call reaches its handler (and answers 400/404 there) without changing state.
    const ids = (projectId: string) => ({
      id: projectId,
      projectId,
      sessionId: "no-such-session",
      taskId: "no-such-task",
      requestId: "no-such-request",
      provider: "no-such-provider",
      flowId: "no-such-flow",
      tokenId: randomUUID(),
    });

    const mismatches: string[] = [];
    let checked = 0;
    const seen = new Map<MatrixCaller, Set<Verdict>>();
    const audited = new Map<MatrixCaller, number>();
    for (const caller of callers) {
      const verdicts = new Set<Verdict>();
      seen.set(caller, verdicts);
      for (const operation of operations) {
        const targets = operation.projectParam
          ? caller.projects
            ? [alpha, beta]
            : [alpha]
          : [undefined];
        for (const projectId of targets) {
          const path = concretePath(operation, ids(projectId ?? alpha));
          const got = await callOperation(`${url}${path}`, operation, caller.secret);
          const expected = expectedVerdict(caller, operation, projectId);
          checked++;
          verdicts.add(got.verdict);
          // The audit log takes every state-changing and every refused request; viewer
          // routes change nothing (stream tickets are POSTs).
          const changes = operation.method !== "GET" && operation.requiredRole !== "viewer";
          if (!operation.ownSecurity && (changes || got.status === 401 || got.status === 403)) {
            audited.set(caller, (audited.get(caller) ?? 0) + 1);
          }
          if (got.verdict !== expected) {
            mismatches.push(
              `${caller.label} ${operation.method} ${path}: expected ${expected}, got ${got.status} ${got.code ?? ""}`,
            );
          }
          // An allowed project deletion really deletes: put the project back for the rest.
          if ((await admin(`/projects/${alpha}`)).status === 404) {
            expect(await createProject(admin, "Alpha")).toBe(alpha);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(5 * operations.length);
    // The matrix is not vacuous: every token was both allowed and refused something, and the
    // scoped token had other projects hidden.
    for (const caller of [tokens.viewer, tokens.operator, tokens.scoped]) {
      expect([...(seen.get(caller) ?? [])]).toEqual(
        expect.arrayContaining(["allowed", "forbidden"]),
      );
    }
    expect(seen.get(tokens.scoped)?.has("hidden")).toBe(true);

    // Each API token's calls are in the audit log under its id, one record per audited call.
    for (const caller of callers) {
      if (!("id" in caller)) continue;
      const records = (
        await readJson(await admin(`/audit?limit=1000&tokenId=${(caller as IssuedToken).id}`))
      ).items as Json[];
      expect(records.length, caller.label).toBe(audited.get(caller) ?? 0);
      for (const record of records) {
        expect(record).toMatchObject({ tokenName: `${caller.label}-token`, role: caller.role });
      }
    }

    // The filtered list shows the scoped token only its own projects.
    const scopedList = await readJson(await apiClient(url, tokens.scoped.secret)("/projects"));
    expect(scopedList.items.map((project: Json) => project.id)).toEqual([alpha]);
    expect(scopedList.total).toBe(1);
    const fullList = await readJson(await apiClient(url, tokens.viewer.secret)("/projects"));
    expect(fullList.items.map((project: Json) => project.id).sort()).toEqual([alpha, beta].sort());

    // The task webhook takes only its own secret.
    const task = await fetch(`${url}/v1/projects/${alpha}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "t", prompt: "p" }),
    });
    expect(task.status).toBe(201);

    // Per-role request counts: every role that called is counted.
    const metrics = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${bootstrapToken}` },
    });
    expect(metrics.status).toBe(200);
    const families = parsePrometheusText(await metrics.text());
    for (const role of ["viewer", "operator", "admin", "none"]) {
      expect(
        sampleValue(families, "pi_http_requests_by_role_total", { role }),
        `requests by ${role}`,
      ).toBeGreaterThan(role === "none" ? 0 : operations.length);
    }
  }, 120_000);

  it("refuses a deleted token at once, an expired token once it expires, and their tickets' reconnects", async () => {
    const { booted, admin } = await bootAuthed(await tempDir());
    const url = booted.server.url;
    const alpha = await createProject(admin, "Alpha");
    const session = await admin(`/projects/${alpha}/sessions`, {
      method: "POST",
      body: { provider: "faux", modelId: booted.faux.getModel().id },
    });
    expect(session.status).toBe(201);
    const sessionId = (await readJson(session)).id as string;

    const ticketFor = async (secret: string) => {
      const response = await apiClient(url, secret)(
        `/projects/${alpha}/sessions/${sessionId}/events/tickets`,
        { method: "POST" },
      );
      expect(response.status).toBe(201);
      return `${url}${(await readJson(response)).url}`;
    };
    /** Opens the stream, waits for its first bytes and drops the connection. */
    const openAndDrop = async (streamUrl: string) => {
      const stream = await openSse(streamUrl, { lastEventId: 0 });
      await stream.waitFor(() => stream.raw().length > 0);
      stream.close();
      await stream.closed;
    };

    // The short-lived token works, and its ticket opens and reopens the stream, before it
    // expires.
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    const brief = await issueToken(admin, "brief", { role: "viewer", expiresAt });
    expect((await whoami(url, brief.secret)).status).toBe(200);
    const briefStream = await ticketFor(brief.secret);
    await openAndDrop(briefStream);
    await openAndDrop(briefStream);

    const doomed = await issueToken(admin, "doomed", { role: "viewer" });
    const doomedStream = await ticketFor(doomed.secret);
    await openAndDrop(doomedStream);
    await openAndDrop(doomedStream);
    const open = await openSse(doomedStream, { lastEventId: 0 });
    await open.waitFor(() => open.raw().length > 0);

    expect((await whoami(url, doomed.secret)).status).toBe(200);
    expect((await admin(`/tokens/${doomed.id}`, { method: "DELETE" })).status).toBe(204);
    const refused = await whoami(url, doomed.secret);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("UNAUTHORIZED");
    expect((await apiClient(url, doomed.secret)("/projects")).status).toBe(401);
    // The stream open before the deletion drops; its next reconnect is refused.
    open.close();
    await open.closed;
    const reconnect = await fetch(doomedStream, {
      headers: { accept: "text/event-stream", "last-event-id": "0" },
    });
    expect(reconnect.status).toBe(401);
    expect((await readJson(reconnect)).code).toBe("UNAUTHORIZED");
    expect((await admin(`/tokens/${doomed.id}`, { method: "DELETE" })).status).toBe(404);

    // The short-lived token is refused from its expiry on, and so are its ticket's reconnects.
    await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 50);
    expect((await whoami(url, brief.secret)).status).toBe(401);
    expect((await fetch(briefStream, { headers: { "last-event-id": "0" } })).status).toBe(401);
    // It is still listed (with its expiry) until an admin deletes it.
    const listed = await readJson(await admin("/tokens"));
    expect(listed.items.find((token: Json) => token.id === brief.id)?.expiresAt).toBe(expiresAt);
    expect(listed.items.some((token: Json) => token.id === doomed.id)).toBe(false);

    // An expiry in the past is refused.
    const stale = await admin("/tokens", {
      method: "POST",
      body: { name: "stale", role: "viewer", expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(stale.status).toBe(400);
  }, 60_000);

  it("audits each action with its token, role, route and targets, filters by token and project, and stores nothing secret", async () => {
    const workspace = await tempDir();
    const { booted, admin } = await bootAuthed(workspace);
    const url = booted.server.url;
    const started = new Date().toISOString();
    const alpha = await createProject(admin, "Alpha");
    const beta = await createProject(admin, "Beta");
    const tokens = await issueRoleTokens(admin, alpha);
    const as = (token: IssuedToken) => apiClient(url, token.secret);
    const model = { provider: "faux", modelId: booted.faux.getModel().id };

    // Operator: creates a session in beta and renames it.
    const created = await as(tokens.operator)(`/projects/${beta}/sessions`, {
      method: "POST",
      body: model,
    });
    expect(created.status).toBe(201);
    const betaSession = (await readJson(created)).id as string;
    const renamed = await as(tokens.operator)(`/projects/${beta}/sessions/${betaSession}`, {
      method: "PATCH",
      body: { name: "renamed" },
    });
    expect(renamed.status).toBe(200);
    // Scoped operator: creates and deletes a session in alpha; is hidden beta.
    const scopedCreated = await as(tokens.scoped)(`/projects/${alpha}/sessions`, {
      method: "POST",
      body: model,
    });
    expect(scopedCreated.status).toBe(201);
    const alphaSession = (await readJson(scopedCreated)).id as string;
    const scopedDelete = await as(tokens.scoped)(`/projects/${alpha}/sessions/${alphaSession}`, {
      method: "DELETE",
    });
    expect(scopedDelete.status).toBe(204);
    expect(
      (await as(tokens.scoped)(`/projects/${beta}/sessions`, { method: "POST", body: model }))
        .status,
    ).toBe(404);
    // Viewer: reads (not audited) and tries to delete beta (403, audited).
    expect((await as(tokens.viewer)(`/projects/${beta}/sessions`)).status).toBe(200);
    expect((await as(tokens.viewer)(`/projects/${beta}`, { method: "DELETE" })).status).toBe(403);
    // Admin token: sets a provider key.
    const providers = await readJson(await as(tokens.tokenAdmin)("/auth/providers"));
    const provider = providers.items[0].provider as string;
    const keySet = await as(tokens.tokenAdmin)(`/auth/providers/${provider}/api-key`, {
      method: "PUT",
      body: { apiKey: providerKey },
    });
    expect(keySet.status).toBe(200);
    // A made-up secret and no secret at all: refused and audited as unauthenticated.
    const forged = `pas_${"x".repeat(43)}`;
    expect((await apiClient(url, forged)("/projects")).status).toBe(401);
    expect((await fetch(`${url}/v1/projects/${alpha}`, { method: "DELETE" })).status).toBe(401);
    // The webhook.
    const task = await fetch(`${url}/v1/projects/${alpha}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "audited", prompt: "p" }),
    });
    expect(task.status).toBe(201);
    const taskId = (await readJson(task)).id as string;

    const audit = async (query: string) => {
      const response = await admin(`/audit?${query}`);
      expect(response.status).toBe(200);
      return (await readJson(response)).items as Json[];
    };
    const byOperator = await audit(`tokenId=${tokens.operator.id}`);
    expect(byOperator.map((r) => [r.method, r.route, r.target, r.status])).toEqual([
      [
        "PATCH",
        "/v1/projects/{projectId}/sessions/{sessionId}",
        { projectId: beta, sessionId: betaSession },
        200,
      ],
      // The created session's id comes from the answer's Location.
      [
        "POST",
        "/v1/projects/{projectId}/sessions",
        { projectId: beta, sessionId: betaSession },
        201,
      ],
    ]);
    for (const record of byOperator) {
      expect(record).toMatchObject({
        tokenId: tokens.operator.id,
        tokenName: tokens.operator.name,
        role: "operator",
      });
      expect(record.client).toMatch(/127\.0\.0\.1|::1/);
      expect(Date.parse(record.time)).toBeGreaterThanOrEqual(Date.parse(started));
    }

    const byScoped = await audit(`tokenId=${tokens.scoped.id}`);
    expect(byScoped.map((r) => [r.method, r.route, r.target, r.status])).toEqual([
      ["POST", "/v1/projects/{projectId}/sessions", { projectId: beta }, 404],
      [
        "DELETE",
        "/v1/projects/{projectId}/sessions/{sessionId}",
        { projectId: alpha, sessionId: alphaSession },
        204,
      ],
      [
        "POST",
        "/v1/projects/{projectId}/sessions",
        { projectId: alpha, sessionId: alphaSession },
        201,
      ],
    ]);
    for (const record of byScoped) {
      expect(record).toMatchObject({ tokenName: "scoped-token", role: "operator" });
    }

    const byViewer = await audit(`tokenId=${tokens.viewer.id}`);
    expect(
      byViewer.map((r) => [r.tokenName, r.role, r.method, r.route, r.target, r.status]),
    ).toEqual([["viewer-token", "viewer", "DELETE", "/v1/projects/{id}", { id: beta }, 403]]);
    const byAdmin = await audit(`tokenId=${tokens.tokenAdmin.id}`);
    expect(
      byAdmin.map((r) => [r.tokenName, r.role, r.method, r.route, r.target, r.status]),
    ).toEqual([
      ["admin-token", "admin", "PUT", "/v1/auth/providers/{provider}/api-key", { provider }, 200],
    ]);

    // By project: every action aimed at beta, newest first, whoever made it.
    const onBeta = await audit(`projectId=${beta}`);
    expect(onBeta.map((r) => [r.tokenName, r.method, r.route, r.status])).toEqual([
      ["viewer-token", "DELETE", "/v1/projects/{id}", 403],
      ["scoped-token", "POST", "/v1/projects/{projectId}/sessions", 404],
      ["operator-token", "PATCH", "/v1/projects/{projectId}/sessions/{sessionId}", 200],
      ["operator-token", "POST", "/v1/projects/{projectId}/sessions", 201],
    ]);
    const onAlpha = await audit(`projectId=${alpha}`);
    expect(onAlpha.map((r) => [r.tokenName, r.method, r.route, r.status])).toEqual([
      ["webhook", "POST", "/v1/projects/{projectId}/tasks", 201],
      ["unauthenticated", "DELETE", "/v1/projects/{id}", 401],
      ["scoped-token", "DELETE", "/v1/projects/{projectId}/sessions/{sessionId}", 204],
      ["scoped-token", "POST", "/v1/projects/{projectId}/sessions", 201],
    ]);
    expect(onAlpha[0].target).toEqual({ projectId: alpha, taskId });
    expect(taskId).toBeTruthy();

    // Token creation is audited under the bootstrap name, by action.
    const creations = await audit(`action=${encodeURIComponent("POST /v1/tokens")}`);
    expect(creations).toHaveLength(4);
    for (const record of creations) {
      expect(record).toMatchObject({ tokenName: "AGENT_SERVER_TOKEN", role: "admin", status: 201 });
      expect(record.tokenId).toBeUndefined();
    }
    // The refused calls, including the forged secret's read.
    const refusals = (await audit("limit=1000")).filter((r) => r.status === 401);
    expect(refusals.map((r) => [r.tokenName, r.method, r.route])).toEqual([
      ["unauthenticated", "DELETE", "/v1/projects/{id}"],
      ["unauthenticated", "GET", "/v1/projects"],
    ]);
    for (const record of refusals) {
      expect(record.tokenId).toBeUndefined();
      expect(record.role).toBeUndefined();
    }
    // Paging: one record a page, newest first, with no gaps.
    const all = await audit("limit=1000");
    const paged: Json[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await readJson(
        await admin(`/audit?limit=3${before ? `&before=${before}` : ""}`),
      );
      paged.push(...page.items);
      if (page.next === undefined) break;
      before = page.next;
    }
    expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));

    // Nothing secret on disk: not in the audit log, not in the token list.
    await stop(booted);
    const globalDir = join(workspace, ".pi-global");
    const auditFiles = await readdir(join(globalDir, "audit"));
    expect(auditFiles.length).toBeGreaterThan(0);
    const texts: string[] = [];
    for (const name of auditFiles) {
      const file = join(globalDir, "audit", name);
      expect(name).toMatch(/^audit-\d{4}-\d{2}\.jsonl$/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      texts.push(await readFile(file, "utf8"));
    }
    const tokensFile = join(globalDir, "tokens.json");
    expect((await stat(tokensFile)).mode & 0o777).toBe(0o600);
    const tokensText = await readFile(tokensFile, "utf8");
    texts.push(tokensText);
    const secrets = [
      bootstrapToken,
      webhookSecret,
      providerKey,
      forged,
      ...Object.values(tokens).map((token) => token.secret),
    ];
    expectNoSecrets(texts, secrets);
    // The secrets' bodies without the prefix are not there either.
    expectNoSecrets(
      texts,
      Object.values(tokens).map((token) => token.secret.slice(4)),
    );
    // Every audit line is one whole JSON record.
    for (const text of texts.slice(0, -1)) {
      for (const line of text.trimEnd().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    }
  }, 60_000);

  it("keeps tokens, their roles, scopes and last use across a restart", async () => {
    const workspace = await tempDir();
    const first = await bootAuthed(workspace);
    const alpha = await createProject(first.admin, "Alpha");
    await createProject(first.admin, "Beta");
    const tokens = await issueRoleTokens(first.admin, alpha);
    const gone = await issueToken(first.admin, "gone", { role: "operator" });
    expect((await first.admin(`/tokens/${gone.id}`, { method: "DELETE" })).status).toBe(204);
    // Tokens created concurrently are all written.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        issueToken(first.admin, `burst-${i}`, { role: roleCycle[i % 3] ?? "viewer" }),
      ),
    );
    // Uses after the last write: their times reach the file only through the shutdown flush.
    for (const token of Object.values(tokens)) {
      expect((await whoami(first.booted.server.url, token.secret)).status).toBe(200);
    }
    // A second use within the minute is kept in memory and written on shutdown.
    await sleep(20);
    for (const token of Object.values(tokens)) {
      expect((await whoami(first.booted.server.url, token.secret)).status).toBe(200);
    }
    const before = (await readJson(await first.admin("/tokens"))).items as Json[];
    expect(before).toHaveLength(4 + burst.length);
    const auditBefore = (await readJson(await first.admin("/audit?limit=1"))).items[0];
    for (const token of Object.values(tokens)) {
      expect(before.find((listed) => listed.id === token.id)?.lastUsedAt).toBeDefined();
    }
    await stop(first.booted);
    const stored = JSON.parse(await readFile(join(workspace, ".pi-global", "tokens.json"), "utf8"))
      .tokens as Json[];
    for (const token of Object.values(tokens)) {
      expect(stored.find((kept) => kept.id === token.id)?.lastUsedAt).toBe(
        before.find((listed) => listed.id === token.id)?.lastUsedAt,
      );
    }

    const second = await bootAuthed(workspace);
    const url = second.booted.server.url;
    const after = (await readJson(await second.admin("/tokens"))).items as Json[];
    expect(after).toEqual(before);

    for (const token of Object.values(tokens)) {
      const me = await whoami(url, token.secret);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: "token", tokenId: token.id, role: token.role });
    }
    for (const token of burst) {
      expect((await whoami(url, token.secret)).body).toMatchObject({ role: token.role });
    }
    expect((await whoami(url, gone.secret)).status).toBe(401);
    const as = (token: IssuedToken) => apiClient(url, token.secret);
    // Roles still hold: the viewer reads but cannot write, the operator writes but cannot
    // manage tokens, the scoped operator sees only its project, the admin manages tokens.
    expect((await as(tokens.viewer)("/projects")).status).toBe(200);
    expect(
      (await as(tokens.viewer)("/projects", { method: "POST", body: { name: "V" } })).status,
    ).toBe(403);
    expect(
      (await as(tokens.operator)("/projects", { method: "POST", body: { name: "Op" } })).status,
    ).toBe(201);
    expect((await as(tokens.operator)("/tokens")).status).toBe(403);
    expect((await as(tokens.scoped)("/projects/beta")).status).toBe(404);
    expect((await as(tokens.scoped)(`/projects/${alpha}`)).status).toBe(200);
    expect((await as(tokens.tokenAdmin)("/tokens")).status).toBe(200);

    // The audit log goes on where it stopped: ids keep increasing across the restart, and
    // the records from before it are still read.
    const operatorRecords = (
      await readJson(await second.admin(`/audit?tokenId=${tokens.operator.id}`))
    ).items as Json[];
    expect(operatorRecords.map((r) => [r.method, r.route, r.status])).toEqual([
      ["GET", "/v1/tokens", 403],
      ["POST", "/v1/projects", 201],
    ]);
    for (const record of operatorRecords) expect(record.id).toBeGreaterThan(auditBefore.id);
    const creations = (
      await readJson(
        await second.admin(`/audit?limit=1000&action=${encodeURIComponent("POST /v1/tokens")}`),
      )
    ).items as Json[];
    expect(creations).toHaveLength(5 + burst.length);
  }, 60_000);
});
