import { writeFile } from "node:fs/promises";
import { renderConfigurationDoc, renderEnvExample } from "../src/config/config-docs.js";

for (const [path, text] of [
  ["../docs/configuration.md", renderConfigurationDoc()],
  ["../.env.example", renderEnvExample()],
] as const) {
  const target = new URL(path, import.meta.url);
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
