import { z } from "@hono/zod-openapi";
import { defineRoute, jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
import { PageQuerySchema, pageFields } from "../http/pagination.js";
import { projectIdParam } from "../http/path-params.js";
import { problemResponses } from "../http/problem.js";
import { maxProjectNameLength } from "../workspace/project-id.js";
import { DeploymentInfoSchema } from "./deployment.js";

export const ProjectSchema = z
  .object({
    id: z.string().openapi({ example: "my-app", description: "slugify(name); immutable." }),
    name: z.string().openapi({ example: "My App" }),
    projectDir: z.string().openapi({ example: "/srv/workspace/my-app" }),
    createdAt: z.iso.datetime().openapi({ example: "2026-01-01T12:00:00.000Z" }),
  })
  .openapi("Project");

export const CreateProjectSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(maxProjectNameLength)
      .openapi({ example: "My App", description: "Display name; its slug is the project id." }),
    deployment: DeploymentInfoSchema.optional().openapi("DeploymentInfo"),
  })
  .openapi("CreateProject");

export const ProjectListSchema = z
  .object({ items: z.array(ProjectSchema), ...pageFields })
  .openapi("ProjectList");

/** A path parameter holding a project id; rejects anything that is not a safe slug. */
export const ProjectIdParamSchema = z.object({ id: projectIdParam("id") });

const tags = ["Projects"];

export const createProjectRoute = defineRoute({
  method: "post",
  "x-required-role": "operator",
  path: "/projects",
  operationId: "projects.create",
  tags,
  summary: "Create a project, or get the existing one with the same id",
  description:
    "Idempotent on the name's slug and safe under concurrent calls. A new project directory is seeded from `APPX_TEMPLATE_DIR` when set. `deployment`, when given, is written to `.pi/deployment.json`.",
  request: jsonBody(CreateProjectSchema, { name: "My App" }),
  responses: {
    200: json(ProjectSchema, "The project already existed."),
    201: json(ProjectSchema, "The project was created."),
    ...problemResponses(400, 401),
  },
});

export const listProjectsRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  "x-project-data": "filtered",
  path: "/projects",
  operationId: "projects.list",
  tags,
  summary: "List projects in creation order",
  description:
    "Projects in the order they were created, a page at a time (`limit` default 50, at most `API_MAX_PAGE_SIZE`; `offset` at most `API_MAX_OFFSET`). `total` counts every project.",
  request: { query: PageQuerySchema },
  responses: {
    200: json(ProjectListSchema, "A page of projects."),
    ...problemResponses(400, 401),
  },
});

export const getProjectRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/projects/{id}",
  operationId: "projects.get",
  tags,
  summary: "Get one project",
  description:
    "The project's id, display name, working directory and creation time. An id that was never created is 404 `PROJECT_NOT_FOUND`.",
  request: { params: ProjectIdParamSchema },
  responses: {
    200: json(ProjectSchema, "The project."),
    ...problemResponses(400, 401, 404),
  },
});

export const deleteProjectRoute = defineRoute({
  method: "delete",
  "x-required-role": "operator",
  path: "/projects/{id}",
  operationId: "projects.delete",
  tags,
  summary: "Delete a project, its working directory and its transcripts",
  description:
    "Disposes the project's runtime (aborting its live sessions and closing their streams), removes it from the registry, then deletes its working directory and its transcripts under `.pi-global/sessions/`. Cannot be undone.",
  request: { params: ProjectIdParamSchema },
  responses: {
    204: { description: "The project is gone." },
    ...problemResponses(400, 401, 404),
  },
});
