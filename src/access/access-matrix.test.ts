import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { installFauxProvider } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { type Role, roleAllows } from "../contract/roles.js";
import { createApp } from "../server/create-app.js";
import { describeApi } from "../server/generate-document.js";
import { createInMemoryServices, type InMemoryServices } from "../server/in-memory-services.js";

/**
 * Every operation of the document, called in-process with every kind of caller: no
 * token, a viewer, an operator, an admin API token, the bootstrap token and an operator
 * limited to project `alpha`. Each answer is held against the operation's declared
 * `x-required-role` and `x-project-data`, so a route that forgets its role, or a policy
 * that drifts from the document, fails here.
 */

const bootstrapToken = `bootstrap-${randomUUID()}`;
const sessionParams = { provider: "faux", modelId: "faux-1" };

type CallerName = "none" | "viewer" | "operator" | "admin" | "bootstrap" | "scoped";
const callerRoles: Record<Exclude<CallerName, "none">, Role> = {
  viewer: "viewer",
  operator: "operator",
  admin: "admin",
  bootstrap: "admin",
  scoped: "operator",
};

interface Operation {
  method: string;
  /** The documented path, e.g. `/v1/projects/{projectId}`. */
  path: string;
  role: Role | undefined;
  projectData: string | undefined;
  hasBody: boolean;
}

interface Call {
  caller: CallerName;
  operation: Operation;
  /** The project the path named, if any. */
  project: string | undefined;
  status: number;
  code: string | undefined;
}

const methods = ["get", "put", "post", "delete", "patch"];

function documentedOperations(): Operation[] {
  const paths = (describeApi().paths ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        role: operation["x-required-role"] as Role | undefined,
        projectData: operation["x-project-data"] as string | undefined,
        hasBody: operation.requestBody !== undefined,
      })),
  );
}

/** Whether the documented operation names a project in its path. */
const perProject = (operation: Operation) =>
  operation.path.includes("{projectId}") || operation.path.startsWith("/v1/projects/{id}");

