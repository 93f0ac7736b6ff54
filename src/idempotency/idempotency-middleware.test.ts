import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { setCaller } from "../access/caller.js";
import { enforceRoles, RoutePolicy } from "../access/route-policy.js";
import { AppError } from "../errors/index.js";
import { bearerAuth } from "../http/auth.js";
import { defineRoute, jsonBody, jsonResponse } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { createRouter } from "../http/router.js";
import { silentLogger } from "../logging/logger.js";
import { enforceIdempotency } from "./idempotency-middleware.js";
import { IdempotencyStore } from "./idempotency-store.js";

const ThingSchema = z.object({ name: z.string(), fail: z.enum(["500", "409"]).optional() });
const CreatedSchema = z.object({ id: z.string(), name: z.string() });

const createThing = defineRoute({
  method: "post",
  "x-required-role": "operator",
  "x-idempotency-key": true,
  path: "/things",
  request: jsonBody(ThingSchema, { name: "a" }),
  responses: { 201: jsonResponse(CreatedSchema, "Created."), ...problemResponses(400) },
});
const plainThing = defineRoute({
  method: "post",
  "x-required-role": "operator",
  path: "/plain",
  request: jsonBody(ThingSchema, { name: "a" }),
  responses: { 201: jsonResponse(CreatedSchema, "Created.") },
});
const hookThing = defineRoute({
  method: "post",
  "x-idempotency-key": true,
  path: "/hook",
  security: [{ hookSecret: [] }],
  request: jsonBody(ThingSchema, { name: "a" }),
  responses: { 201: jsonResponse(CreatedSchema, "Created."), ...problemResponses(401) },
});

/** An app with the access policy, the idempotency middleware and handlers that count their runs. */
function thingsApp() {
  const store = IdempotencyStore.inMemory();
  let runs = 0;
  let gate: Promise<void> | undefined;
  const app = createRouter({ logger: silentLogger });
  const policy = new RoutePolicy(
    [createThing, plainThing, hookThing].map((route) => ({ route, prefix: "" })),
  );
  app.use("*", async (c, next) => {
    const token = c.req.header("x-token");
    if (token) setCaller(c, { kind: "token", tokenId: token, name: token, role: "admin" });
    return next();
  });
  app.use("*", enforceRoles(policy));
  app.use("*", enforceIdempotency(store));
  const handle = async (fail: string | undefined) => {
    runs += 1;
    const id = `t${runs}`;
    await gate;
    if (fail === "500") throw new Error("boom");
    if (fail === "409") throw new AppError("SESSION_BUSY", "busy");
    return id;
  };
  app.openapi(createThing, async (c) => {
    const { name, fail } = c.req.valid("json");
    const id = await handle(fail);
    return c.json({ id, name }, 201, { location: `/things/${id}` });
  });
  app.openapi(plainThing, async (c) => {
    const { name, fail } = c.req.valid("json");
    return c.json({ id: await handle(fail), name }, 201);
  });
  app.use("/hook", bearerAuth({ token: "hook-secret" }));
  app.openapi(hookThing, async (c) => {
    const { name, fail } = c.req.valid("json");
    return c.json({ id: await handle(fail), name }, 201);
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-token": "alice", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  return {
    post,
    store,
    runs: () => runs,
    hold() {
      let open = () => {};
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

const key = (value: string) => ({ "idempotency-key": value });

describe("enforceIdempotency", () => {
  it("runs a request once and replays its response to a retry with the same key and body", async () => {
    const things = thingsApp();
    const first = await things.post("/things", { name: "a" }, key("k1"));
    const second = await things.post("/things", '{ "name" : "a" }', key("k1"));
    expect(things.runs()).toBe(1);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("location")).toBe("/things/t1");
    expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body", async () => {
    const things = thingsApp();
    await things.post("/things", { name: "a" }, key("k1"));
    const reused = await things.post("/things", { name: "b" }, key("k1"));
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(things.runs()).toBe(1);
  });

  it("answers 409 IDEMPOTENCY_KEY_IN_FLIGHT while the first request is running, then replays", async () => {
    const things = thingsApp();
    const open = things.hold();
    const first = things.post("/things", { name: "a" }, key("k1"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const concurrent = await things.post("/things", { name: "a" }, key("k1"));
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get("retry-after")).toBe("1");
    expect(((await concurrent.json()) as { code: string }).code).toBe("IDEMPOTENCY_KEY_IN_FLIGHT");
    open();
    expect((await first).status).toBe(201);
    const retry = await things.post("/things", { name: "a" }, key("k1"));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(things.runs()).toBe(1);
  });

  it("does not store a 5xx or a 409, so the retry runs again", async () => {
    const things = thingsApp();
    expect((await things.post("/things", { name: "a", fail: "500" }, key("k5"))).status).toBe(500);
    expect((await things.post("/things", { name: "a", fail: "500" }, key("k5"))).status).toBe(500);
    expect((await things.post("/things", { name: "a", fail: "409" }, key("k9"))).status).toBe(409);
    const again = await things.post("/things", { name: "a", fail: "409" }, key("k9"));
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(things.runs()).toBe(4);
  });

  it("stores a validation failure and replays it", async () => {
    const things = thingsApp();
    const first = await things.post("/things", { name: 5 }, key("bad"));
    expect(first.status).toBe(400);
    const second = await things.post("/things", { name: 5 }, key("bad"));
    expect(second.status).toBe(400);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("content-type")).toBe("application/problem+json");
    expect(await second.text()).toBe(await first.text());
    expect(things.runs()).toBe(0);
  });

  it("refuses a malformed key with 400 and runs nothing", async () => {
    const things = thingsApp();
    for (const bad of ["", "a b", "x".repeat(256), "caf\u00e9"]) {
      const res = await things.post("/things", { name: "a" }, key(bad));
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors[0]?.path).toBe("header.Idempotency-Key");
    }
    expect(things.runs()).toBe(0);
  });

  it("takes a quoted key as the same key unquoted, up to 255 characters inside the quotes", async () => {
    const things = thingsApp();
    const long = "x".repeat(255);
    const quoted = await things.post("/things", { name: "a" }, key(`"${long}"`));
    expect(quoted.status).toBe(201);
    const bare = await things.post("/things", { name: "a" }, key(long));
    expect(bare.headers.get("idempotent-replayed")).toBe("true");
    expect(things.runs()).toBe(1);
  });

  it("scopes keys by caller and ignores the header on routes that do not declare it", async () => {
    const things = thingsApp();
    await things.post("/things", { name: "a" }, key("k1"));
    const bob = await things.post("/things", { name: "a" }, { ...key("k1"), "x-token": "bob" });
    expect(bob.headers.get("idempotent-replayed")).toBeNull();
    await things.post("/plain", { name: "a" }, key("k1"));
    await things.post("/plain", { name: "a" }, key("k1"));
    await things.post("/things", { name: "a" });
    expect(things.runs()).toBe(5);
  });

  it("keeps a refused credential's attempt from taking the key on a route with its own security", async () => {
    const things = thingsApp();
    const refused = await things.post("/hook", { name: "a" }, key("h1"));
    expect(refused.status).toBe(401);
    const hook = { ...key("h1"), authorization: "Bearer hook-secret" };
    const first = await things.post("/hook", { name: "a" }, hook);
    const retry = await things.post("/hook", { name: "a" }, hook);
    expect(first.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(await first.text());
    expect(things.runs()).toBe(1);
  });
});
