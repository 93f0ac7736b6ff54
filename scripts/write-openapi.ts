import { writeFile } from "node:fs/promises";
import { generateOpenApiText } from "../src/server/generate-document.js";

const target = new URL("../openapi.json", import.meta.url);
await writeFile(target, generateOpenApiText());
process.stdout.write(`wrote ${target.pathname}\n`);
