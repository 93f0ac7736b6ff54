import { readFileSync } from "node:fs";

/** The server's version, read from its package.json (same relative path from `src/` and `dist/`). */
export function readPackageVersion(): string {
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  const { version } = JSON.parse(text) as { version?: unknown };
  return typeof version === "string" ? version : "0.0.0";
}
