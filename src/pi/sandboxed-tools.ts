import { constants, realpathSync } from "node:fs";
import { access, mkdir, open, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import {
  type BashOperations,
  createBashToolDefinition,
  createEditToolDefinition,
  createFindToolDefinition,
  createGrepToolDefinition,
  createLocalBashOperations,
  createLsToolDefinition,
  createReadToolDefinition,
  createWriteToolDefinition,
  type FindOperations,
  type ToolDefinition,
} from "@mariozechner/pi-coding-agent";
import { globIterate } from "glob";
import { type AgentSandbox, isInside, type PathGuard, type ToolAccess } from "../sandbox/index.js";

/** pi's built-in tools that need confining; they replace pi's own by name. */
export const confinedToolNames = ["read", "bash", "edit", "write", "grep", "find", "ls"] as const;

/** pi's default active tools; `grep`, `find` and `ls` stay available but off, as in pi. */
export const defaultActiveToolNames = ["read", "bash", "edit", "write"];

/** A built-in tool's definition with its parameter types erased, as `customTools` takes them. */
// biome-ignore lint/suspicious/noExplicitAny: pi's own `ToolDef` erases the types the same way.
type BuiltInToolDefinition = ToolDefinition<any, any, any>;

export interface SandboxedToolsOptions extends ToolAccess {
  sandbox: AgentSandbox;
  /** pi's `shellCommandPrefix` setting. Default none. */
  commandPrefix?: string | undefined;
}

/**
 * pi's seven built-in tools for an agent working in `cwd`, with their operations routed
 * through the sandbox: `bash` runs confined (or, with mode `none`, with a scrubbed
 * environment) and, under bubblewrap, the file tools refuse paths outside `cwd`.
 */
export function createSandboxedTools(
  cwd: string,
  options: SandboxedToolsOptions,
): BuiltInToolDefinition[] {
  const { sandbox } = options;
  const reach: ToolAccess = {
    readOnly: options.readOnly ?? [],
    repository: options.repository,
    protected: options.protected ?? [],
  };
  const bash: BuiltInToolDefinition = createBashToolDefinition(cwd, {
    operations: confinedBash(sandbox, reach),
    ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}),
  });
  // Not beside the file tools of the same turn: a command could swap a checked directory
  // for a symlink while they run.
  bash.executionMode = "sequential";
  if (sandbox.policy.mode === "none") return [bash];
  const guard = sandbox.pathGuard(cwd, reach);
  return [
    bash,
    createReadToolDefinition(cwd, {
      operations: {
        readFile: (path) => guard.readFile(path),
        access: async (path) => access(await guard.readable(path), constants.R_OK),
        detectImageMimeType: async (path) => imageMimeType(await guard.readable(path)),
      },
    }),
    createWriteToolDefinition(cwd, {
      operations: {
        writeFile: (path, content) => guard.writeFile(path, content),
        mkdir: async (dir) => {
          await mkdir(await guard.writable(dir), { recursive: true });
        },
      },
    }),
    createEditToolDefinition(cwd, {
      operations: {
        readFile: (path) => guard.readFile(path, "write"),
        writeFile: (path, content) => guard.writeFile(path, content),
        access: async (path) => access(await guard.writable(path), constants.R_OK | constants.W_OK),
      },
    }),
    createLsToolDefinition(cwd, {
      operations: {
        exists: async (path) => exists(await guard.readable(path)),
        stat: async (path) => stat(await guard.readable(path)),
        readdir: async (path) => readdir(await guard.readable(path)),
      },
    }),
    createFindToolDefinition(cwd, { operations: confinedFind(guard) }),
    createGrepToolDefinition(cwd, {
      operations: {
        isDirectory: async (path) => (await stat(await guard.readable(path))).isDirectory(),
        readFile: async (path) => (await guard.readFile(path)).toString("utf8"),
      },
    }),
  ];
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The skill directories tools may read: those outside the workspace (`PI_SKILL_PATHS`,
 * packages) and the org's `skills/`. A skill found through a project's own `.pi/skills`
 * (which its agent can fill with symlinks) never opens another part of the workspace,
 * such as another project or a task worktree; one inside the working directory needs
 * nothing.
 */
export function readableSkillDirs(skillDirs: readonly string[], agentDir: string): string[] {
  const globalDir = realOrUndefined(agentDir) ?? resolve(agentDir);
  const workspace = dirname(globalDir);
  const orgSkills = join(globalDir, "skills");
  const dirs = new Set<string>();
  for (const dir of skillDirs) {
    const real = realOrUndefined(dir);
    if (real === undefined) continue;
    if (isInside(orgSkills, real) || !isInside(workspace, real)) dirs.add(real);
  }
  return [...dirs];
}

function confinedBash(sandbox: AgentSandbox, access: ToolAccess): BashOperations {
  const local = createLocalBashOperations();
  return {
    exec: async (command, cwd, options) => {
      const confined = await sandbox.confine(command, cwd, access);
      return local.exec(confined.command, cwd, { ...options, env: confined.env });
    },
  };
}

/**
 * `find` without `fd`: a glob walk of the (guarded) search directory that never follows
 * symlinked directories and drops any match outside it.
 */
function confinedFind(guard: PathGuard): FindOperations {
  return {
    exists: async (path) => exists(await guard.readable(path)),
    glob: async (pattern, searchPath, { ignore, limit }) => {
      const root = await guard.readable(searchPath);
      const found: string[] = [];
      for await (const match of globIterate(pattern, { cwd: root, ignore, dot: true })) {
        const absolute = resolve(root, match);
        if (!isInside(root, absolute)) continue;
        // A match through a symlinked directory would reveal names outside.
        if (!(await guard.readable(absolute).then(isInsideOf(root), () => false))) continue;
        found.push(resolve(searchPath, relative(root, absolute)));
        if (found.length >= limit) break;
      }
      return found;
    },
  };
}

const isInsideOf = (root: string) => (real: string) => isInside(root, real);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The image types pi's read tool attaches as images, sniffed from the first bytes. */
async function imageMimeType(path: string): Promise<string | null> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await file.read(head, 0, 12, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return "image/jpeg";
    if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return "image/png";
    if (bytes.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
    if (
      bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
      bytes.subarray(8, 12).toString("latin1") === "WEBP"
    )
      return "image/webp";
    return null;
  } finally {
    await file.close();
  }
}
