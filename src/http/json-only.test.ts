import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { isJsonContentType } from "./json-only.js";
import { createRouter } from "./router.js";

const Settings = z.object({ level: z.string().optional() });
const content = { "application/json": { schema: Settings } };

function routes() {
  const seen: unknown[] = [];
  const app = createRouter();
  const ok = { 200: { description: "ok" } };
  const required = createRoute({
    method: "post",
    path: "/required",
    request: { body: { required: true, content } },
    responses: ok,
  });
  const optional = createRoute({
    method: "post",
    path: "/optional",
    request: { body: { required: false, content } },
    responses: ok,
  });
  const bodyless = createRoute({ method: "post", path: "/bodyless", responses: ok });
  app.openapi(required, (c) => {
    seen.push(c.req.valid("json"));
    return c.body(null, 200);
  });
  app.openapi(optional, (c) => {
    seen.push(c.req.valid("json"));
    return c.body(null, 200);
  });
  app.openapi(bodyless, (c) => {
    seen.push("bodyless");
    return c.body(null, 200);
  });
  const post = (path: string, init: { type?: string; body?: string } = {}) =>
    app.request(path, {
      method: "POST",
      headers: init.type ? { "content-type": init.type } : {},
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  return { post, seen };
}

describe("isJsonContentType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON; charset=utf-8", true],
    ["application/merge-patch+json", true],
    ["application/jsonp", false],
    ["text/plain", false],
    ["application/x-www-form-urlencoded", false],
    [undefined, false],
  ])("%j → %j", (value, json) => {
    expect(isJsonContentType(value)).toBe(json);
  });
});

describe("JSON-only request bodies (createRouter)", () => {
  it("refuses a body route without a JSON content type, even when the body is optional", async () => {
    const { post, seen } = routes();
    for (const path of ["/required", "/optional"]) {
      for (const init of [
        {},
        { body: "{}" },
        { type: "text/plain", body: '{"level":"x"}' },
        { type: "application/x-www-form-urlencoded", body: "level=x" },
        { type: "multipart/form-data; boundary=x", body: "--x--" },
        { type: "text/plain" },
      ]) {
        const response = await post(path, init);
        expect(response.status, `${path} ${JSON.stringify(init)}`).toBe(415);
        expect(await readJson(response)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
      }
    }
    expect(seen).toEqual([]);
  });

  it("requires a required body, and reads an omitted optional one as {}", async () => {
    const { post, seen } = routes();
    const missing = await post("/required", { type: "application/json" });
    expect(missing.status).toBe(400);
    expect(await readJson(missing)).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ path: "body", message: expect.any(String) }],
    });
    expect((await post("/optional", { type: "application/json" })).status).toBe(200);
    expect((await post("/required", { type: "application/json", body: "{}" })).status).toBe(200);
    const typed = { type: "application/json; charset=utf-8", body: '{"level":"x"}' };
    expect((await post("/optional", typed)).status).toBe(200);
    expect(seen).toEqual([{}, {}, { level: "x" }]);
  });

  it("refuses other content types and untyped bytes on a route without a body", async () => {
    const { post, seen } = routes();
    for (const init of [
      { type: "text/plain", body: "x" },
      { type: "application/x-www-form-urlencoded" },
      { body: "x" },
    ]) {
      const response = await post("/bodyless", init);
      expect(response.status, JSON.stringify(init)).toBe(415);
    }
    expect(seen).toEqual([]);
    expect((await post("/bodyless")).status).toBe(200);
    expect((await post("/bodyless", { type: "application/json", body: "{}" })).status).toBe(200);
    expect(seen).toEqual(["bodyless", "bodyless"]);
  });
});
