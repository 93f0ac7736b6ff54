import { callerOf } from "../access/caller.js";
import { defaultPageLimits, type PageLimits, resolvePage } from "../http/pagination.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import type { ProjectRegistry } from "./project-registry.js";
import {
  createProjectRoute,
  deleteProjectRoute,
  getProjectRoute,
  listProjectsRoute,
} from "./projects-routes.js";

export interface ProjectsAppOptions extends RouterOptions {
  /** Caps on list paging. Default `{ maxPageSize: 100, maxOffset: 10000 }`. */
  limits?: PageLimits;
}

/** This router's routes as data, in the order it registers them (and the document lists them). */
export const projectRoutes = [
  createProjectRoute,
  listProjectsRoute,
  getProjectRoute,
  deleteProjectRoute,
] as const;

/**
 * The project lifecycle routes (`/projects`, `/projects/{id}`), ready to mount under any prefix.
 *
 * @example
 * app.route("/v1", createProjectsApp(registry));
 */
export function createProjectsApp(registry: ProjectRegistry, options: ProjectsAppOptions = {}) {
  const limits = options.limits ?? defaultPageLimits;
  const app = createRouter(options);

  app.openapi(createProjectRoute, async (c) => {
    const body = c.req.valid("json");
    const { project, created } = await registry.createProject(body);
    if (created) c.header("location", `${c.req.path}/${project.id}`);
    return created ? c.json(project, 201) : c.json(project, 200);
  });

  app.openapi(listProjectsRoute, (c) => {
    const page = resolvePage(c.req.valid("query"), limits);
    const scope = callerOf(c).projects;
    if (scope === undefined) return c.json({ ...registry.list(page), ...page }, 200);
    // A token limited to some projects sees those only, in creation order like the rest.
    const visible = registry.list().items.filter((project) => scope.includes(project.id));
    const items = visible.slice(page.offset, page.offset + page.limit);
    return c.json({ items, total: visible.length, ...page }, 200);
  });

  app.openapi(getProjectRoute, (c) => c.json(registry.require(c.req.valid("param").id), 200));

  app.openapi(deleteProjectRoute, async (c) => {
    await registry.deleteProject(c.req.valid("param").id);
    return c.body(null, 204);
  });

  return app;
}
