import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderConfigurationDoc, renderEnvExample } from "./config-docs.js";
import { configVariables } from "./config-variables.js";

const repoFile = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), "utf8");
const regenerate = "out of date: run `npm run docs:config` and commit the result";

describe("generated configuration docs", () => {
  it("docs/configuration.md is the rendered variable table", async () => {
    expect(await repoFile("docs/configuration.md"), regenerate).toBe(renderConfigurationDoc());
  });

  it(".env.example is the rendered variable table", async () => {
    expect(await repoFile(".env.example"), regenerate).toBe(renderEnvExample());
  });

  it("renders one table row and one assignment per variable", () => {
    const doc = renderConfigurationDoc();
    const example = renderEnvExample();
    for (const { name } of configVariables) {
      expect(doc, name).toContain(`| \`${name}\` |`);
      expect(example, name).toMatch(new RegExp(`^(# )?${name}=`, "m"));
    }
  });

  it("escapes pipes so a meaning cannot split its table row", () => {
    const doc = renderConfigurationDoc([{ name: "X", group: "Server", meaning: "a | b" }]);
    expect(doc).toContain("| `X` | — | a \\| b |");
  });
});
