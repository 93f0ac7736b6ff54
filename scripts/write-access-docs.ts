import { readFile, writeFile } from "node:fs/promises";
import { renderOperationsTable, spliceOperationsTable } from "../src/access/access-docs.js";
import { describeApi } from "../src/server/generate-document.js";

const target = new URL("../docs/access-control.md", import.meta.url);
const current = await readFile(target, "utf8");
await writeFile(target, spliceOperationsTable(current, renderOperationsTable(describeApi())));
process.stdout.write(`wrote ${target.pathname}\n`);
