import { type Json, readJson } from "./json.js";

/** Roles from least to most, as the contract orders them (kept here so the test states it). */
const roleOrder = ["viewer", "operator", "admin"] as const;
export type MatrixRole = (typeof roleOrder)[number];

export type ProjectData = "per-project" | "filtered" | "none" | "org";

/** One operation of a served `/openapi.json`, with what it declares about access. */
export interface DeclaredOperation {
  method: string;
  /** The OpenAPI path, e.g. `/v1/projects/{projectId}/sessions`. */
  path: string;
  /** `x-required-role`; absent only for operations with their own `security`. */
  requiredRole: MatrixRole | undefined;
  projectData: ProjectData;
  /** The path parameter naming the project, if any. */
  projectParam: string | undefined;
  ownSecurity: boolean;
  takesBody: boolean;
}

/** Who calls in the matrix: a bearer secret with the role and scope it was created with. */
export interface MatrixCaller {
  label: string;
  secret: string;
  role: MatrixRole;
  projects?: readonly string[];
}

/**
 * What a request got: `allowed` (it reached the route's handler: any answer but the
 * refusals below), `forbidden` (403 `FORBIDDEN`), `hidden` (404 `PROJECT_NOT_FOUND`) or
 * `unauthenticated` (401).
 */
export type Verdict = "allowed" | "forbidden" | "hidden" | "unauthenticated";

const methods = new Set(["get", "post", "put", "patch", "delete"]);

/** Every operation `baseUrl/openapi.json` declares. */
export async function declaredOperations(baseUrl: string): Promise<DeclaredOperation[]> {
  const response = await fetch(`${baseUrl}/openapi.json`);
  if (response.status !== 200) throw new Error(`openapi.json: ${response.status}`);
  const document = await readJson(response);
  const operations: DeclaredOperation[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!methods.has(method)) continue;
      const projectParam = path.includes("{projectId}")
        ? "projectId"
        : /^\/v1\/projects\/\{id\}/.test(path)
          ? "id"
          : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        requiredRole: operation["x-required-role"],
        projectData: projectParam ? "per-project" : (operation["x-project-data"] ?? "org"),
        projectParam,
        ownSecurity: operation.security !== undefined,
        takesBody: operation.requestBody !== undefined,
      });
    }
  }
  return operations;
}

/**
 * What the declaration says `caller` gets from `operation` aimed at `projectId` (for
 * per-project operations): its role below the required one is 403; a token limited to
 * some projects gets 404 for any other project and 403 on operations over every project;
 * operations with their own `security` refuse every API bearer secret (401).
 */
export function expectedVerdict(
  caller: MatrixCaller,
  operation: DeclaredOperation,
  projectId: string | undefined,
): Verdict {
  if (operation.ownSecurity) return "unauthenticated";
  const needed = operation.requiredRole ?? "admin";
  if (roleOrder.indexOf(caller.role) < roleOrder.indexOf(needed)) return "forbidden";
  if (caller.projects === undefined) return "allowed";
  if (operation.projectData === "per-project") {
    return projectId !== undefined && caller.projects.includes(projectId) ? "allowed" : "hidden";
  }
  return operation.projectData === "org" ? "forbidden" : "allowed";
}

/** `operation.path` with each parameter filled from `ids` (unknown ones get `nope`). */
export function concretePath(operation: DeclaredOperation, ids: Record<string, string>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(ids[name] ?? "nope"),
  );
}

/**
 * Sends `operation` to `url` with `secret` (an empty JSON object as body when it takes
 * one: handlers validate after access is enforced, so an allowed call changes little) and
 * classifies the answer. Event streams are cancelled as soon as their headers arrive.
 */
export async function callOperation(
  url: string,
  operation: DeclaredOperation,
  secret: string,
): Promise<{ verdict: Verdict; status: number; code: string | undefined }> {
  const response = await fetch(url, {
    method: operation.method,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(operation.takesBody ? { "content-type": "application/json" } : {}),
    },
    ...(operation.takesBody ? { body: "{}" } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  let code: string | undefined;
  if (response.headers.get("content-type")?.includes("text/event-stream")) {
    await response.body?.cancel();
  } else {
    const text = await response.text();
    if (response.headers.get("content-type")?.includes("json") && text.length > 0) {
      code = (JSON.parse(text) as { code?: string }).code;
    }
  }
  const verdict: Verdict =
    response.status === 401
      ? "unauthenticated"
      : response.status === 403 && code === "FORBIDDEN"
        ? "forbidden"
        : response.status === 404 && code === "PROJECT_NOT_FOUND"
          ? "hidden"
          : "allowed";
  return { verdict, status: response.status, code };
}
