import { constants } from "node:fs";
import { type FileHandle, lstat, open, readlink, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** A tool asked to write a path inside its working directory that is kept read-only. */
export class PathReadOnlyError extends Error {
  readonly path: string;

  constructor(path: string) {
    super(
      `Access denied: "${path}" is read-only to agents (the project's .pi/ configuration: extensions and settings there run in the server)`,
    );
    this.name = "PathReadOnlyError";
    this.path = path;
  }
}

/** A tool asked for a path that resolves outside its working directory. */
export class PathOutsideError extends Error {
  readonly path: string;

  constructor(path: string, root: string) {
    super(
      `Access denied: "${path}" resolves outside the working directory ${root}; agent tools are confined to it`,
    );
    this.name = "PathOutsideError";
    this.path = path;
  }
}

const maxSymlinkHops = 40;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * The real location of `path`, following every symlink, including for a path that does
 * not exist yet (its nearest existing ancestor is resolved) or a dangling symlink (its
 * target is followed as a write would).
 */
export async function resolveReal(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = errorCode(error);
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
  }
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isSymbolicLink()) {
    if (hops >= maxSymlinkHops) throw new Error(`Too many symbolic links: ${path}`);
    const target = await readlink(path);
    return resolveReal(resolve(dirname(path), target), hops + 1);
  }
  const parent = dirname(path);
  if (parent === path) return path;
  return join(await resolveReal(parent, hops), basename(path));
}

/** Whether `path` is `root` or lies beneath it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Confines file tools to one directory: every path is resolved through its symlinks
 * and refused when the result leaves the directory. Extra read-only roots (e.g. the
 * session's skills) may be read but never written.
 *
 * @example
 * const guard = new PathGuard("/srv/workspace/demo");
 * await guard.writable("/srv/workspace/demo/src/a.ts"); // the real path
 * await guard.readable("/srv/workspace/demo/../other/x"); // throws PathOutsideError
 */
export class PathGuard {
  readonly root: string;
  readonly readOnlyRoots: readonly string[];
  readonly protectedPaths: readonly string[];
  #realRoots: Promise<{ root: string; readOnly: string[]; protected: string[] }> | undefined;

  /**
   * @param readOnlyRoots directories outside the root that may be read. Default: none.
   * @param protectedPaths paths inside the root that may be read but not written. Default: none.
   */
  constructor(
    root: string,
    readOnlyRoots: readonly string[] = [],
    protectedPaths: readonly string[] = [],
  ) {
    this.root = resolve(root);
    this.readOnlyRoots = readOnlyRoots.map((path) => resolve(path));
    this.protectedPaths = protectedPaths.map((path) => resolve(this.root, path));
  }

  /**
   * The real path of `path` (relative paths are taken from the root) for reading.
   *
   * @throws {PathOutsideError} when it resolves outside the root and the read-only roots.
   */
  readable(path: string): Promise<string> {
    return this.#resolve(path, true);
  }

  /**
   * The real path of `path` for writing.
   *
   * @throws {PathOutsideError} when it resolves outside the root.
   * @throws {PathReadOnlyError} when it resolves inside a protected path.
   */
  writable(path: string): Promise<string> {
    return this.#resolve(path, false);
  }

  /**
   * Reads `path` after checking, through the opened descriptor, that the file read is
   * inside the allowed roots: a directory swapped for a symlink between the check and the
   * open (by a command running at the same moment) is refused, not followed.
   */
  async readFile(path: string, access: "read" | "write" = "read"): Promise<Buffer> {
    const handle = await open(await this.#resolve(path, access === "read"), "r");
    try {
      await this.#confirm(handle, path, access === "read");
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes `path` like `readFile` reads it: the descriptor is checked before anything is
   * truncated or written (at worst an empty file is created where the check refuses).
   */
  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const target = await this.#resolve(path, false);
    const handle = await open(
      target,
      constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW,
    );
    try {
      await this.#confirm(handle, path, false);
      await handle.truncate(0);
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  }

  async #confirm(handle: FileHandle, path: string, read: boolean): Promise<void> {
    await this.#check(await readlink(`/proc/self/fd/${handle.fd}`), path, read);
  }

  async #resolve(path: string, read: boolean): Promise<string> {
    return this.#check(await resolveReal(resolve(this.root, path)), path, read);
  }

  async #check(real: string, path: string, read: boolean): Promise<string> {
    this.#realRoots ??= (async () => ({
      root: await resolveReal(this.root),
      readOnly: await Promise.all(this.readOnlyRoots.map((root) => resolveReal(root))),
      protected: await Promise.all(this.protectedPaths.map((path) => resolveReal(path))),
    }))();
    const roots = await this.#realRoots;
    if (isInside(roots.root, real)) {
      if (!read && roots.protected.some((kept) => isInside(kept, real))) {
        throw new PathReadOnlyError(path);
      }
      return real;
    }
    if (read && roots.readOnly.some((root) => isInside(root, real))) return real;
    throw new PathOutsideError(path, this.root);
  }
}
