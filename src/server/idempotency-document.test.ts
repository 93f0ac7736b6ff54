import { describe, expect, it } from "vitest";
import { describeApi } from "./generate-document.js";
import { routePolicy } from "./routers.js";

interface Operation {
  operationId?: string;
  "x-idempotency-key"?: boolean;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, unknown>;
}

const idempotentOperations = [
  "sessions.create",
  "sessions.followUp",
  "sessions.prompt",
  "sessions.steer",
  "tasks.submit",
];

describe("Idempotency-Key in the document and the policy", () => {
  const operations = Object.values(describeApi().paths ?? {}).flatMap(
    (item) => Object.values(item as Record<string, Operation>) as Operation[],
  );

  it("documents the optional header, with 409 and 422, on exactly the marked operations", () => {
    const withHeader = operations.filter((op) =>
      op.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key"),
    );
    expect(withHeader.map((op) => op.operationId).sort()).toEqual(idempotentOperations);
    for (const op of withHeader) {
      expect(op["x-idempotency-key"]).toBe(true);
      const header = op.parameters?.find((p) => p.name === "Idempotency-Key");
      expect(header?.required).toBe(false);
      expect(Object.keys(op.responses ?? {})).toEqual(expect.arrayContaining(["409", "422"]));
    }
    const marked = operations.filter((op) => op["x-idempotency-key"] === true);
    expect(marked).toHaveLength(idempotentOperations.length);
  });

  it("hands the middleware exactly the same routes", () => {
    const idempotent = routePolicy("/v1")
      .routes.filter((route) => route.idempotent)
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(idempotent).toEqual([
      "POST /v1/projects/{projectId}/sessions",
      "POST /v1/projects/{projectId}/sessions/{sessionId}/follow-up",
      "POST /v1/projects/{projectId}/sessions/{sessionId}/prompt",
      "POST /v1/projects/{projectId}/sessions/{sessionId}/steer",
      "POST /v1/projects/{projectId}/tasks",
    ]);
  });
});
