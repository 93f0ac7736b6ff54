import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const templateDir = fileURLToPath(
  new URL("../../builder-agent/templates/vite-spa", import.meta.url),
);
const read = (path: string) => readFileSync(join(templateDir, path), "utf8");

describe("vite-spa template contents", () => {
  it("ships no build output or installed dependencies", () => {
    expect(existsSync(join(templateDir, "node_modules"))).toBe(false);
    expect(existsSync(join(templateDir, "dist"))).toBe(false);
  });

  it.each([
    ".pi/AGENTS.md",
    ".dockerignore",
    ".gitignore",
    "Dockerfile",
    "index.html",
    "nginx.conf",
    "package-lock.json",
    "package.json",
    "src/main.ts",
    "src/style.css",
    "tsconfig.json",
  ])("has %s", (path) => {
    expect(existsSync(join(templateDir, path))).toBe(true);
  });

  it("pins exact dependency versions and defines dev, build and preview", () => {
    const pkg = JSON.parse(read("package.json"));
    expect(Object.keys(pkg.scripts).sort()).toEqual(["build", "dev", "preview"]);
    expect(pkg.scripts.build).toBe("tsc --noEmit && vite build");
    const versions = Object.values<string>({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("locks the native binaries of every platform so npm ci works on Alpine and macOS", () => {
    const lock = JSON.parse(read("package-lock.json"));
    const packages: Record<string, { optionalDependencies?: Record<string, string> }> =
      lock.packages;
    for (const tool of ["rollup", "esbuild"]) {
      const optional = Object.keys(packages[`node_modules/${tool}`]?.optionalDependencies ?? {});
      expect(optional.length).toBeGreaterThan(10);
      const missing = optional.filter((name) => !(`node_modules/${name}` in packages));
      expect(missing).toEqual([]);
    }
    expect(packages).toHaveProperty(["node_modules/@rollup/rollup-linux-x64-musl"]);
  });

  it("builds with Node and serves the bundle from a single nginx runtime stage", () => {
    const stages = read("Dockerfile")
      .split("\n")
      .filter((line) => line.startsWith("FROM "));
    expect(stages).toHaveLength(2);
    expect(stages[0]).toBe("FROM node:20-alpine AS build");
    expect(stages[1]).toBe("FROM nginx:alpine");
    expect(read("Dockerfile")).toContain("RUN npm ci");
    expect(read("Dockerfile")).toContain("COPY --from=build /app/dist /usr/share/nginx/html");
  });

  it("keeps dependencies, output and agent config out of the image context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", "dist", ".git", ".pi"]) expect(ignored).toContain(entry);
  });

  it("listens on 80, falls back to index.html and caches hashed assets", () => {
    const conf = read("nginx.conf");
    expect(conf).toMatch(/listen 80;/);
    expect(conf).toContain("try_files $uri $uri/ /index.html;");
    expect(conf).toMatch(/location \/assets\/ \{[^}]*max-age=31536000, immutable/);
  });

  it("tells the agent where ports live and which skill deploys", () => {
    const agents = read(".pi/AGENTS.md");
    expect(agents).toContain(".pi/deployment.json");
    expect(agents).toMatch(/never invent/i);
    expect(agents).toContain("deploy-app");
    expect(agents).toMatch(/nginx/);
  });
});

describe("vite-spa template build", () => {
  it("installs from the lockfile and builds dist/index.html", { timeout: 180_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), "vite-spa-"));
    try {
      cpSync(templateDir, work, {
        recursive: true,
        filter: (src) => !["node_modules", "dist"].includes(basename(src)),
      });
      const run = (args: string[]) =>
        execFileSync("npm", args, { cwd: work, stdio: "pipe", encoding: "utf8" });
      run(["ci", "--no-audit", "--no-fund"]);
      run(["run", "build"]);

      const html = readFileSync(join(work, "dist", "index.html"), "utf8");
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
      expect(existsSync(join(work, "dist", "assets"))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