describe("the access matrix over every documented operation", () => {
  let services: InMemoryServices;
  let app: ReturnType<typeof createApp>;
  let faux: ReturnType<typeof installFauxProvider>;
  const secrets: Record<string, string> = {};
  const tokenIds: Record<string, string> = {};
  const calls: Call[] = [];
  const operations = documentedOperations();

  const request = (caller: CallerName, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (caller === "bootstrap") headers.authorization = `Bearer ${bootstrapToken}`;
    else if (caller !== "none") headers.authorization = `Bearer ${secrets[caller]}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return Promise.resolve(app.request(path, init));
  };

  /** Reads a problem's code, or cancels a stream the call opened. */
  async function settle(response: Response): Promise<string | undefined> {
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      await response.body?.cancel();
      return undefined;
    }
    const text = await response.text();
    if (!response.headers.get("content-type")?.includes("json") || text === "") return undefined;
    return (JSON.parse(text) as { code?: string }).code;
  }

  async function ensureProjects() {
    for (const name of ["alpha", "beta"]) {
      if (services.registry.get(name)) continue;
      const created = await request("bootstrap", "POST", "/v1/projects", { name });
      expect(created.status, `create ${name}`).toBe(201);
    }
  }

  const pathFor = (operation: Operation, project: string) =>
    operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (name === "projectId" || name === "id") return project;
      if (name === "tokenId") return randomUUID();
      if (name === "sessionId") return "no-such-session";
      return `no-such-${name}`;
    });

  async function walk(caller: CallerName, project: string) {
    await ensureProjects();
    // Deleting the project goes last, so the other calls find it.
    const ordered = [...operations].sort(
      (a, b) =>
        Number(a.method === "DELETE" && a.path === "/v1/projects/{id}") -
        Number(b.method === "DELETE" && b.path === "/v1/projects/{id}"),
    );
    for (const operation of ordered) {
      const response = await request(
        caller,
        operation.method,
        pathFor(operation, project),
        operation.hasBody ? {} : undefined,
      );
      calls.push({
        caller,
        operation,
        project: perProject(operation) ? project : undefined,
        status: response.status,
        code: await settle(response),
      });
    }
  }

  const callsOf = (caller: CallerName) => calls.filter((call) => call.caller === caller);
  const describeCall = (call: Call) =>
    `${call.caller} ${call.operation.method} ${call.operation.path} (${call.project ?? "-"}) → ${call.status} ${call.code ?? ""}`;

  async function metricsByRole(): Promise<Record<string, number>> {
    const text = await (await request("bootstrap", "GET", "/metrics")).text();
    const counts: Record<string, number> = {};
    for (const [, role, value] of text.matchAll(
      /^pi_http_requests_by_role_total\{role="([^"]+)"\} (\d+)$/gm,
    )) {
      counts[role ?? ""] = Number(value);
    }
    return counts;
  }

  let metricsBefore: Record<string, number>;
  let metricsAfter: Record<string, number>;
  /** The id of the last audit record the matrix produced. */
  let lastMatrixRecord: number;

  beforeAll(async () => {
    services = await createInMemoryServices({ version: "test" });
    faux = installFauxProvider(services.credentials.org, { models: [{ id: "faux-1" }] });
    app = createApp(services, { apiToken: bootstrapToken });
    await ensureProjects();
    const wanted: [string, Record<string, unknown>][] = [
      ["viewer", { name: "dashboard", role: "viewer" }],
      ["operator", { name: "ci", role: "operator" }],
      ["admin", { name: "second-admin", role: "admin" }],
      ["scoped", { name: "alpha-ci", role: "operator", projects: ["alpha"] }],
    ];
    for (const [caller, body] of wanted) {
      const created = await request("bootstrap", "POST", "/v1/tokens", body);
      expect(created.status).toBe(201);
      const { token, secret } = await readJson(created);
      expect(created.headers.get("location")).toBe(`/v1/tokens/${token.id}`);
      secrets[caller] = secret;
      tokenIds[caller] = token.id;
    }
    metricsBefore = await metricsByRole();
    for (const caller of ["none", "viewer", "operator", "admin", "bootstrap"] as const) {
      await walk(caller, "alpha");
    }
    await walk("scoped", "alpha");
    await walk("scoped", "beta");
    metricsAfter = await metricsByRole();
    const newest = await request("bootstrap", "GET", "/v1/audit?limit=1");
    lastMatrixRecord = (await readJson(newest)).items[0].id;
  }, 120_000);

  afterAll(async () => {
    await services.stop();
    await services.close();
    faux.unregister();
  });

  it("covers every documented operation with every caller", () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const caller of ["none", "viewer", "operator", "admin", "bootstrap"] as const) {
      expect(callsOf(caller)).toHaveLength(operations.length);
    }
    expect(callsOf("scoped")).toHaveLength(2 * operations.length);
  });

  it("refuses every call without a token with 401, except the webhook's own security", () => {
    for (const call of callsOf("none")) {
      if (call.operation.role === undefined) {
        expect([401, 403], describeCall(call)).not.toContain(call.status);
      } else {
        expect([call.status, call.code], describeCall(call)).toEqual([401, "UNAUTHORIZED"]);
      }
    }
  });

  it("answers 403 FORBIDDEN exactly when the caller's role is below the declared one", () => {
    let refused = 0;
    for (const caller of ["viewer", "operator", "admin", "bootstrap"] as const) {
      for (const call of callsOf(caller)) {
        const needed = call.operation.role;
        if (needed !== undefined && !roleAllows(callerRoles[caller], needed)) {
          refused++;
          expect([call.status, call.code], describeCall(call)).toEqual([403, "FORBIDDEN"]);
        } else {
          expect([401, 403], describeCall(call)).not.toContain(call.status);
        }
      }
    }
    // Viewers are refused every operator and admin route, operators every admin route.
    const count = (role: Role) => operations.filter((o) => o.role === role).length;
    expect(refused).toBe(2 * count("admin") + count("operator"));
    expect(count("admin")).toBeGreaterThan(5);
    expect(count("operator")).toBeGreaterThan(10);
  });

  it("limits the scoped operator to alpha: beta is 404, org-wide routes are 403", () => {
    const seen = { notFound: 0, org: 0, allowed: 0 };
    for (const call of callsOf("scoped")) {
      const { role, projectData } = call.operation;
      const expectation = describeCall(call);
      if (role === undefined) {
        expect([401, 403], expectation).not.toContain(call.status);
      } else if (!roleAllows("operator", role)) {
        expect([call.status, call.code], expectation).toEqual([403, "FORBIDDEN"]);
      } else if (call.project === "beta") {
        seen.notFound++;
        expect([call.status, call.code], expectation).toEqual([404, "PROJECT_NOT_FOUND"]);
      } else if (call.project === "alpha" || projectData === "filtered" || projectData === "none") {
        seen.allowed++;
        expect([401, 403], expectation).not.toContain(call.status);
        if (call.project === "alpha") expect(call.code, expectation).not.toBe("PROJECT_NOT_FOUND");
      } else {
        seen.org++;
        expect([call.status, call.code], expectation).toEqual([403, "FORBIDDEN"]);
      }
    }
    expect(seen.notFound).toBeGreaterThan(20);
    expect(seen.org).toBeGreaterThanOrEqual(5);
    expect(seen.allowed).toBeGreaterThan(20);
  });

  it("lists only alpha to the scoped operator, and every project to the others", async () => {
    await ensureProjects();
    const names = async (caller: CallerName) => {
      const listed = await readJson(await request(caller, "GET", "/v1/projects"));
      return (listed.items as { id: string }[]).map((project) => project.id).sort();
    };
    expect(await names("scoped")).toEqual(["alpha"]);
    expect(await names("viewer")).toEqual(["alpha", "beta"]);
    expect(await names("bootstrap")).toEqual(["alpha", "beta"]);
  });

  it("tells each caller who it is", async () => {
    const whoami = async (caller: CallerName) => {
      const response = await request(caller, "GET", "/v1/whoami");
      return [response.status, await readJson(response)];
    };
    expect(await whoami("viewer")).toEqual([
      200,
      { kind: "token", tokenId: tokenIds.viewer, name: "dashboard", role: "viewer" },
    ]);
    expect(await whoami("operator")).toEqual([
      200,
      { kind: "token", tokenId: tokenIds.operator, name: "ci", role: "operator" },
    ]);
    expect(await whoami("admin")).toEqual([
      200,
      { kind: "token", tokenId: tokenIds.admin, name: "second-admin", role: "admin" },
    ]);
    expect(await whoami("scoped")).toEqual([
      200,
      {
        kind: "token",
        tokenId: tokenIds.scoped,
        name: "alpha-ci",
        role: "operator",
        projects: ["alpha"],
      },
    ]);
    expect(await whoami("bootstrap")).toEqual([
      200,
      { kind: "bootstrap", name: "AGENT_SERVER_TOKEN", role: "admin" },
    ]);
    expect(await whoami("none")).toEqual([401, expect.objectContaining({ code: "UNAUTHORIZED" })]);
  });

  it("audits every state-changing or refused call, with its token and never a secret", async () => {
    // Viewer routes change nothing (stream tickets are POSTs): recorded only when refused.
    const audited = (call: Call) =>
      (call.operation.method !== "GET" && call.operation.role !== "viewer") ||
      call.status === 401 ||
      call.status === 403;
    const page = async (query: string) => {
      const response = await request("bootstrap", "GET", `/v1/audit?limit=1000&${query}`);
      expect(response.status).toBe(200);
      return (await readJson(response)).items as Json[];
    };
    const key = (route: string, method: string, status: number) => `${method} ${route} ${status}`;
    for (const caller of ["viewer", "operator", "admin", "scoped"] as const) {
      const items = await page(`tokenId=${tokenIds[caller]}`);
      const expected = callsOf(caller)
        .filter(audited)
        // The webhook never sees the caller's token.
        .filter((call) => call.operation.role !== undefined)
        .map((call) => key(call.operation.path, call.operation.method, call.status));
      expect(items.map((item) => key(item.route, item.method, item.status)).sort(), caller).toEqual(
        expected.sort(),
      );
      for (const item of items) {
        expect(item).toMatchObject({ tokenId: tokenIds[caller], role: callerRoles[caller] });
      }
      expect(items.map((item) => item.id)).toEqual(
        [...items.map((item) => item.id)].sort((a, b) => b - a),
      );
    }

    // The scoped token's state-changing calls on beta (all 404) are found by project; filters combine.
    const beta = await page("projectId=beta");
    const betaCalls = calls.filter((call) => call.project === "beta" && audited(call));
    expect(beta).toHaveLength(betaCalls.length);
    for (const item of beta) {
      expect(item.target.projectId ?? item.target.id).toBe("beta");
    }
    const approvals = await page(
      `action=${encodeURIComponent("POST /v1/projects/{projectId}/tasks/{taskId}/approve")}&tokenId=${tokenIds.viewer}`,
    );
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      status: 403,
      target: { projectId: "alpha", taskId: "no-such-taskId" },
    });

    // Calls without a token are audited as unauthenticated.
    const refused = (await page(`before=${lastMatrixRecord + 1}`)).filter(
      (item) => item.tokenName === "unauthenticated",
    );
    expect(refused.length).toBe(callsOf("none").filter((call) => call.status === 401).length);
    expect(refused.every((item) => item.status === 401 && item.tokenId === undefined)).toBe(true);

    // Paging walks the same records.
    const all = await page(`tokenId=${tokenIds.viewer}`);
    const paged: number[] = [];
    let before = "";
    for (;;) {
      const response = await readJson(
        await request("bootstrap", "GET", `/v1/audit?limit=7&tokenId=${tokenIds.viewer}${before}`),
      );
      paged.push(...(response.items as Json[]).map((item) => item.id));
      if (response.next === undefined) break;
      before = `&before=${response.next}`;
    }
    expect(paged).toEqual(all.map((item) => item.id));

    const dir = services.registry.layout.auditDir;
    const texts = await Promise.all(
      (await readdir(dir)).map((name) => readFile(join(dir, name), "utf8")),
    );
    expect(texts.join("").length).toBeGreaterThan(0);
    for (const secret of [bootstrapToken, ...Object.values(secrets)]) {
      expect(texts.join("")).not.toContain(secret);
      expect(texts.join("")).not.toContain(secret.slice(4, 24));
    }
  });

  it("counts the matrix's requests by role in /metrics", async () => {
    const after = metricsAfter;
    // The first /metrics request counts as admin (a request counts once answered).
    const expected: Record<string, number> = { none: 0, viewer: 0, operator: 0, admin: 1 };
    for (const call of calls) {
      // The webhook authenticates by its own secret: its caller has no role.
      const label =
        call.caller === "none" || call.operation.role === undefined
          ? "none"
          : callerRoles[call.caller];
      expected[label] = (expected[label] ?? 0) + 1;
    }
    // Projects recreated by the bootstrap token between walks count as admin requests.
    const recreated = calls.filter(
      (call) =>
        call.operation.method === "DELETE" &&
        call.operation.path === "/v1/projects/{id}" &&
        call.status === 204,
    ).length;
    expected.admin = (expected.admin ?? 0) + recreated;
    const delta: Record<string, number> = {};
    for (const role of Object.keys(expected)) {
      delta[role] = (after[role] ?? 0) - (metricsBefore[role] ?? 0);
    }
    expect(delta).toEqual(expected);
    expect(Object.keys(after).sort()).toEqual(["admin", "none", "operator", "viewer"]);
  });
});

describe("tokens, tickets and auth off, in-process", () => {
  let services: InMemoryServices;
  let app: ReturnType<typeof createApp>;
  let faux: ReturnType<typeof installFauxProvider>;

  const call = (secret: string | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (secret !== undefined) headers.authorization = `Bearer ${secret}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    return Promise.resolve(app.request(path, init));
  };
  const create = async (body: Record<string, unknown>) => {
    const response = await call(bootstrapToken, "POST", "/v1/tokens", body);
    expect(response.status, JSON.stringify(body)).toBe(201);
    return (await readJson(response)) as { token: Json; secret: string };
  };

  beforeAll(async () => {
    services = await createInMemoryServices({ version: "test" });
    faux = installFauxProvider(services.credentials.org, { models: [{ id: "faux-1" }] });
    app = createApp(services, { apiToken: bootstrapToken });
    const project = await call(bootstrapToken, "POST", "/v1/projects", { name: "alpha" });
    expect(project.status).toBe(201);
  });

  afterAll(async () => {
    await services.stop();
    await services.close();
    faux.unregister();
  });

  it("refuses malformed token requests with problem+json", async () => {
    const invalid: [unknown, string][] = [
      [{}, "name"],
      [{ name: "", role: "viewer" }, "name"],
      [{ name: "x", role: "root" }, "role"],
      [{ name: "x", role: "viewer", projects: [] }, "projects"],
      [{ name: "x", role: "viewer", projects: ["Not A Project!"] }, "projects"],
      [{ name: "x", role: "viewer", secret: "mine" }, ""],
      [{ name: "x", role: "viewer", expiresAt: "tomorrow" }, "expiresAt"],
      [{ name: "x", role: "viewer", expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
    ];
    for (const [body, field] of invalid) {
      const response = await call(bootstrapToken, "POST", "/v1/tokens", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = await readJson(response);
      expect(problem.code, JSON.stringify(body)).toMatch(/^(VALIDATION_FAILED|MALFORMED_REQUEST)$/);
      if (field) expect(JSON.stringify(problem), JSON.stringify(body)).toContain(field);
    }
    const notJson = await call(bootstrapToken, "POST", "/v1/tokens", "{not json");
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toContain("application/problem+json");
    // Nothing was created by any of them.
    expect(await services.tokens.list()).toEqual([]);
  });

  it("lists tokens without secrets, deletes them, and 404s an unknown id", async () => {
    const { token, secret } = await create({ name: "to-delete", role: "viewer" });
    const listed = await call(bootstrapToken, "GET", "/v1/tokens");
    const text = await listed.text();
    expect(JSON.parse(text).items).toContainEqual(
      expect.objectContaining({ id: token.id, name: "to-delete", createdBy: "AGENT_SERVER_TOKEN" }),
    );
    expect(text).not.toContain(secret);
    expect(text).not.toContain("hash");
    expect(JSON.parse(text).items.find((t: Json) => t.id === token.id).lastUsedAt).toBeUndefined();
    const before = Date.now();
    expect((await call(secret, "GET", "/v1/whoami")).status).toBe(200);
    const used = (await readJson(await call(bootstrapToken, "GET", "/v1/tokens"))).items.find(
      (t: Json) => t.id === token.id,
    );
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThanOrEqual(before - 1);
    expect((await call(bootstrapToken, "DELETE", `/v1/tokens/${token.id}`)).status).toBe(204);
    // Deleted: refused at once, and a second delete finds nothing.
    const refused = await call(secret, "GET", "/v1/whoami");
    expect(refused.status).toBe(401);
    const again = await call(bootstrapToken, "DELETE", `/v1/tokens/${token.id}`);
    expect(again.status).toBe(404);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect((await readJson(again)).code).toBe("TOKEN_NOT_FOUND");
    const unknown = await call(bootstrapToken, "DELETE", `/v1/tokens/${randomUUID()}`);
    expect([unknown.status, (await readJson(unknown)).code]).toEqual([404, "TOKEN_NOT_FOUND"]);
    const malformed = await call(bootstrapToken, "DELETE", "/v1/tokens/not-a-uuid");
    expect(malformed.status).toBe(400);
  });

  it("records which token created a token, and lets an API admin manage tokens", async () => {
    const admin = await create({ name: "ops-admin", role: "admin" });
    const response = await call(admin.secret, "POST", "/v1/tokens", {
      name: "made",
      role: "viewer",
    });
    expect(response.status).toBe(201);
    const made = await readJson(response);
    expect(made.token.createdBy).toBe("ops-admin");
    const operator = await create({ name: "op", role: "operator" });
    const denied = await call(operator.secret, "POST", "/v1/tokens", { name: "x", role: "admin" });
    expect([denied.status, (await readJson(denied)).code]).toEqual([403, "FORBIDDEN"]);
    expect((await services.tokens.list()).some((token) => token.name === "x")).toBe(false);
  });

  it("refuses an expired token at once", async () => {
    const expiresAt = new Date(Date.now() + 3_000).toISOString();
    const { secret } = await create({ name: "short", role: "viewer", expiresAt });
    expect((await call(secret, "GET", "/v1/whoami")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 20));
    const refused = await call(secret, "GET", "/v1/whoami");
    expect([refused.status, (await readJson(refused)).code]).toEqual([401, "UNAUTHORIZED"]);
  });

  it("opens a viewer's stream with its ticket, but the viewer still cannot prompt", async () => {
    const created = await call(
      bootstrapToken,
      "POST",
      "/v1/projects/alpha/sessions",
      sessionParams,
    );
    expect(created.status).toBe(201);
    const sessionId = (await readJson(created)).id as string;
    const session = `/v1/projects/alpha/sessions/${sessionId}`;
    const viewer = await create({ name: "watcher", role: "viewer" });

    const issued = await call(viewer.secret, "POST", `${session}/events/tickets`);
    expect(issued.status).toBe(201);
    const { url, ticket } = await readJson(issued);
    expect(url).toBe(`${session}/events?ticket=${ticket}`);
    const stream = await call(undefined, "GET", url);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.body?.cancel();

    const prompt = await call(viewer.secret, "POST", `${session}/prompt`, { message: "hi" });
    expect([prompt.status, (await readJson(prompt)).code]).toEqual([403, "FORBIDDEN"]);
    // The ticket opens its one stream and nothing else, not even with the viewer's role.
    const elsewhere = await call(undefined, "GET", `/v1/projects/alpha/sessions?ticket=${ticket}`);
    expect(elsewhere.status).toBe(401);
    const posted = await app.request(`${session}/prompt?ticket=${ticket}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "hi" }),
    });
    expect(posted.status).toBe(401);

    // Once the viewer's token is deleted, its ticket no longer reopens the stream.
    expect((await call(bootstrapToken, "DELETE", `/v1/tokens/${viewer.token.id}`)).status).toBe(
      204,
    );
    const reconnect = await call(undefined, "GET", url);
    expect([reconnect.status, (await readJson(reconnect)).code]).toEqual([401, "UNAUTHORIZED"]);
  });

  it("issues a scoped token's tickets only for its projects", async () => {
    const scoped = await create({ name: "alpha-only", role: "viewer", projects: ["alpha"] });
    const other = await call(scoped.secret, "POST", "/v1/projects/beta/sessions/s/events/tickets");
    expect([other.status, (await readJson(other)).code]).toEqual([404, "PROJECT_NOT_FOUND"]);
    const tasks = await call(scoped.secret, "POST", "/v1/tasks/events/tickets");
    expect([tasks.status, (await readJson(tasks)).code]).toEqual([403, "FORBIDDEN"]);
  });

  it("with auth off, every caller is the open admin", async () => {
    const openServices = await createInMemoryServices({ version: "test" });
    const open = createApp(openServices);
    onTestFinished(async () => {
      await openServices.stop();
      await openServices.close();
    });
    const whoami = await open.request("/v1/whoami");
    expect(await readJson(whoami)).toEqual({ kind: "open", name: "anonymous", role: "admin" });
    const tokens = await open.request("/v1/tokens");
    expect(tokens.status).toBe(200);
    // A token's secret is not needed and not checked: a wrong one is the open admin too.
    const wrong = await open.request("/v1/whoami", { headers: { authorization: "Bearer nope" } });
    expect((await readJson(wrong)).kind).toBe("open");
    // Changes are audited as the open caller, and counted as admin requests.
    const created = await open.request("/v1/projects", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "opened" }),
    });
    expect(created.status).toBe(201);
    const audit = await readJson(await open.request("/v1/audit?limit=1"));
    expect(audit.items[0]).toMatchObject({
      tokenName: "anonymous",
      role: "admin",
      method: "POST",
      route: "/v1/projects",
      status: 201,
    });
    expect(audit.items[0].tokenId).toBeUndefined();
    const metrics = await (await open.request("/metrics")).text();
    expect(metrics).toMatch(/^pi_http_requests_by_role_total\{role="admin"\} [1-9]/m);
    expect(metrics).not.toMatch(/^pi_http_requests_by_role_total\{role="none"\}/m);
  });
});
