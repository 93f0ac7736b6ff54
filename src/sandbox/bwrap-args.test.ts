import { describe, expect, it } from "vitest";
import { type BwrapSpec, bwrapArgs, shellQuote } from "./bwrap-args.js";

const spec: BwrapSpec = {
  systemMounts: [{ path: "/usr" }, { path: "/bin", symlinkTo: "usr/bin" }, { path: "/etc" }],
  readOnlyPaths: ["/opt/node"],
  hiddenPaths: ["/usr/local/workspace"],
  maskedFiles: ["/etc/shadow"],
  network: true,
  workDir: "/usr/local/workspace/demo",
  writablePaths: ["/srv/repo/.git"],
  readOnlyOverlays: ["/srv/repo/.git/config"],
  env: { PATH: "/usr/bin:/bin", HOME: "/tmp" },
};

/** The `[flag, …operands]` groups of an argv, in order. */
function groups(args: string[]): string[][] {
  const arity: Record<string, number> = {
    "--ro-bind": 2,
    "--bind": 2,
    "--symlink": 2,
    "--setenv": 2,
    "--tmpfs": 1,
    "--dev": 1,
    "--proc": 1,
    "--chdir": 1,
  };
  const out: string[][] = [];
  for (let i = 0; i < args.length; ) {
    const flag = args[i] as string;
    const n = arity[flag] ?? 0;
    out.push(args.slice(i, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

const index = (args: string[], ...group: string[]) =>
  groups(args).findIndex((candidate) => candidate.join("\0") === group.join("\0"));

describe("bwrapArgs", () => {
  it("unshares every namespace and keeps the network only when allowed", () => {
    expect(bwrapArgs(spec).slice(0, 4)).toEqual([
      "--die-with-parent",
      "--new-session",
      "--unshare-all",
      "--share-net",
    ]);
    expect(bwrapArgs({ ...spec, network: false })).not.toContain("--share-net");
    expect(bwrapArgs({ ...spec, network: false })).toContain("--unshare-all");
  });

  it("binds system directories read-only and recreates merged-/usr symlinks", () => {
    const args = bwrapArgs(spec);
    expect(index(args, "--ro-bind", "/usr", "/usr")).toBeGreaterThan(-1);
    expect(index(args, "--symlink", "usr/bin", "/bin")).toBeGreaterThan(-1);
    expect(index(args, "--ro-bind", "/opt/node", "/opt/node")).toBeGreaterThan(-1);
    expect(index(args, "--ro-bind", "/dev/null", "/etc/shadow")).toBeGreaterThan(-1);
    expect(groups(args).some((group) => group[0] === "--bind" && group[1] === "/")).toBe(false);
    expect(groups(args).some((group) => group[1] === "/")).toBe(false);
  });

  it("hides a workspace inside a system mount, then binds the working directory over it", () => {
    const args = bwrapArgs(spec);
    const hidden = index(args, "--tmpfs", "/usr/local/workspace");
    const work = index(args, "--bind", "/usr/local/workspace/demo", "/usr/local/workspace/demo");
    expect(hidden).toBeGreaterThan(index(args, "--ro-bind", "/usr", "/usr"));
    expect(work).toBeGreaterThan(hidden);
    expect(index(args, "--chdir", "/usr/local/workspace/demo")).toBeGreaterThan(work);
  });

  it("does not mount a hidden path that no system mount contains", () => {
    const args = bwrapArgs({ ...spec, hiddenPaths: ["/srv/workspace"] });
    expect(args).not.toContain("/srv/workspace");
  });

  it("gives a private /tmp, /dev and /proc before binding paths that may live under /tmp", () => {
    const args = bwrapArgs({ ...spec, workDir: "/tmp/ws/demo", readOnlyPaths: ["/tmp/skills"] });
    const tmp = index(args, "--tmpfs", "/tmp");
    expect(tmp).toBeGreaterThan(-1);
    expect(index(args, "--dev", "/dev")).toBeGreaterThan(-1);
    expect(index(args, "--proc", "/proc")).toBeGreaterThan(-1);
    expect(index(args, "--ro-bind", "/tmp/skills", "/tmp/skills")).toBeGreaterThan(tmp);
    expect(index(args, "--bind", "/tmp/ws/demo", "/tmp/ws/demo")).toBeGreaterThan(tmp);
  });

  it("binds the repository read-write with its config read-only after it", () => {
    const args = bwrapArgs(spec);
    const repo = index(args, "--bind", "/srv/repo/.git", "/srv/repo/.git");
    expect(repo).toBeGreaterThan(-1);
    expect(
      index(args, "--ro-bind", "/srv/repo/.git/config", "/srv/repo/.git/config"),
    ).toBeGreaterThan(repo);
  });

  it("clears the environment and sets only what it is given", () => {
    const args = bwrapArgs(spec);
    const clear = args.indexOf("--clearenv");
    expect(clear).toBeGreaterThan(-1);
    const env = groups(args).filter((group) => group[0] === "--setenv");
    expect(env).toEqual([
      ["--setenv", "PATH", "/usr/bin:/bin"],
      ["--setenv", "HOME", "/tmp"],
    ]);
    expect(index(args, "--setenv", "PATH", "/usr/bin:/bin")).toBeGreaterThan(
      groups(args).findIndex((group) => group[0] === "--clearenv"),
    );
  });
});

describe("shellQuote", () => {
  it("quotes words with spaces and quotes so the shell passes them unchanged", () => {
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
