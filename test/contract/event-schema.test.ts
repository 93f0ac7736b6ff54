import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { stringLiteralUnions } from "#test-support/type-probe.js";
import { wireEventViolation } from "#test-support/wire-event-validator.js";
import eventSchema from "../../src/contract/eventSchema.generated.json" with { type: "json" };

const run = promisify(execFile);
const generatedFiles = ["eventSchema.generated.json", "wire-event.generated.ts"];
const schemas = eventSchema.components.schemas as Record<string, Record<string, unknown>>;

/** The `type` constants of WireEvent's members, read from the schema itself. */
function schemaDiscriminants(): string[] {
  const members = (schemas.WireEvent?.oneOf ?? []) as { $ref: string }[];
  const types = members.map((member) => {
    const schema = schemas[member.$ref.replace("#/components/schemas/", "")];
    const properties = schema?.properties as { type?: { const?: string } } | undefined;
    return properties?.type?.const ?? `(no type in ${member.$ref})`;
  });
  return [...new Set(types)].sort();
}

/** The event types as pi's and the server's TypeScript declarations define them. */
let declared: Record<string, string[]> | undefined;
function declaredTypes(): { pi: string[]; server: string[] } {
  declared ??= stringLiteralUnions(
    [
      'import type { AgentSessionEvent } from "@mariozechner/pi-coding-agent";',
      'import type { ServerEvent } from "../src/contract/server-events.js";',
      'export type Pi = AgentSessionEvent["type"];',
      'export type Server = ServerEvent["type"];',
    ].join("\n"),
  );
  return { pi: declared.Pi ?? [], server: declared.Server ?? [] };
}

describe("the generated WireEvent schema", () => {
  const tempDir = useTempDirs();

  it("is what `npm run gen:event-schema` produces (byte for byte)", async () => {
    const outDir = await tempDir();
    // Inside the repository so the compiled generator resolves its node_modules.
    const cacheDir = join(repoRoot, "node_modules/.cache");
    await mkdir(cacheDir, { recursive: true });
    const buildDir = await mkdtemp(join(cacheDir, "gen-event-schema-test-"));
    try {
      await run(
        process.execPath,
        [
          join(repoRoot, "node_modules/ts-patch/bin/tspc.js"),
          ...["-p", "tsconfig.gen.json", "--outDir", buildDir],
        ],
        { cwd: repoRoot },
      );
      await run(
        process.execPath,
        [join(buildDir, "scripts/genEventSchema.js"), "--out-dir", outDir],
        { cwd: repoRoot },
      );
    } finally {
      await rm(buildDir, { recursive: true, force: true });
    }
    for (const name of generatedFiles) {
      const committed = await readFile(join(repoRoot, "src/contract", name), "utf8");
      const fresh = await readFile(join(outDir, name), "utf8");
      expect(
        committed === fresh,
        `src/contract/${name} is stale: run \`npm run gen:event-schema\``,
      ).toBe(true);
    }
  }, 120_000);

  it("models every event type pi's AgentSessionEvent can carry", () => {
    const piTypes = declaredTypes().pi;
    expect(piTypes).toEqual(expect.arrayContaining(["agent_start", "message_update"]));
    expect(piTypes.length).toBeGreaterThanOrEqual(15);
    expect(schemaDiscriminants()).toEqual(expect.arrayContaining(piTypes));
    expect(eventSchema.eventTypes).toEqual(expect.arrayContaining(piTypes));
  });

  it("models exactly pi's events plus the server's, and lists them in eventTypes", () => {
    const { pi, server } = declaredTypes();
    const union = [...new Set([...pi, ...server])].sort();
    expect(server).toEqual(expect.arrayContaining(["extension_ui_request", "replay_gap"]));
    expect(schemaDiscriminants()).toEqual(union);
    expect(eventSchema.eventTypes).toEqual(union);
  });

  it("names the message types a client needs", () => {
    for (const name of [
      "WireEvent",
      "AgentMessage",
      "AssistantMessage",
      "AssistantMessageEvent",
      "ToolCall",
      "UserMessage",
      "ToolResultMessage",
      "MessageUpdateEvent",
      "ExtensionUiDialogRequest",
    ]) {
      expect(schemas, name).toHaveProperty(name);
    }
  });

  it("accepts well-formed events and explains malformed ones", () => {
    expect(wireEventViolation({ type: "agent_start" })).toBeUndefined();
    expect(wireEventViolation({ type: "session_status", status: "idle" })).toBeUndefined();
    expect(wireEventViolation({ type: "session_status", status: "asleep" })).toMatch(
      /session_status.*\/status/,
    );
    expect(wireEventViolation({ type: "tool_execution_end", toolCallId: "x" })).toMatch(
      /must have required property/,
    );
    expect(wireEventViolation({ type: "no_such_event" })).toMatch(/not modelled/);
    const deleted = { type: "task_deleted", taskId: "t1", projectId: "demo", at: "now" };
    expect(wireEventViolation(deleted, "TaskStreamEvent")).toBeUndefined();
    expect(wireEventViolation(deleted)).toMatch(/not modelled by the WireEvent schema/);
  });
});
