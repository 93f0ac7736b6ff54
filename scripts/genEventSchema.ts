/**
 * Writes the WireEvent contract: `src/contract/eventSchema.generated.json` (JSON schema
 * components, merged into openapi.json) and `src/contract/wire-event.generated.ts` (the
 * same types for TypeScript code that must not import pi). Run after a pi upgrade or a
 * change to src/contract/server-events.ts:
 *
 *   npm run gen:event-schema            # writes into src/contract
 *   … genEventSchema.js --out-dir DIR   # writes into DIR (the drift test)
 *
 * Compiled with the typia transform (tsconfig.gen.json, `tspc`); nothing else needs it.
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import typia from "typia";
import type { CompactWireEvent } from "../src/contract/compact-events.js";
import type { TaskStreamEvent } from "../src/contract/server-events.js";
import type { WireEvent } from "../src/contract/wire-event.js";
import { normalizeEventSchema, type RawCollection } from "./event-schema/normalize.js";
import { renderWireEventTypes } from "./event-schema/render-types.js";

export const schemaFileName = "eventSchema.generated.json";
export const typesFileName = "wire-event.generated.ts";

function piVersion(): string {
  const entry = import.meta.resolve("@mariozechner/pi-coding-agent");
  const manifest = new URL("../package.json", entry);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

const flag = process.argv.indexOf("--out-dir");
const outDir = resolve(flag >= 0 ? (process.argv[flag + 1] ?? ".") : "src/contract");
const raw = typia.json.schemas<
  [WireEvent, CompactWireEvent, TaskStreamEvent],
  "3.1"
>() as unknown as RawCollection;
const file = normalizeEventSchema(raw, piVersion());
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, schemaFileName), `${JSON.stringify(file, null, 2)}\n`);
await writeFile(join(outDir, typesFileName), await renderWireEventTypes(file));
process.stdout.write(
  `wrote ${file.eventTypes.length} event types, ${Object.keys(file.components.schemas).length} schemas to ${outDir}\n`,
);
