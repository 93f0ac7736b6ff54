import { describe, expect, it } from "vitest";
import { AppError } from "../errors/index.js";
import { checkFieldLimits } from "./field-limits.js";

function failure(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected checkFieldLimits to throw");
}

describe("checkFieldLimits", () => {
  it("passes fields at their limit, absent fields and an absent body", () => {
    expect(() => checkFieldLimits({ text: "abc" }, { text: 3 })).not.toThrow();
    expect(() => checkFieldLimits<{ text?: string }>({}, { text: 3 })).not.toThrow();
    expect(() => checkFieldLimits<{ text: string }>(undefined, { text: 3 })).not.toThrow();
    expect(() => checkFieldLimits({ meta: { a: 1 } }, { meta: { jsonBytes: 7 } })).not.toThrow();
  });

  it("fails like request validation, naming each field over its limit", () => {
    const error = failure(() =>
      checkFieldLimits(
        { text: "abcd", name: "ok", meta: { a: "é" } },
        { text: 3, name: 2, meta: { jsonBytes: 9 } },
      ),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields).toEqual([
      { path: "body.text", message: "Too big: expected string to have <=3 characters" },
      { path: "body.meta", message: "must serialise to at most 9 bytes of JSON" },
    ]);
    expect(error.message).toBe(
      "body.text: Too big: expected string to have <=3 characters; body.meta: must serialise to at most 9 bytes of JSON",
    );
  });

  it("counts characters as the schema does (UTF-16 units) and JSON in UTF-8 bytes", () => {
    expect(() => checkFieldLimits({ text: "ééé" }, { text: 3 })).not.toThrow();
    expect(() => checkFieldLimits({ meta: { a: "é" } }, { meta: { jsonBytes: 10 } })).not.toThrow();
    expect(() => checkFieldLimits({ meta: { a: "é" } }, { meta: { jsonBytes: 9 } })).toThrow(
      AppError,
    );
  });
});
