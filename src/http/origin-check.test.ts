import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { originCheck } from "./origin-check.js";

function guarded(corsOrigins: string[] = []) {
  let ran = 0;
  const app = new Hono().use(originCheck({ corsOrigins })).all("*", (c) => {
    ran++;
    return c.text("served");
  });
  const send = (method: string, origin?: string) =>
    app.request("/v1/projects", {
      method,
      headers: { host: "127.0.0.1:4001", ...(origin ? { origin } : {}) },
    });
  return { send, ran: () => ran };
}

describe("originCheck", () => {
  it("refuses state-changing requests from other origins with 403 before anything runs", async () => {
    const { send, ran } = guarded(["https://ui.example.com"]);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const origin of [
        "http://evil.test",
        "null",
        "http://127.0.0.1:4002",
        "http://localhost:4001",
        "https://ui.example.com.evil.test",
      ]) {
        const response = await send(method, origin);
        expect(response.status, `${method} ${origin}`).toBe(403);
        expect(await readJson(response)).toMatchObject({ code: "ORIGIN_NOT_ALLOWED" });
      }
    }
    expect(ran()).toBe(0);
  });

  it("lets the same origin, listed origins, reads and origin-less callers through", async () => {
    const { send, ran } = guarded(["https://ui.example.com"]);
    expect((await send("POST", "http://127.0.0.1:4001")).status).toBe(200);
    expect((await send("POST", "https://127.0.0.1:4001")).status).toBe(200);
    expect((await send("DELETE", "https://ui.example.com")).status).toBe(200);
    expect((await send("POST")).status).toBe(200);
    expect((await send("GET", "http://evil.test")).status).toBe(200);
    expect((await send("OPTIONS", "http://evil.test")).status).toBe(200);
    expect(ran()).toBe(6);
  });

  it("lets any origin through when CORS allows `*`", async () => {
    const { send } = guarded(["*"]);
    expect((await send("POST", "http://evil.test")).status).toBe(200);
  });
});
