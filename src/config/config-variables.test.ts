import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { renderEnvExample } from "./config-docs.js";
import { configGroups, configVariables } from "./config-variables.js";
import { type Config, loadConfig } from "./load-config.js";

const cwd = "/srv/agent";
const sampleValues: Record<string, string> = { LITELLM_BASE_URL: "http://localhost:4000" };

/** Every variable name `loadConfig` looks up, recorded by a proxy over an empty environment. */
function namesReadByLoadConfig(): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(target, name) {
      if (typeof name === "string") read.add(name);
      return Reflect.get(target, name);
    },
  });
  loadConfig(env, { cwd });
  return [...read];
}

/** Provider keys and the variables tools inherit are pi's and the OS's, not server settings. */
function isProviderKeyOrInherited(name: string): boolean {
  let config: Config;
  try {
    config = loadConfig({ [name]: "sample" }, { cwd });
  } catch {
    return false;
  }
  return (
    Object.values(config.providerEnvKeys).some((key) => key.variable === name) ||
    name in config.sandbox.env
  );
}

/** Fields that echo the raw environment back rather than interpret it. */
const echoedFields = new Set(["environmentNames", "childEnv"]);

function interpreted(config: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !echoedFields.has(key)));
}

describe("configVariables", () => {
  it("names every server setting loadConfig reads, and nothing else", () => {
    const read = namesReadByLoadConfig();
    const settings = read.filter((name) => !isProviderKeyOrInherited(name));
    const documented = configVariables.map((variable) => variable.name);
    expect(settings.length).toBeGreaterThan(40);
    expect(documented.filter((name) => !isProviderKeyOrInherited(name)).sort()).toEqual(
      settings.sort(),
    );
    for (const name of documented) expect(read, name).toContain(name);
  });

  it("documents a provider key, so the family is not lost from the docs", () => {
    const providerRows = configVariables.filter((variable) =>
      isProviderKeyOrInherited(variable.name),
    );
    expect(providerRows.map((variable) => variable.name)).toContain("ANTHROPIC_API_KEY");
  });

  it("lists each variable once, in a known group", () => {
    const names = configVariables.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    for (const variable of configVariables) {
      expect(configGroups, variable.name).toContain(variable.group);
      expect(variable.meaning.trim(), variable.name).not.toBe("");
    }
  });

  it.each(configVariables.filter((variable) => variable.default !== undefined))(
    "$name: the documented default behaves like leaving it unset",
    (variable) => {
      const base: Record<string, string> = {};
      if (variable.requires !== undefined) {
        base[variable.requires] = sampleValues[variable.requires] ?? "sample";
      }
      const unset = loadConfig(base, { cwd });
      const explicit = loadConfig({ ...base, [variable.name]: String(variable.default) }, { cwd });
      expect(interpreted(explicit)).toEqual(interpreted(unset));
    },
  );

  it(".env.example loads as is and changes nothing from the defaults", () => {
    const env = parseEnv(renderEnvExample());
    expect(Object.keys(env).length).toBeGreaterThan(40);
    expect(interpreted(loadConfig(env, { cwd }))).toEqual(interpreted(loadConfig({}, { cwd })));
  });

  it("gives a default as a literal value or as text, never both", () => {
    for (const variable of configVariables) {
      expect(
        variable.default === undefined || variable.defaultText === undefined,
        variable.name,
      ).toBe(true);
    }
  });
});
