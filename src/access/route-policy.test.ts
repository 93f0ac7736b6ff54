import type { RouteConfig } from "@hono/zod-openapi";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { requiredRoleKey, roles } from "../contract/roles.js";
import { describeApi } from "../server/generate-document.js";
import { routePolicy } from "../server/routers.js";
import { type Caller, setCaller } from "./caller.js";
import { enforceRoles, RoutePolicy, routeMatchOf } from "./route-policy.js";

const route = (fields: Record<string, unknown>) =>
  ({ responses: {}, ...fields }) as unknown as RouteConfig;

const policy = new RoutePolicy([
  {
    route: route({
      method: "get",
      path: "/projects",
      "x-required-role": "viewer",
      "x-project-data": "filtered",
    }),
    prefix: "/v1",
  },
  {
    route: route({ method: "post", path: "/projects", "x-required-role": "operator" }),
    prefix: "/v1",
  },
  {
    route: route({ method: "get", path: "/projects/{id}", "x-required-role": "viewer" }),
    prefix: "/v1",
  },
  {
    route: route({
      method: "get",
      path: "/projects/{projectId}/sessions/{sessionId}",
      "x-required-role": "viewer",
    }),
    prefix: "/v1",
  },
  {
    route: route({
      method: "post",
      path: "/projects/{projectId}/tasks",
      security: [{ webhook: [] }],
    }),
    prefix: "/v1",
  },
  { route: route({ method: "get", path: "/usage", "x-required-role": "viewer" }), prefix: "/v1" },
  {
    route: route({
      method: "get",
      path: "/healthz",
      "x-required-role": "viewer",
      "x-project-data": "none",
    }),
    prefix: "/v1",
  },
  {
    route: route({ method: "put", path: "/auth/providers/{provider}", "x-required-role": "admin" }),
    prefix: "/v1",
  },
  { route: route({ method: "get", path: "/metrics", "x-required-role": "viewer" }), prefix: "" },
  {
    route: route({ method: "get", path: "/files/a.b", "x-required-role": "viewer" }),
    prefix: "/v1",
  },
]);

describe("RoutePolicy.match", () => {
  it("matches method and path, with the path's parameters decoded", () => {
    const found = policy.match("GET", "/v1/projects/my%20app/sessions/s%2F1");
    expect(found?.route.path).toBe("/v1/projects/{projectId}/sessions/{sessionId}");
    expect(found?.params).toEqual({ projectId: "my app", sessionId: "s/1" });
    expect(policy.match("GET", "/v1/projects")?.route).toMatchObject({
      method: "GET",
      role: "viewer",
    });
    expect(policy.match("POST", "/v1/projects")?.route).toMatchObject({
      method: "POST",
      role: "operator",
    });
    expect(policy.match("GET", "/metrics")?.route.path).toBe("/metrics");
  });

  it("matches HEAD as GET and tolerates one trailing slash", () => {
    expect(policy.match("HEAD", "/v1/projects/alpha")?.route.path).toBe("/v1/projects/{id}");
    expect(policy.match("GET", "/v1/projects/")?.route.path).toBe("/v1/projects");
    expect(policy.match("GET", "/v1/projects/alpha/")?.params).toEqual({ id: "alpha" });
    expect(policy.match("GET", "/v1/projects//")).toBeUndefined();
  });

  it("matches nothing for unknown paths, methods, prefixes or extra segments", () => {
    expect(policy.match("GET", "/v1/nothing")).toBeUndefined();
    expect(policy.match("DELETE", "/v1/projects")).toBeUndefined();
    expect(policy.match("GET", "/projects")).toBeUndefined();
    expect(policy.match("GET", "/v2/projects")).toBeUndefined();
    expect(policy.match("GET", "/v1/projects/a/b")).toBeUndefined();
    expect(policy.match("GET", "/v1/projects/alpha/sessions/")).toBeUndefined();
    expect(policy.match("GET", "/v1/metrics")).toBeUndefined();
    // A dot in a declared path is literal, not a wildcard.
    expect(policy.match("GET", "/v1/files/a.b")).toBeDefined();
    expect(policy.match("GET", "/v1/files/axb")).toBeUndefined();
  });

  it("classifies what each route holds about projects", () => {
    const data = (method: string, path: string) => {
      const found = policy.match(method, path)?.route;
      return [found?.projectData, found?.projectParam];
    };
    expect(data("GET", "/v1/projects")).toEqual(["filtered", undefined]);
    expect(data("POST", "/v1/projects")).toEqual(["org", undefined]);
    expect(data("GET", "/v1/projects/alpha")).toEqual(["per-project", "id"]);
    expect(data("GET", "/v1/projects/alpha/sessions/s")).toEqual(["per-project", "projectId"]);
    expect(data("GET", "/v1/usage")).toEqual(["org", undefined]);
    expect(data("GET", "/v1/healthz")).toEqual(["none", undefined]);
    expect(data("PUT", "/v1/auth/providers/openai")).toEqual(["org", undefined]);
    const webhook = policy.match("POST", "/v1/projects/alpha/tasks")?.route;
    expect(webhook).toMatchObject({
      ownSecurity: true,
      role: undefined,
      projectData: "per-project",
    });
  });
});

