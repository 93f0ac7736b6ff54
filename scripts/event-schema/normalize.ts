/**
 * Turns typia's raw JSON-schema collection for `WireEvent` into the committed contract:
 * stable component names, string enums, one named component per event, and the list
 * of modelled event types. Pure and deterministic, so regenerating is byte-stable.
 */

export type JsonSchema = { [key: string]: unknown };

export interface RawCollection {
  components: { schemas?: Record<string, JsonSchema> };
}

export interface EventSchemaFile {
  $comment: string;
  piVersion: string;
  /** Every `type` a WireEvent can carry, sorted. */
  eventTypes: string[];
  components: { schemas: Record<string, JsonSchema> };
}

/**
 * typia names a generic instantiation after its arguments (`CustomMessage<unknown>` →
 * `CustomMessageunknown`). These get their plain names back; a pi upgrade that adds
 * another one fails the generator until it is listed here.
 */
const genericRenames: Record<string, string> = {
  ToolResultMessageany: "ToolResultMessage",
  CustomMessageunknown: "CustomMessage",
  CompactionResultunknown: "CompactionResult",
};

const refPrefix = "#/components/schemas/";

/** The unions of events the schema publishes; inline members get one named component each. */
const eventUnions = ["WireEvent", "CompactWireEvent"];
const anyObject: JsonSchema = { type: "object", additionalProperties: {} };

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Applies `visit` bottom-up to every schema-like object in `value`. */
function mapDeep(value: unknown, visit: (node: JsonSchema) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, visit));
  if (!isObject(value)) return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) out[key] = mapDeep(child, visit);
  return visit(out);
}

function refName(node: JsonSchema): string | undefined {
  const ref = node.$ref;
  return typeof ref === "string" && ref.startsWith(refPrefix)
    ? ref.slice(refPrefix.length)
    : undefined;
}

/** `{ oneOf: [{ const: "a" }, { const: "b" }] }` → `{ type: "string", enum: ["a", "b"] }`. */
function toStringEnum(node: JsonSchema): JsonSchema {
  const members = node.oneOf;
  if (!Array.isArray(members) || members.length === 0) return node;
  const values: string[] = [];
  for (const member of members) {
    if (!isObject(member) || Object.keys(member).length !== 1) return node;
    if (typeof member.const !== "string") return node;
    values.push(member.const);
  }
  const { oneOf: _members, ...rest } = node;
  return { type: "string", enum: values, ...rest };
}

const pascal = (snake: string) =>
  snake
    .split(/[_-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** The discriminant of an event schema: `properties.type.const`. */
function eventType(schema: JsonSchema): string | undefined {
  const properties = schema.properties;
  if (!isObject(properties) || !isObject(properties.type)) return undefined;
  const value = properties.type.const;
  return typeof value === "string" ? value : undefined;
}

/**
 * Normalises typia's output. Throws when a component name cannot be made stable, so a
 * pi upgrade never silently publishes names like `Fooany` or `Bar.o1`.
 */
export function normalizeEventSchema(raw: RawCollection, piVersion: string): EventSchemaFile {
  const input = raw.components.schemas ?? {};
  const renames = new Map<string, string | JsonSchema>();
  for (const [name, schema] of Object.entries(input)) {
    const duplicate = /^(.+)\.o\d+$/.exec(name);
    if (duplicate?.[1] !== undefined) {
      if (JSON.stringify(input[duplicate[1]]) !== JSON.stringify(schema)) {
        throw new Error(`typia produced a variant ${name} that differs from ${duplicate[1]}`);
      }
      renames.set(name, genericRenames[duplicate[1]] ?? duplicate[1]);
    } else if (/^Recordstring(any|unknown)$/.test(name)) {
      renames.set(name, anyObject);
    } else if (genericRenames[name]) {
      renames.set(name, genericRenames[name]);
    }
  }

  const rewrite = (node: JsonSchema): unknown => {
    const target = refName(node);
    const replacement = target === undefined ? undefined : renames.get(target);
    if (typeof replacement === "string") return { ...node, $ref: `${refPrefix}${replacement}` };
    if (replacement) return replacement;
    if (isObject(node.mapping)) {
      const mapping: Record<string, unknown> = {};
      for (const [key, ref] of Object.entries(node.mapping)) {
        const name = typeof ref === "string" ? ref.slice(refPrefix.length) : "";
        const renamed = renames.get(name);
        mapping[key] = typeof renamed === "string" ? `${refPrefix}${renamed}` : ref;
      }
      return { ...node, mapping };
    }
    return toStringEnum(node);
  };

  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(input)) {
    if (renames.has(name) && typeof renames.get(name) !== "string") continue;
    const finalName = (renames.get(name) as string | undefined) ?? name;
    if (finalName !== name && schemas[finalName]) continue;
    schemas[finalName] = mapDeep(schema, rewrite) as JsonSchema;
  }

  const eventTypes = new Set<string>();
  for (const union of eventUnions) {
    const members = schemas[union]?.oneOf;
    if (!Array.isArray(members)) throw new Error(`typia output has no ${union} union`);
    (schemas[union] as JsonSchema).oneOf = members.map((member: unknown) => {
      if (!isObject(member)) throw new Error(`${union} member is not a schema`);
      const named = refName(member);
      const schema = named === undefined ? member : schemas[named];
      const type = schema && eventType(schema);
      if (!schema || type === undefined) {
        throw new Error(`${union} member without a string "type": ${JSON.stringify(member)}`);
      }
      eventTypes.add(type);
      if (named !== undefined) return member;
      const name = `${pascal(type)}Event`;
      const taken = schemas[name];
      if (taken && JSON.stringify(taken) !== JSON.stringify(member)) {
        throw new Error(`Cannot name the ${type} event ${name}: already taken`);
      }
      schemas[name] = member;
      return { $ref: `${refPrefix}${name}` };
    });
  }

  for (const name of Object.keys(schemas)) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name) || /(any|unknown|never)$/.test(name)) {
      throw new Error(
        `Unstable component name ${name}: map it in genericRenames (scripts/event-schema/normalize.ts)`,
      );
    }
  }

  const sorted: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name] as JsonSchema;
  return {
    $comment:
      "Generated by `npm run gen:event-schema` from pi's AgentSessionEvent and src/contract/server-events.ts. Do not edit.",
    piVersion,
    eventTypes: [...eventTypes].sort(),
    components: { schemas: sorted },
  };
}
