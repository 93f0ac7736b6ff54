import openapiTS, { astToString } from "openapi-typescript";
import type { EventSchemaFile } from "./normalize.js";

const header = `/**
 * WireEvent and its member types, generated from eventSchema.generated.json by
 * \`npm run gen:event-schema\` with openapi-typescript — the same types a consumer gets by
 * running openapi-typescript on openapi.json. Do not edit.
 */
`;

/**
 * TypeScript declarations of every component of the event schema, with a top-level
 * alias per component (\`WireEvent\`, \`AssistantMessage\`, …).
 */
export async function renderWireEventTypes(file: EventSchemaFile): Promise<string> {
  const document = {
    openapi: "3.1.0",
    info: { title: "WireEvent", version: file.piVersion },
    paths: {},
    components: file.components,
  };
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
    silent: true,
  });
  return `${header}${astToString(ast)}`;
}
