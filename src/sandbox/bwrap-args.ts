import { isInside } from "./path-guard.js";

/** A system path made visible read-only: a directory bound as is, or a symlink recreated. */
export type SystemMount = { path: string; symlinkTo?: string | undefined };

/** Everything one `bash` call inside bubblewrap needs to know. */
export interface BwrapSpec {
  /** `/usr`, `/etc`, `/bin`, … as found on this host. */
  systemMounts: readonly SystemMount[];
  /** Further read-only directories, e.g. Node's install prefix and the session's skills. */
  readOnlyPaths: readonly string[];
  /**
   * Directories hidden behind an empty tmpfs when they fall inside a read-only mount
   * (e.g. a workspace under `/usr/local`); read-only paths inside them stay visible.
   */
  hiddenPaths: readonly string[];
  /** Files replaced by `/dev/null`, e.g. `/etc/shadow`. */
  maskedFiles: readonly string[];
  network: boolean;
  /** The working directory, bound read-write; the command starts in it. */
  workDir: string;
  /** Extra read-write directories, e.g. the repository a task worktree belongs to. */
  writablePaths: readonly string[];
  /** Paths inside the writable ones that stay read-only, e.g. a repository's config and hooks. */
  readOnlyOverlays: readonly string[];
  /** The complete environment of the command. */
  env: Readonly<Record<string, string>>;
}

/**
 * The `bwrap` arguments (before the command) that confine one `bash` call: new user,
 * PID, IPC, UTS, cgroup and (unless allowed) network namespaces; system directories
 * read-only; a private `/tmp`, `/dev` and `/proc`; the working directory read-write;
 * a cleared environment. Nothing else of the host is mounted.
 */
export function bwrapArgs(spec: BwrapSpec): string[] {
  const args = ["--die-with-parent", "--new-session", "--unshare-all"];
  if (spec.network) args.push("--share-net");
  const bound: string[] = [];
  const hide = (within: string) => {
    for (const hidden of spec.hiddenPaths) {
      if (isInside(within, hidden)) args.push("--tmpfs", hidden);
    }
  };
  for (const mount of spec.systemMounts) {
    if (mount.symlinkTo !== undefined) {
      args.push("--symlink", mount.symlinkTo, mount.path);
    } else {
      args.push("--ro-bind", mount.path, mount.path);
      bound.push(mount.path);
    }
  }
  for (const file of spec.maskedFiles) args.push("--ro-bind", "/dev/null", file);
  for (const root of bound) hide(root);
  args.push("--tmpfs", "/tmp", "--dev", "/dev", "--proc", "/proc");
  for (const path of spec.readOnlyPaths) {
    const visible = bound.some((root) => isInside(root, path));
    const hidden = spec.hiddenPaths.some((root) => isInside(root, path));
    if (visible && !hidden) continue;
    args.push("--ro-bind", path, path);
    bound.push(path);
    hide(path);
  }
  args.push("--bind", spec.workDir, spec.workDir);
  for (const path of spec.writablePaths) args.push("--bind", path, path);
  for (const path of spec.readOnlyOverlays) args.push("--ro-bind", path, path);
  args.push("--chdir", spec.workDir, "--clearenv");
  for (const [name, value] of Object.entries(spec.env)) args.push("--setenv", name, value);
  return args;
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
