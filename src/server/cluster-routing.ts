import type { Context, MiddlewareHandler } from "hono";
import { callerOf, setCaller } from "../access/caller.js";
import { type ClusterNode, servesApi } from "../cluster/index.js";
import { problemFor, problemResponse } from "../http/problem.js";
import type { ProjectRegistry } from "../projects/project-registry.js";
import { isProjectId } from "../workspace/project-id.js";
import { forwardToNode } from "./forward-to-node.js";
import { ForwardVerifier, forwardedHeaders } from "./forwarded-signature.js";
import type { ProjectOwners } from "./project-owners.js";

const forwardedKey = "forwardedFrom";

/** Query parameters by which routes outside `/projects/{id}` name a project. */
const projectQueryNames = ["project", "projectId"];

/** Whether the request came from another node, signed (see `acceptForwardedRequests`). */
export function isForwarded(c: Context): boolean {
  return c.get(forwardedKey as never) !== undefined;
}

/** Whether the request claims to be forwarded by a node (it is refused unless signed). */
export function claimsForwarded(c: Context): boolean {
  return c.req.header(forwardedHeaders.signature) !== undefined;
}

/**
 * The project whose runtime serves `method path`, or undefined for a request any node
 * serves: every session and ask-user route under `{prefix}/projects/{id}/` except reading
 * a session's events (served from the shared event log anywhere), and deleting the
 * project (its owner disposes the runtime before the files go).
 */
export function runtimeProjectOf(method: string, path: string, prefix = "/v1"): string | undefined {
  if (!path.startsWith(`${prefix}/projects/`)) return undefined;
  const [projectId, area, sessionId, tail, ...rest] = path
    .slice(prefix.length + "/projects/".length)
    .split("/");
  if (projectId === undefined || !isProjectId(projectId)) return undefined;
  if (area === undefined) return method === "DELETE" ? projectId : undefined;
  if (area === "ask-user") return projectId;
  if (area !== "sessions") return undefined;
  const readsEvents = method === "GET" && sessionId && tail === "events" && rest.length === 0;
  return readsEvents ? undefined : projectId;
}

export interface ClusterRoutingOptions {
  cluster: ClusterNode;
  registry: ProjectRegistry;
  owners: ProjectOwners;
  /** Where the API is mounted. Default `/v1`. */
  prefix?: string;
}

/**
 * The middleware that makes one node of a cluster answer for all of them: accepting
 * requests other nodes forward (signed, run as the caller they carry), refusing public
 * requests on a `worker` node, reading projects other nodes created, and sending each
 * request that needs a project's runtime to the node that runs it.
 */
export function clusterRouting(options: ClusterRoutingOptions) {
  const { cluster, registry, owners } = options;
  const prefix = options.prefix ?? "/v1";
  const verifier = new ForwardVerifier({ secret: cluster.secret });
  const healthPath = `${prefix}/healthz`;

  /** Checks a forwarded request's signature and sets its caller; refuses a bad one (401). */
  const acceptForwarded: MiddlewareHandler = async (c, next) => {
    if (!claimsForwarded(c)) return next();
    const url = new URL(c.req.url);
    const body =
      c.req.method === "GET" || c.req.method === "HEAD"
        ? new Uint8Array()
        : new Uint8Array(await c.req.arrayBuffer());
    const verified = verifier.verify(
      { method: c.req.method, pathAndQuery: `${url.pathname}${url.search}`, body },
      (name) => c.req.header(name),
    );
    if ("refused" in verified) {
      return problemResponse(problemFor("UNAUTHORIZED", verified.refused));
    }
    setCaller(c, verified.caller);
    c.set(forwardedKey as never, verified.fromNodeId as never);
    return next();
  };

  /** On a `worker` node: only forwarded requests and health reach the API. */
  const refusePublic: MiddlewareHandler = (c, next) => {
    if (servesApi(cluster.role) || isForwarded(c) || c.req.path === healthPath) return next();
    return Promise.resolve(
      problemResponse(
        problemFor(
          "SERVICE_UNAVAILABLE",
          `This node (role ${cluster.role}) serves no public API; send requests to an api or all node`,
        ),
      ),
    );
  };

  /**
   * A project another node created is read from the database before routing, whether
   * the request names it in its path or in a query (`?project=`, `?projectId=`); the
   * project list is read whole, so it never lags behind another node's changes.
   */
  const followOtherNodes: MiddlewareHandler = async (c, next) => {
    if (c.req.path === `${prefix}/projects` && c.req.method === "GET") {
      await registry.reload();
      return next();
    }
    const named = [
      c.req.path.startsWith(`${prefix}/projects/`)
        ? c.req.path.slice(`${prefix}/projects/`.length).split("/")[0]
        : undefined,
      ...projectQueryNames.map((name) => c.req.query(name)),
    ];
    for (const projectId of new Set(named)) {
      if (projectId && isProjectId(projectId) && !registry.get(projectId)) {
        await registry.refresh(projectId);
      }
    }
    return next();
  };

  /** Serves here what this node runs; forwards to the owner what another node runs. */
  const routeToOwner: MiddlewareHandler = async (c, next) => {
    const projectId = runtimeProjectOf(c.req.method, c.req.path, prefix);
    if (projectId === undefined || !registry.get(projectId)) return next();
    return owners.withRoute(projectId, async (route) => {
      if (route.serve === "here") {
        await next();
        return c.res;
      }
      if (route.serve === "there" && !isForwarded(c)) {
        return forwardToNode(c, {
          url: route.url,
          secret: cluster.secret,
          fromNodeId: cluster.nodeId,
          caller: callerOf(c),
        });
      }
      const why =
        route.serve === "there"
          ? `node ${route.nodeId} runs it now (forwarded once already)`
          : route.reason;
      return problemResponse(
        problemFor(
          "SERVICE_UNAVAILABLE",
          `Project "${projectId}" cannot be served here: ${why}; retry`,
        ),
        { "retry-after": "1" },
      );
    });
  };

  return { acceptForwarded, refusePublic, followOtherNodes, routeToOwner };
}
