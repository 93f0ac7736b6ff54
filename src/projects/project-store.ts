import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "../storage/index.js";
import { isProjectId } from "../workspace/project-id.js";

const ProjectRecordSchema = z.object({
  id: z.string().refine(isProjectId, { error: "not a valid project id" }),
  name: z.string().min(1),
  createdAt: z.iso.datetime(),
});

const RegistryFileSchema = z.object({
  version: z.literal(1),
  projects: z.array(ProjectRecordSchema),
  deleting: z.array(z.string().refine(isProjectId, { error: "not a valid project id" })).optional(),
});

/** What the registry file stores about one project. */
export type ProjectRecord = z.infer<typeof ProjectRecordSchema>;

/**
 * The registry file's content: the projects, and the ids of deleted projects whose files
 * may still be on disk (a deletion is recorded here before anything is removed, so a
 * crash part-way through is finished on the next start instead of half-undone).
 */
export interface RegistryState {
  projects: ProjectRecord[];
  deleting: string[];
}

/**
 * Reads `projects.json`. A missing file is an empty registry; an unreadable or invalid one
 * is an error, because silently starting empty would orphan every project.
 */
export async function readRegistryFile(path: string): Promise<RegistryState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { projects: [], deleting: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = RegistryFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path} is not a valid project registry: ${z.prettifyError(parsed.error)}`);
  }
  return { projects: parsed.data.projects, deleting: parsed.data.deleting ?? [] };
}

/** Replaces `projects.json` atomically with `state`. */
export async function writeRegistryFile(path: string, state: RegistryState): Promise<void> {
  const body = JSON.stringify({
    version: 1,
    projects: state.projects,
    ...(state.deleting.length > 0 ? { deleting: state.deleting } : {}),
  });
  await writeFileAtomic(path, `${body}\n`);
}
