import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import eventSchema from "../../src/contract/eventSchema.generated.json" with { type: "json" };

const schemaId = "https://pi-agent-server.invalid/event-schema.json";
const refPrefix = "#/components/schemas/";

interface Validators {
  wireEvent: ValidateFunction;
  /** Per event `type`, the validators of the WireEvent members carrying it. */
  members: Map<string, ValidateFunction[]>;
}
let validators: Validators | undefined;

function compile(): Validators {
  // Not strict: the typia output carries OpenAPI's `discriminator`, which ajv ignores here.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: schemaId, components: eventSchema.components });
  const byRef = (name: string) => ajv.compile({ $ref: `${schemaId}${refPrefix}${name}` });
  const schemas = eventSchema.components.schemas as unknown as Record<
    string,
    { oneOf?: { $ref: string }[]; properties?: { type?: { const?: string } } }
  >;
  const members = new Map<string, ValidateFunction[]>();
  for (const { $ref } of schemas.WireEvent?.oneOf ?? []) {
    const name = $ref.slice(refPrefix.length);
    const type = schemas[name]?.properties?.type?.const ?? "";
    members.set(type, [...(members.get(type) ?? []), byRef(name)]);
  }
  return { wireEvent: byRef("WireEvent"), members };
}

/**
 * Why `data` is not a valid WireEvent according to the generated schema
 * (`src/contract/eventSchema.generated.json`), or `undefined` when it is. The reason
 * names the failing fields of the member schema matching the event's `type`.
 */
export function wireEventViolation(data: unknown): string | undefined {
  validators ??= compile();
  if (validators.wireEvent(data)) return undefined;
  const type = (data as { type?: unknown } | null)?.type;
  const candidates = validators.members.get(typeof type === "string" ? type : "") ?? [];
  if (candidates.length === 0) {
    return `event type ${JSON.stringify(type)} is not modelled by the WireEvent schema`;
  }
  const reasons = candidates.map((validate) => {
    validate(data);
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`)
      .join("; ");
  });
  return `${JSON.stringify(type)} event does not match the WireEvent schema: ${reasons.join(" | ")}`;
}
