export {
  isProjectId,
  maxProjectIdLength,
  maxProjectNameLength,
  parseProjectName,
  slugify,
} from "../workspace/project-id.js";
export { type DeploymentInfo, DeploymentInfoSchema, DeploymentTargetSchema } from "./deployment.js";
export { PgProjectCatalog, projectsChannel } from "./pg-project-catalog.js";
export { type CatalogEntry, FileProjectCatalog, type ProjectCatalog } from "./project-catalog.js";
export { projectCatalogFor } from "./project-catalog-for.js";
export {
  type CreateProjectInput,
  type ListProjectsOptions,
  type Project,
  ProjectRegistry,
  type ProjectRegistryOptions,
} from "./project-registry.js";
export { copyTemplate, skippedTemplateEntries } from "./template.js";
