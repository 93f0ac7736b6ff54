import { describe, expect, it } from "vitest";
import {
  defaultTaskFieldLimits,
  fieldLimitNote,
  fieldLimitVariables,
  hardFieldLimits,
  resolveFieldLimits,
  type TaskFieldLimits,
} from "./field-limits.js";
import { ConfigError, loadConfig } from "./load-config.js";

const names = Object.keys(hardFieldLimits) as (keyof TaskFieldLimits)[];

describe("field limits", () => {
  it.each(names)("the configuration accepts %s up to its hard maximum and no more", (name) => {
    const variable = fieldLimitVariables[name];
    const hard = hardFieldLimits[name];
    expect(loadConfig({ [variable]: String(hard) }).limits[name]).toBe(hard);
    expect(() => loadConfig({ [variable]: String(hard + 1) })).toThrow(ConfigError);
  });

  it("resolves overrides over the defaults, ignoring other keys", () => {
    expect(resolveFieldLimits()).toEqual(defaultTaskFieldLimits);
    const limits: Partial<TaskFieldLimits> & { maxPageSize: number } = {
      maxPromptLength: 10,
      maxPageSize: 5,
    };
    const resolved = resolveFieldLimits(limits);
    expect(resolved).toEqual({ ...defaultTaskFieldLimits, maxPromptLength: 10 });
  });

  it("refuses an override above the hard maximum or below the minimum", () => {
    expect(() => resolveFieldLimits({ maxPromptLength: 10_000_001 })).toThrow(RangeError);
    expect(() => resolveFieldLimits({ maxTitleLength: 0 })).toThrow(RangeError);
    expect(() => resolveFieldLimits({ maxMetadataBytes: 1.5 })).toThrow(RangeError);
  });

  it("documents the variable, its default and the hard maximum", () => {
    expect(fieldLimitNote("maxPromptLength")).toBe(
      "At most the server's `API_MAX_PROMPT_LENGTH` (default 20,000 characters), which can be set up to 10,000,000.",
    );
  });
});
