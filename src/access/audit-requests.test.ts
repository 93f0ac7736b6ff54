import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RouteConfig } from "@hono/zod-openapi";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../logging/logger.js";
import { AuditLog } from "./audit-log.js";
import { auditRequests } from "./audit-requests.js";
import { type Caller, setCaller } from "./caller.js";
import { RoutePolicy } from "./route-policy.js";

const tempDir = useTempDirs("pi-agent-server-audit-requests-");

const route = (fields: Record<string, unknown>) =>
  ({ responses: {}, ...fields }) as unknown as RouteConfig;
const policy = new RoutePolicy([
  { route: route({ method: "get", path: "/things", "x-required-role": "viewer" }), prefix: "/v1" },
  {
    route: route({
      method: "post",
      path: "/projects/{projectId}/things/{thingId}",
      "x-required-role": "operator",
    }),
    prefix: "/v1",
  },
  { route: route({ method: "post", path: "/hook", security: [{ hook: [] }] }), prefix: "/v1" },
]);

const operator: Caller = { kind: "token", tokenId: "tok-1", name: "ci", role: "operator" };

async function setUp(dir: string) {
  const audit = await AuditLog.open(dir);
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const app = new Hono();
  app.use("*", auditRequests(audit, policy, logger));
  app.use("*", async (c, next) => {
    const as = c.req.header("x-as");
    if (as === "operator") setCaller(c, operator);
    await next();
  });
  app.all("*", (c) => c.body(null, Number(c.req.header("x-status") ?? 200) as 200));
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request(path, { method, headers }));
  return { audit, logs, send };
}

describe("auditRequests", () => {
  it("records changes and refusals, not reads that succeed", async () => {
    const { audit, send } = await setUp(await tempDir());
    await send("GET", "/v1/things", { "x-as": "operator" });
    await send("HEAD", "/v1/things", { "x-as": "operator" });
    await send("GET", "/v1/things", { "x-status": "401" });
    await send("GET", "/v1/things", { "x-as": "operator", "x-status": "403" });
    await send("POST", "/v1/projects/my%20app/things/t-1", {
      "x-as": "operator",
      "x-status": "201",
    });
    await send("POST", "/v1/projects/alpha/things/t-2", { "x-as": "operator", "x-status": "404" });
    const { items } = await audit.query({ limit: 10 });
    expect(items.map(({ id: _id, time: _time, ...rest }) => rest).reverse()).toEqual([
      { tokenName: "unauthenticated", method: "GET", route: "/v1/things", target: {}, status: 401 },
      {
        tokenId: "tok-1",
        tokenName: "ci",
        role: "operator",
        method: "GET",
        route: "/v1/things",
        target: {},
        status: 403,
      },
      {
        tokenId: "tok-1",
        tokenName: "ci",
        role: "operator",
        method: "POST",
        route: "/v1/projects/{projectId}/things/{thingId}",
        target: { projectId: "my app", thingId: "t-1" },
        status: 201,
      },
      {
        tokenId: "tok-1",
        tokenName: "ci",
        role: "operator",
        method: "POST",
        route: "/v1/projects/{projectId}/things/{thingId}",
        target: { projectId: "alpha", thingId: "t-2" },
        status: 404,
      },
    ]);
  });

  it("names the webhook, and cuts the raw path of unmatched requests", async () => {
    const { audit, send } = await setUp(await tempDir());
    await send("POST", "/v1/hook", { "x-status": "202" });
    await send("DELETE", `/v1/${"x".repeat(500)}`, { "x-status": "404" });
    const [unmatched, hook] = (await audit.query({ limit: 10 })).items;
    expect(hook).toMatchObject({ tokenName: "webhook", route: "/v1/hook", status: 202 });
    expect(hook?.role).toBeUndefined();
    expect(unmatched?.route).toBe(`/v1/${"x".repeat(196)}`);
    expect(unmatched?.target).toEqual({});
  });

  it("logs a failed append and still answers the request", async () => {
    const dir = await tempDir();
    const auditDir = join(dir, "audit");
    const { logs, send } = await setUp(auditDir);
    // A plain file where the directory was: every append fails.
    await rename(auditDir, join(dir, "away"));
    await writeFile(auditDir, "");
    const response = await send("POST", "/v1/projects/alpha/things/t-1", {
      "x-as": "operator",
      "x-status": "201",
    });
    expect(response.status).toBe(201);
    expect(logs.some((line) => line.includes("could not append to the audit log"))).toBe(true);
  });
});