describe("enforceRoles", () => {
  const callers: Record<string, Caller> = {
    viewer: { kind: "token", tokenId: "v", name: "v", role: "viewer" },
    operator: { kind: "token", tokenId: "o", name: "o", role: "operator" },
    admin: { kind: "bootstrap", name: "AGENT_SERVER_TOKEN", role: "admin" },
    scoped: { kind: "token", tokenId: "s", name: "s", role: "operator", projects: ["alpha"] },
  };

  function app(caller: Caller | undefined) {
    const hono = new Hono();
    hono.use("*", async (c, next) => {
      if (caller) setCaller(c, caller);
      await next();
    });
    hono.use("*", enforceRoles(policy));
    hono.all("*", (c) => c.json({ reached: true, route: routeMatchOf(c)?.route.path ?? null }));
    return hono;
  }

  const status = async (who: string | undefined, method: string, path: string) => {
    const response = await app(who ? callers[who] : undefined).request(path, { method });
    const body = await readJson(response);
    return response.status === 200 ? "ok" : `${response.status} ${body.code}`;
  };

  it("refuses a role below the route's with 403 FORBIDDEN and lets the rest through", async () => {
    expect(await status("viewer", "GET", "/v1/projects/alpha")).toBe("ok");
    expect(await status("viewer", "POST", "/v1/projects")).toBe("403 FORBIDDEN");
    expect(await status("operator", "POST", "/v1/projects")).toBe("ok");
    expect(await status("operator", "PUT", "/v1/auth/providers/openai")).toBe("403 FORBIDDEN");
    expect(await status("admin", "PUT", "/v1/auth/providers/openai")).toBe("ok");
    // With auth off there is no caller: the open caller is admin.
    expect(await status(undefined, "PUT", "/v1/auth/providers/openai")).toBe("ok");
  });

  it("answers other projects with 404 and org-wide routes with 403 for a scoped caller", async () => {
    expect(await status("scoped", "GET", "/v1/projects/alpha")).toBe("ok");
    expect(await status("scoped", "GET", "/v1/projects/beta")).toBe("404 PROJECT_NOT_FOUND");
    expect(await status("scoped", "GET", "/v1/projects/beta/sessions/s")).toBe(
      "404 PROJECT_NOT_FOUND",
    );
    expect(await status("scoped", "GET", "/v1/projects/alpha/sessions/s")).toBe("ok");
    expect(await status("scoped", "GET", "/v1/usage")).toBe("403 FORBIDDEN");
    expect(await status("scoped", "POST", "/v1/projects")).toBe("403 FORBIDDEN");
    expect(await status("scoped", "GET", "/v1/projects")).toBe("ok");
    expect(await status("scoped", "GET", "/v1/healthz")).toBe("ok");
    // The role is checked first: a scoped operator gets 403 on an admin route.
    expect(await status("scoped", "PUT", "/v1/auth/providers/openai")).toBe("403 FORBIDDEN");
  });

  it("leaves routes with their own security and unknown paths to the routes", async () => {
    expect(await status("viewer", "POST", "/v1/projects/beta/tasks")).toBe("ok");
    expect(await status("scoped", "POST", "/v1/projects/beta/tasks")).toBe("ok");
    expect(await status("viewer", "DELETE", "/v1/nothing")).toBe("ok");
  });
});

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };
const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function documentedOperations() {
  const paths = (describeApi().paths ?? {}) as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

describe("the declared routes and the document", () => {
  const operations = documentedOperations();

  it("every operation declares a role, or its own security", () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const { key, operation } of operations) {
      const role = operation[requiredRoleKey];
      if (role === undefined) {
        expect(operation.security, key).toEqual(expect.arrayContaining([expect.anything()]));
      } else {
        expect(roles, key).toContain(role);
        expect(operation.security, `${key} declares a role and its own security`).toBeUndefined();
      }
    }
    expect(
      operations
        .filter(({ operation }) => operation[requiredRoleKey] === undefined)
        .map((o) => o.key),
    ).toEqual(["POST /v1/projects/{projectId}/tasks"]);
  });

  it("every operation that declares a role documents 403 as a problem", () => {
    for (const { key, operation } of operations) {
      if (operation[requiredRoleKey] === undefined) continue;
      const forbidden = operation.responses["403"] as
        | { content?: Record<string, unknown> }
        | undefined;
      expect(forbidden, key).toBeDefined();
      expect(Object.keys(forbidden?.content ?? {}), key).toEqual(["application/problem+json"]);
    }
  });

  it("the policy holds exactly the documented operations, with the same roles", () => {
    const fromPolicy = routePolicy().routes.map((r) => `${r.method} ${r.path} ${r.role ?? "-"}`);
    const fromDocument = operations.map(
      ({ key, operation }) => `${key} ${(operation[requiredRoleKey] as string | undefined) ?? "-"}`,
    );
    expect(new Set(fromPolicy).size).toBe(fromPolicy.length);
    expect([...fromPolicy].sort()).toEqual([...fromDocument].sort());
  });

  it("the policy's project data agrees with the document's x-project-data", () => {
    for (const declared of routePolicy().routes) {
      const operation = operations.find(
        (o) => o.key === `${declared.method} ${declared.path}`,
      )?.operation;
      const documented = operation?.["x-project-data"];
      if (documented !== undefined) expect(declared.projectData, declared.path).toBe(documented);
      else expect(["per-project", "org"], declared.path).toContain(declared.projectData);
      if (declared.path.includes("{projectId}"))
        expect(declared.projectData, declared.path).toBe("per-project");
    }
  });

  it("matches every documented operation at its own path with its parameters filled", () => {
    const current = routePolicy();
    for (const declared of current.routes) {
      const path = declared.path.replace(/\{([^}]+)\}/g, (_, name: string) => `x-${name}`);
      const found = current.match(declared.method, path);
      expect(found?.route, `${declared.method} ${declared.path}`).toBe(declared);
    }
  });
});
