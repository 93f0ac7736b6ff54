import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { SystemMount } from "./bwrap-args.js";
import { isInside } from "./path-guard.js";

/** What of this host a sandboxed command sees read-only. */
export interface HostLayout {
  systemMounts: SystemMount[];
  /** Secret files inside the system mounts, hidden behind `/dev/null`. */
  maskedFiles: string[];
  /** Node's install prefix when it is not under a system directory. */
  nodePrefix: string | undefined;
}

const systemPaths = [
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/etc",
  "/run/systemd/resolve",
];

const secretFiles = ["/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-"];

function kind(path: string): "dir" | "file" | "symlink" | undefined {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return "symlink";
    return stats.isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

/**
 * Reads the host's system layout once: which of `/usr`, `/bin`, `/lib*`, `/etc`, … exist
 * (merged-`/usr` symlinks are recreated as symlinks), which secrets under `/etc` to mask
 * (shadow files, SSH host keys), and where Node is installed.
 */
export function readHostLayout(execPath: string): HostLayout {
  const systemMounts: SystemMount[] = [];
  for (const path of systemPaths) {
    const found = kind(path);
    if (found === "symlink") systemMounts.push({ path, symlinkTo: readlinkSync(path) });
    else if (found === "dir") systemMounts.push({ path });
  }
  let sshKeys: string[] = [];
  try {
    sshKeys = readdirSync("/etc/ssh")
      .filter((name) => name.startsWith("ssh_host_") && name.endsWith("_key"))
      .map((name) => join("/etc/ssh", name));
  } catch {}
  const maskedFiles = [...secretFiles, ...sshKeys].filter((file) => kind(file) === "file");
  const bound = systemMounts.filter((mount) => mount.symlinkTo === undefined);
  const nodePrefix = bound.some((mount) => isInside(mount.path, execPath))
    ? undefined
    : nodeInstallDir(execPath);
  return { systemMounts, maskedFiles, nodePrefix };
}

/**
 * What to bind for a Node outside the system directories: its install prefix when that
 * is a Node install of its own (`include/node` beside `bin/`), else only the executable,
 * so a Node at `~/bin/node` or `/node` never exposes the home directory or `/`.
 */
function nodeInstallDir(execPath: string): string {
  const prefix = dirname(dirname(execPath));
  const ownInstall =
    prefix !== "/" && !isInside(prefix, homedir()) && existsSync(join(prefix, "include", "node"));
  return ownInstall ? prefix : execPath;
}
