import { readFile } from "node:fs/promises";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { wireEventSchemas } from "../contract/wire-event-schema.js";
import { generateOpenApiText } from "./generate-document.js";

const committedPath = new URL("../../openapi.json", import.meta.url);
const methods = ["get", "put", "post", "delete", "patch"] as const;

interface Operation {
  operationId?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe("openapi.json", () => {
  it("matches what the code produces (run `npm run build` after changing routes)", async () => {
    const committed = await readFile(committedPath, "utf8");
    expect(committed === generateOpenApiText(), "openapi.json is stale: run `npm run build`").toBe(
      true,
    );
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const document = JSON.parse(generateOpenApiText());
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(document);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("gives every operation a unique operationId, a tag and problem responses", async () => {
    const document = JSON.parse(generateOpenApiText());
    const ids: string[] = [];
    for (const [path, item] of Object.entries(
      document.paths as Record<string, Record<string, Operation>>,
    )) {
      for (const method of methods) {
        const operation = item[method];
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
        ids.push(operation.operationId as string);
        expect(operation.tags?.length, where).toBeGreaterThan(0);
        for (const status of ["401", "500"]) {
          expect(operation.responses[status]?.content, `${where} ${status}`).toHaveProperty(
            "application/problem+json",
          );
        }
        if (path.includes("{")) {
          expect(operation.responses["400"], `${where} 400`).toBeDefined();
        }
      }
    }
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("holds every WireEvent component, unchanged by same-named REST schemas", async () => {
    const schemas = JSON.parse(generateOpenApiText()).components.schemas;
    const withoutDescription = (schema: Record<string, unknown>) => {
      const { description: _description, ...rest } = schema;
      return rest;
    };
    for (const [name, schema] of Object.entries(wireEventSchemas)) {
      expect(
        withoutDescription(schemas[name] ?? {}),
        `component ${name} differs between the REST schemas and the event schema: rename one`,
      ).toEqual(withoutDescription(schema));
    }
    for (const name of ["WireEvent", "AssistantMessage", "ToolCall", "UserMessage"]) {
      expect(schemas, name).toHaveProperty(name);
    }
  });

  it("documents the session stream in both views, and its JSON page", async () => {
    const document = JSON.parse(generateOpenApiText());
    const events = document.paths["/v1/projects/{projectId}/sessions/{sessionId}/events"].get;
    expect(events.operationId).toBe("sessions.events");
    const content = events.responses["200"].content;
    expect(content["text/event-stream"].schema.anyOf).toEqual([
      { $ref: "#/components/schemas/CompactWireEvent" },
      { $ref: "#/components/schemas/WireEvent" },
    ]);
    expect(content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/SessionEventPage",
    });
    const view = events.parameters.find((p: { name: string }) => p.name === "view");
    expect(view.schema.enum).toEqual(["compact", "full"]);
  });
});
