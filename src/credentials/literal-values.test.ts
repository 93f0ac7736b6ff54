import { describe, expect, it } from "vitest";
import { AppError } from "../errors/index.js";
import { LiteralValues } from "./literal-values.js";

describe("LiteralValues", () => {
  const literals = new LiteralValues(["GH_TOKEN", "http_proxy", "Path"]);

  it("accepts values that name no variable", () => {
    expect(() =>
      literals.assert([
        { path: "body.apiKey", value: "gsk_abc123" },
        { path: "body.headers.X-Team", value: "team-1" },
      ]),
    ).not.toThrow();
  });

  it("refuses a value naming a variable, in any letter case, listing every field", () => {
    try {
      literals.assert([
        { path: "body.apiKey", value: "gh_token" },
        { path: "body.headers.X-A", value: "HTTP_PROXY" },
        { path: "body.headers.X-B", value: "path" },
        { path: "body.headers.X-C", value: "fine" },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION_FAILED");
      expect((error as AppError).fields?.map((field) => field.path)).toEqual([
        "body.apiKey",
        "body.headers.X-A",
        "body.headers.X-B",
      ]);
    }
  });
});
