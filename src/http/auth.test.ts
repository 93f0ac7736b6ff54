import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { bearerAuth, bearerToken, secretsEqual } from "./auth.js";

describe("bearerToken", () => {
  it.each([
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["Bearer   abc  ", "abc"],
    ["Basic abc", undefined],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
    [undefined, undefined],
  ])("%j → %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe("secretsEqual", () => {
  it("compares whole values of any length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true);
    expect(secretsEqual("abc", "abd")).toBe(false);
    expect(secretsEqual("abc", "abcd")).toBe(false);
    expect(secretsEqual("", "abc")).toBe(false);
  });
});

describe("bearerAuth", () => {
  it("refuses to be built without a token", () => {
    expect(() => bearerAuth({ token: "" })).toThrow(/must not be empty/);
  });

  it("lets the right token through and challenges the rest", async () => {
    const app = new Hono().use(bearerAuth({ token: "s3cret" })).get("/", (c) => c.text("in"));
    const ok = await app.request("/", { headers: { authorization: "Bearer s3cret" } });
    expect(await ok.text()).toBe("in");
    const missing = await app.request("/");
    expect(missing.status).toBe(401);
    expect(await readJson(missing)).toMatchObject({ detail: "Missing bearer token" });
    const wrong = await app.request("/", { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(body).toContain("Invalid bearer token");
    expect(body).not.toContain("s3cret");
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="pi-agent-server"');
  });
});
