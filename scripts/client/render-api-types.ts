import openapiTS, { astToString } from "openapi-typescript";

const header = `/**
 * The REST API's \`paths\`, \`operations\` and \`components\`, generated from openapi.json by
 * \`npm run build\` with openapi-typescript — the same types a consumer gets by running
 * openapi-typescript on openapi.json. Do not edit.
 */
`;

/** TypeScript declarations of the API described by `openapiText` (openapi.json's text). */
export async function renderApiTypes(openapiText: string): Promise<string> {
  const ast = await openapiTS(openapiText, { silent: true });
  return `${header}${astToString(ast)}`;
}
