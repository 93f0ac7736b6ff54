import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { type Role, requiredRoleKey, roleAllows } from "../contract/roles.js";
import { problemFor, problemResponse } from "../http/problem.js";
import { callerOf, callerSeesProject } from "./caller.js";

/**
 * What a route holds about projects, for tokens limited to some: `per-project` routes
 * name the project in their path (others are 404 to such a token); `filtered` lists
 * show only the caller's projects; `none` routes hold no project data; `org` routes
 * (the default for routes without a project in the path) are closed to them.
 */
export const projectDataKey = "x-project-data";
export type ProjectData = "per-project" | "filtered" | "none" | "org";

/** One operation of the API, as the policy sees it. */
export interface DeclaredRoute {
  method: string;
  /** OpenAPI path with the prefix, e.g. `/v1/projects/{projectId}`. */
  path: string;
  /** Absent only for routes with their own `security` (the task webhook). */
  role: Role | undefined;
  projectData: ProjectData;
  /** The path parameter that names the project, if any. */
  projectParam: string | undefined;
  /** Whether the route authenticates by other means (its own `security`). */
  ownSecurity: boolean;
}

/** A request matched to its declared route, with the path's parameters. */
export interface RouteMatch {
  route: DeclaredRoute;
  params: Record<string, string>;
}

interface Compiled {
  route: DeclaredRoute;
  pattern: RegExp;
  names: string[];
}

function declared(config: RouteConfig, prefix: string): DeclaredRoute {
  const extensions = config as unknown as Record<string, unknown>;
  const path = `${prefix}${config.path}`;
  const projectParam = path.includes("{projectId}")
    ? "projectId"
    : /^\/[^/]+\/projects\/\{id\}/.test(path)
      ? "id"
      : undefined;
  return {
    method: config.method.toUpperCase(),
    path,
    role: extensions[requiredRoleKey] as Role | undefined,
    projectData: projectParam
      ? "per-project"
      : ((extensions[projectDataKey] as ProjectData | undefined) ?? "org"),
    projectParam,
    ownSecurity: config.security !== undefined,
  };
}

/** Every declared operation, matched against requests by method and path. */
export class RoutePolicy {
  readonly routes: readonly DeclaredRoute[];
  readonly #compiled: Compiled[];

  /** `entries`: every route with the prefix it is mounted under. */
  constructor(entries: readonly { route: RouteConfig; prefix: string }[]) {
    this.routes = entries.map(({ route, prefix }) => declared(route, prefix));
    this.#compiled = this.routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          names.push(name);
          return "([^/]+)";
        })
        .join("");
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  match(method: string, path: string): RouteMatch | undefined {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const { route, pattern, names } of this.#compiled) {
      if (route.method !== wanted) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? "");
      });
      return { route, params };
    }
    return undefined;
  }
}

const matchKey = "route-match";

/** The declared route this request was matched to by `enforceRoles`, if any. */
export function routeMatchOf(c: Context): RouteMatch | undefined {
  return c.get(matchKey as never) as RouteMatch | undefined;
}

/**
 * The one place roles and project scopes are enforced: each request is matched to its
 * declared route; a caller whose role is below the route's `x-required-role` gets 403
 * `FORBIDDEN`; a caller limited to some projects gets 404 for any other project and 403
 * for routes over the whole organisation. Requests matching no route pass on to 404.
 */
export function enforceRoles(policy: RoutePolicy): MiddlewareHandler {
  return async (c, next) => {
    const match = policy.match(c.req.method, c.req.path);
    if (!match) return next();
    c.set(matchKey as never, match as never);
    const { route, params } = match;
    if (route.ownSecurity) return next();
    const caller = callerOf(c);
    const needed = route.role ?? "admin";
    if (!roleAllows(caller.role, needed)) {
      return problemResponse(
        problemFor(
          "FORBIDDEN",
          `${route.method} ${route.path} requires the ${needed} role; this caller is ${caller.role}`,
        ),
      );
    }
    if (caller.projects !== undefined) {
      const projectId = route.projectParam ? params[route.projectParam] : undefined;
      if (projectId !== undefined && !callerSeesProject(caller, projectId)) {
        return problemResponse(problemFor("PROJECT_NOT_FOUND", `No project with id ${projectId}`));
      }
      if (route.projectData === "org") {
        return problemResponse(
          problemFor(
            "FORBIDDEN",
            `${route.method} ${route.path} covers every project; this token is limited to ${caller.projects.join(", ")}`,
          ),
        );
      }
    }
    return next();
  };
}
