// Runs `npm run build` only when the sources that `dist/` (server and console) is built from have changed
// since the last build, so a second `npm start` starts at once. The sources are
// fingerprinted by content (not mtime), so a checkout or a copy does not fool it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stampFile = join(root, "dist", ".build-fingerprint");
const inputs = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "packages/console/package.json",
  "packages/console/index.html",
  "packages/console/vite.config.ts",
];
const sourceDirs = ["src", "packages/console/src", "packages/console/public"];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".test.ts") ? [] : [path];
  });
}

function fingerprint() {
  const hash = createHash("sha256");
  const files = [
    ...inputs.map((name) => join(root, name)),
    ...sourceDirs.flatMap((dir) => sourceFiles(join(root, dir))),
  ];
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const wanted = fingerprint();
const built = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
const outputs = [join(root, "dist", "server.js"), join(root, "dist", "ui", "index.html")];
if (built === wanted && outputs.every((file) => existsSync(file))) process.exit(0);

const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, `${wanted}\n`);
