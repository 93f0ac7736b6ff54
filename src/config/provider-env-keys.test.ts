import { findEnvKeys, getProviders } from "@mariozechner/pi-ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { providerEnvVars } from "./provider-env-keys.js";

describe("providerEnvVars", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("matches pi-ai's own lookup for every provider it lists", () => {
    for (const [provider, variables] of Object.entries(providerEnvVars)) {
      for (const variable of variables) vi.stubEnv(variable, "set");
      expect(findEnvKeys(provider), provider).toEqual(variables);
      vi.unstubAllEnvs();
    }
  });

  it("covers every built-in provider pi-ai reads a key variable for", () => {
    const everything = new Set(Object.values(providerEnvVars).flat());
    for (const variable of everything) vi.stubEnv(variable, "set");
    const missing = getProviders().filter(
      (provider) => findEnvKeys(provider) !== undefined && !(provider in providerEnvVars),
    );
    expect(missing).toEqual([]);
  });
});
