import { type Role, requiredRoleKey, roles } from "../contract/roles.js";

/** What the renderer reads of an OpenAPI document. */
export interface DocumentPaths {
  paths?: Record<string, object> | undefined;
}

const methods = ["get", "put", "post", "delete", "patch"];

export const operationsStart = "<!-- operations:start -->";
export const operationsEnd = "<!-- operations:end -->";

/** What a token limited to some projects may do with an operation. */
function scopeCell(path: string, operation: Record<string, unknown>): string {
  if (operation.security !== undefined) return "—";
  const data = operation["x-project-data"];
  if (data === "none") return "yes";
  if (data === "filtered") return "its projects only";
  if (path.includes("{projectId}") || /^\/[^/]+\/projects\/\{id\}/.test(path)) {
    return "its projects (others 404)";
  }
  return "no (403)";
}

/**
 * The table of every operation in `document` with the least role it requires, which
 * roles may call it and what a project-scoped token may do with it: the generated part of
 * `docs/access-control.md`, between the `operations:start` / `operations:end` markers.
 */
export function renderOperationsTable(document: DocumentPaths): string {
  const lines = [
    operationsStart,
    "<!-- Generated from the route definitions by `npx tsx scripts/write-access-docs.ts`; do not edit. -->",
    "",
    `| Operation | Request | Least role | ${roles.join(" | ")} | Project-scoped token |`,
    `|---|---|---|${roles.map(() => "---|").join("")}---|`,
  ];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      const operation = value as Record<string, unknown>;
      const needed = operation[requiredRoleKey] as Role | undefined;
      const least = needed ?? "webhook secret";
      const allowed = roles.map((role) =>
        needed === undefined ? "—" : roles.indexOf(role) >= roles.indexOf(needed) ? "✓" : "403",
      );
      lines.push(
        `| \`${String(operation.operationId)}\` | \`${method.toUpperCase()} ${path}\` | ${least} | ${allowed.join(" | ")} | ${scopeCell(path, operation)} |`,
      );
    }
  }
  lines.push(operationsEnd);
  return lines.join("\n");
}

/** `markdown` with its generated operations table replaced by `table`. */
export function spliceOperationsTable(markdown: string, table: string): string {
  const start = markdown.indexOf(operationsStart);
  const end = markdown.indexOf(operationsEnd);
  if (start < 0 || end < start) throw new Error("no operations:start / operations:end markers");
  return `${markdown.slice(0, start)}${table}${markdown.slice(end + operationsEnd.length)}`;
}
