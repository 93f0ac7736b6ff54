import { useEffect, useState } from "preact/hooks";

/** The console's pages, addressed by the URL hash so the server serves one page only. */
export type Route =
  | { page: "projects" }
  | { page: "project"; projectId: string }
  | { page: "session"; projectId: string; sessionId: string }
  | { page: "tasks"; status?: string; projectId?: string }
  | { page: "usage" }
  | { page: "credentials" }
  | { page: "access" };

/** Reads a hash such as `#/projects/demo/sessions/abc`; anything unknown is the projects page. */
export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const [first, projectId, third, sessionId] = parts;
  if (first === "projects" && projectId && third === "sessions" && sessionId) {
    return { page: "session", projectId, sessionId };
  }
  if (first === "projects" && projectId) return { page: "project", projectId };
  if (first === "tasks") {
    const status = params.get("status");
    const project = params.get("project");
    return {
      page: "tasks",
      ...(status ? { status } : {}),
      ...(project ? { projectId: project } : {}),
    };
  }
  if (first === "usage") return { page: "usage" };
  if (first === "credentials") return { page: "credentials" };
  if (first === "access") return { page: "access" };
  return { page: "projects" };
}

/** The hash link of a route, for `href`. */
export function linkTo(route: Route): string {
  const segment = encodeURIComponent;
  switch (route.page) {
    case "projects":
      return "#/projects";
    case "project":
      return `#/projects/${segment(route.projectId)}`;
    case "session":
      return `#/projects/${segment(route.projectId)}/sessions/${segment(route.sessionId)}`;
    case "tasks": {
      const query = new URLSearchParams();
      if (route.status) query.set("status", route.status);
      if (route.projectId) query.set("project", route.projectId);
      const text = query.toString();
      return `#/tasks${text ? `?${text}` : ""}`;
    }
    case "usage":
      return "#/usage";
    case "credentials":
      return "#/credentials";
    case "access":
      return "#/access";
  }
}

export function navigate(route: Route): void {
  location.hash = linkTo(route);
}

/** The current route, following the hash. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", follow);
    // The hash may have changed between the first render and this effect.
    follow();
    return () => removeEventListener("hashchange", follow);
  }, []);
  return route;
}
