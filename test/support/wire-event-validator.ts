import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import eventSchema from "../../src/contract/eventSchema.generated.json" with { type: "json" };

const schemaId = "https://pi-agent-server.invalid/event-schema.json";
const refPrefix = "#/components/schemas/";

/**
 * The event unions a stream can carry: session streams send CompactWireEvents (or
 * WireEvents with `?view=full`), `/tasks/events` TaskStreamEvents.
 */
export type EventRoot = "WireEvent" | "CompactWireEvent" | "TaskStreamEvent";

interface Validators {
  root: ValidateFunction;
  /** Per event `type`, the validators of the root's members carrying it. */
  members: Map<string, ValidateFunction[]>;
}
const validators = new Map<EventRoot, Validators>();
let ajv: Ajv2020 | undefined;

function compile(root: EventRoot): Validators {
  if (!ajv) {
    // Not strict: the typia output carries OpenAPI's `discriminator`, which ajv ignores here.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: schemaId, components: eventSchema.components });
  }
  const compiler = ajv;
  const byRef = (name: string) => compiler.compile({ $ref: `${schemaId}${refPrefix}${name}` });
  const schemas = eventSchema.components.schemas as unknown as Record<
    string,
    { oneOf?: { $ref: string }[]; properties?: { type?: { const?: string } } }
  >;
  const members = new Map<string, ValidateFunction[]>();
  for (const { $ref } of schemas[root]?.oneOf ?? []) {
    const name = $ref.slice(refPrefix.length);
    const type = schemas[name]?.properties?.type?.const ?? "";
    members.set(type, [...(members.get(type) ?? []), byRef(name)]);
  }
  return { root: byRef(root), members };
}

/**
 * Why `data` is not a valid `root` event (default `WireEvent`) according to the generated
 * schema (`src/contract/eventSchema.generated.json`), or `undefined` when it is. The reason
 * names the failing fields of the member schema matching the event's `type`.
 */
export function wireEventViolation(
  data: unknown,
  root: EventRoot = "WireEvent",
): string | undefined {
  let compiled = validators.get(root);
  if (!compiled) {
    compiled = compile(root);
    validators.set(root, compiled);
  }
  if (compiled.root(data)) return undefined;
  const type = (data as { type?: unknown } | null)?.type;
  const candidates = compiled.members.get(typeof type === "string" ? type : "") ?? [];
  if (candidates.length === 0) {
    return `event type ${JSON.stringify(type)} is not modelled by the ${root} schema`;
  }
  const reasons = candidates.map((validate) => {
    validate(data);
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`)
      .join("; ");
  });
  return `${JSON.stringify(type)} event does not match the ${root} schema: ${reasons.join(" | ")}`;
}
