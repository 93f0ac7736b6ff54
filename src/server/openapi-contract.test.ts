import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { problemContentType } from "../http/problem.js";
import { generateOpenApiText } from "./generate-document.js";

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  description?: string;
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

const methods = ["get", "put", "post", "delete", "patch"] as const;
const schemaKeys = ["type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const", "properties"];
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

let document: Json;
beforeAll(async () => {
  document = JSON.parse(generateOpenApiText());
});

function operations(): Array<[string, Operation]> {
  const found: Array<[string, Operation]> = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const method of methods) {
      const operation = item[method] as Operation | undefined;
      if (operation) found.push([`${method.toUpperCase()} ${path}`, operation]);
    }
  }
  return found;
}

const pointer = (path: readonly string[]) =>
  `#/${path.map((key) => encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/")}`;

/** Every `pattern` in the document, with where it is. */
function patterns(node: unknown, path: string[] = [], found: Array<[string, string]> = []) {
  if (!node || typeof node !== "object") return found;
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "examples") continue;
    if (key === "pattern" && typeof value === "string") found.push([pointer(path), value]);
    else patterns(value, [...path, key], found);
  }
  return found;
}

interface ExampleCase {
  where: string;
  schema: string;
  value: unknown;
}

/**
 * Every example with the schema it illustrates: `example`/`examples` of a schema, and of a
 * parameter or media type (against its `schema`).
 */
function examples(node: unknown, path: string[] = [], found: ExampleCase[] = []) {
  if (!node || typeof node !== "object") return found;
  const object = node as Json;
  const here = pointer(path);
  const isSchema = !Array.isArray(node) && schemaKeys.some((key) => key in object);
  const target = "schema" in object ? pointer([...path, "schema"]) : isSchema ? here : undefined;
  if (target) {
    if ("example" in object) found.push({ where: here, schema: target, value: object.example });
    const many = object.examples;
    if (Array.isArray(many)) {
      for (const [i, value] of many.entries()) {
        found.push({ where: `${here}/examples/${i}`, schema: target, value });
      }
    } else if (many && typeof many === "object") {
      for (const [name, example] of Object.entries(many as Record<string, { value?: unknown }>)) {
        found.push({ where: `${here}/examples/${name}`, schema: target, value: example.value });
      }
    }
  }
  for (const [key, value] of Object.entries(object)) {
    if (key !== "example" && key !== "examples") examples(value, [...path, key], found);
  }
  return found;
}

describe("issue 14.5: every pattern compiles with the u flag and every example validates", () => {
  it("compiles every pattern as an ECMA-262 regex with the u flag, without a leaked flag", () => {
    const found = patterns(document);
    expect(found.length).toBeGreaterThan(0);
    for (const [where, pattern] of found) {
      expect(() => new RegExp(pattern, "u"), where).not.toThrow();
      expect(pattern, where).not.toMatch(/\/[dgimsuvy]+$/);
    }
  });

  it("accepts the task text fields' own examples and rejects control characters", () => {
    const createTask = (document.components as { schemas: Record<string, Json> }).schemas
      .CreateTask as { properties: Record<string, { pattern?: string; example?: string }> };
    for (const field of ["title", "source", "externalId"]) {
      const { pattern, example } = createTask.properties[field] ?? {};
      const regex = new RegExp(pattern ?? "(?!)", "u");
      expect(regex.test(example ?? ""), field).toBe(true);
      expect(regex.test("line\nbreak"), field).toBe(false);
    }
  });

  it("validates every example against its schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const id = "https://pi-agent-server.invalid/openapi.json";
    ajv.addSchema({ ...document, $id: id });
    const found = examples(document);
    expect(found.length).toBeGreaterThan(30);
    const failures = found.flatMap(({ where, schema, value }) => {
      const validate = ajv.compile({ $ref: `${id}${schema}` });
      if (validate(value)) return [];
      return [`${where}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
  });
});

describe("issue 14.6: every operation with a request body documents 413 and 415", () => {
  it("answers both with problem documents", () => {
    const withBody = operations().filter(([, operation]) => operation.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(17);
    for (const [where, operation] of withBody) {
      for (const status of ["413", "415"]) {
        expect(operation.responses[status]?.content, `${where} ${status}`).toHaveProperty(
          problemContentType,
        );
      }
    }
  });
});

describe("issue 14.9: the document names its servers and licence, describes every operation and exemplifies every body", () => {
  it("has servers and the package's licence", async () => {
    const manifest = JSON.parse(await readFile(`${repoRoot}package.json`, "utf8"));
    expect((document.servers as unknown[]).length).toBeGreaterThan(0);
    expect((document.info as { license?: { name: string } }).license?.name).toBe(manifest.license);
  });

  it("gives every operation a description beyond its summary", () => {
    for (const [where, operation] of operations()) {
      expect(operation.description?.trim().length ?? 0, where).toBeGreaterThan(40);
    }
  });

  it("gives every request body an example", () => {
    for (const [where, operation] of operations()) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        expect(media.example ?? media.examples, `${where} ${type}`).toBeDefined();
      }
    }
  });
});
