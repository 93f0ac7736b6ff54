import { writeFile } from "node:fs/promises";
import { generateOpenApiText } from "../src/server/generate-document.js";
import { renderApiTypes } from "./client/render-api-types.js";

const target = new URL("../openapi.json", import.meta.url);
const text = generateOpenApiText();
await writeFile(target, text);
process.stdout.write(`wrote ${target.pathname}\n`);

const types = new URL("../src/contract/openapi.generated.ts", import.meta.url);
await writeFile(types, await renderApiTypes(text));
process.stdout.write(`wrote ${types.pathname}\n`);
