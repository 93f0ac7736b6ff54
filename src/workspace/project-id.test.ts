import { describe, expect, it } from "vitest";
import { AppError } from "../errors/index.js";
import { isProjectId, maxProjectNameLength, parseProjectName, slugify } from "./project-id.js";

describe("slugify", () => {
  it.each([
    ["My App", "my-app"],
    ["  Hello,   World!  ", "hello-world"],
    ["Café Ünïcode", "cafe-unicode"],
    ["already-a-slug", "already-a-slug"],
    ["UPPER_case 123", "upper-case-123"],
    ["!!!", ""],
    ["日本語", ""],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("never ends in a hyphen after truncation", () => {
    const slug = slugify(`${"a".repeat(99)} b`);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug.length).toBeLessThanOrEqual(100);
  });
});

describe("isProjectId", () => {
  it.each(["my-app", "a", "a1-b2"])("accepts %j", (id) => {
    expect(isProjectId(id)).toBe(true);
  });

  it.each([
    "",
    "..",
    ".",
    "../etc",
    "/etc/passwd",
    "My-App",
    "-a",
    "a-",
    "a/b",
    "a\\b",
    "a".repeat(101),
  ])("rejects %j", (id) => {
    expect(isProjectId(id)).toBe(false);
  });
});

describe("parseProjectName", () => {
  it("trims the name and derives the id", () => {
    expect(parseProjectName("  My App ")).toEqual({ name: "My App", id: "my-app" });
  });

  it.each([
    ["", "must not be empty"],
    ["   ", "must not be empty"],
    ["../etc", "path separators"],
    ["/etc/passwd", "path separators"],
    ["a\\b", "path separators"],
    ["..", '".."'],
    ["a..b", '".."'],
    ["bell\u0007", "control characters"],
    ["!!!", "at least one letter or digit"],
    ["x".repeat(maxProjectNameLength + 1), `at most ${maxProjectNameLength}`],
  ])("rejects %j (%s)", (name, reason) => {
    let caught: unknown;
    try {
      parseProjectName(name);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("INVALID_PROJECT_NAME");
    expect((caught as AppError).message).toContain(reason);
    expect((caught as AppError).fields?.[0]?.path).toBe("name");
  });
});
