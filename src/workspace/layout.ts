import { join, relative, resolve, sep } from "node:path";
import { AppError } from "../errors/index.js";
import { isProjectId } from "./project-id.js";

/** Absolute paths of everything the server keeps under `WORKSPACE_DIR`. */
export interface WorkspaceLayout {
  root: string;
  /** `.pi-global/`: org-wide pi config and server state. */
  globalDir: string;
  projectsFile: string;
  /** Parent of every project's transcript directory. */
  sessionsRoot: string;
  /** Where new project directories are assembled before they are moved into place. */
  stagingDir: string;
  /** Where deleted project directories wait to be removed. */
  trashDir: string;
  /** `.pi-global/usage/`: the append-only usage log. */
  usageDir: string;
  /** `.pi-global/tasks/`: the approval queue's state. */
  tasksDir: string;
  /** `.pi-global/tokens.json`: API tokens (hashes only), mode 0600. */
  tokensFile: string;
  /** `.pi-global/audit/`: the append-only audit log, one file per month. */
  auditDir: string;
  /** `WORKSPACE_DIR/{id}`; throws for an id that is not a safe slug. */
  projectDir(id: string): string;
  /** `.pi-global/sessions/{id}`; throws for an id that is not a safe slug. */
  sessionsDir(id: string): string;
}

function contained(parent: string, id: string): string {
  if (!isProjectId(id)) {
    throw new AppError("INVALID_PROJECT_ID", `"${id}" is not a valid project id`);
  }
  const path = resolve(parent, id);
  const rel = relative(parent, path);
  if (rel !== id || rel.startsWith("..") || rel.includes(sep)) {
    throw new AppError("INVALID_PROJECT_ID", `"${id}" is not a valid project id`);
  }
  return path;
}

/** Derives the workspace layout from its root directory. */
export function workspaceLayout(workspaceDir: string): WorkspaceLayout {
  const root = resolve(workspaceDir);
  const globalDir = join(root, ".pi-global");
  const sessionsRoot = join(globalDir, "sessions");
  return {
    root,
    globalDir,
    projectsFile: join(globalDir, "projects.json"),
    sessionsRoot,
    stagingDir: join(globalDir, "staging"),
    trashDir: join(globalDir, "trash"),
    usageDir: join(globalDir, "usage"),
    tasksDir: join(globalDir, "tasks"),
    tokensFile: join(globalDir, "tokens.json"),
    auditDir: join(globalDir, "audit"),
    projectDir: (id) => contained(root, id),
    sessionsDir: (id) => contained(sessionsRoot, id),
  };
}
