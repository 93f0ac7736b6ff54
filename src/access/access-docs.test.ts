import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { describeApi } from "../server/generate-document.js";
import {
  operationsEnd,
  operationsStart,
  renderOperationsTable,
  spliceOperationsTable,
} from "./access-docs.js";

const repoFile = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), "utf8");
const regenerate =
  "out of date: run `npx tsx scripts/write-access-docs.ts` and commit docs/access-control.md";

describe("docs/access-control.md", () => {
  it("holds the operations table rendered from the route definitions", async () => {
    const doc = await repoFile("docs/access-control.md");
    expect(doc, regenerate).toBe(spliceOperationsTable(doc, renderOperationsTable(describeApi())));
    expect(doc.split(operationsStart)).toHaveLength(2);
  });

  it("has one row per documented operation, with the roles its declaration allows", () => {
    const document = describeApi();
    const table = renderOperationsTable(document);
    const rows = table.split("\n").filter((line) => line.startsWith("| `"));
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>),
    );
    expect(rows).toHaveLength(operations.length);
    expect(table).toContain(
      "| `tokens.create` | `POST /v1/tokens` | admin | 403 | 403 | ✓ | no (403) |",
    );
    expect(table).toContain(
      "| `tasks.approve` | `POST /v1/projects/{projectId}/tasks/{taskId}/approve` | operator | 403 | ✓ | ✓ | its projects (others 404) |",
    );
    expect(table).toContain(
      "| `projects.list` | `GET /v1/projects` | viewer | ✓ | ✓ | ✓ | its projects only |",
    );
    expect(table).toContain("| `access.whoami` | `GET /v1/whoami` | viewer | ✓ | ✓ | ✓ | yes |");
    expect(table).toContain(
      "| `tasks.submit` | `POST /v1/projects/{projectId}/tasks` | webhook secret | — | — | — | — |",
    );
  });

  it("replaces only what lies between the markers, and refuses a text without them", () => {
    const text = `before\n${operationsStart}\nold\n${operationsEnd}\nafter\n`;
    expect(spliceOperationsTable(text, `${operationsStart}\nnew\n${operationsEnd}`)).toBe(
      `before\n${operationsStart}\nnew\n${operationsEnd}\nafter\n`,
    );
    expect(() => spliceOperationsTable("no markers", "x")).toThrow(/markers/);
  });
});
