import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { rawRequest } from "#test-support/raw-http.js";
import { type BootedServer, useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const token = "body-limit-token-0123456789abcdef";
const maxBodyBytes = 2048;

/** POSTs `pieces` as a chunked body (no Content-Length), as a streaming client sends it. */
function postChunked(url: string, pieces: string[], headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

describe("request bodies over HTTP", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  const start = async (): Promise<BootedServer> =>
    boot(await tempDir(), {
      env: { AGENT_SERVER_TOKEN: token, API_MAX_BODY_BYTES: String(maxBodyBytes) },
    });
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  it("reads a JSON body of declared length, and refuses one declared too long before reading it", async () => {
    const { server, api, newSession } = await start();
    const created = await rawRequest(`${server.url}/v1/projects`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "declared" }),
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ id: "declared" });
    const sessionId = await newSession();
    const renamed = await rawRequest(`${server.url}/v1/projects/demo/sessions/${sessionId}`, {
      method: "PATCH",
      headers: auth,
      body: JSON.stringify({ name: "é ✓ 😀" }),
    });
    expect(renamed.status).toBe(200);
    expect(JSON.parse(renamed.body)).toMatchObject({ name: "é ✓ 😀" });

    const tooLong = await rawRequest(`${server.url}/v1/projects`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "too-long", padding: "x".repeat(maxBodyBytes) }),
    });
    expect(tooLong.status).toBe(413);
    expect(JSON.parse(tooLong.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await api("/projects/too-long")).status).toBe(404);
  });

  it("reads a chunked body up to the limit and refuses one that runs over", async () => {
    const { server, api } = await start();
    const url = `${server.url}/v1/projects`;
    const small = await postChunked(url, ['{"name":', '"chunked"}'], auth);
    expect(small.status).toBe(201);
    expect(JSON.parse(small.body)).toMatchObject({ id: "chunked" });

    const big = JSON.stringify({ name: "chunked-big", padding: "y".repeat(3000) });
    const refused = await postChunked(url, [big.slice(0, 1000), big.slice(1000)], auth);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await api("/projects/chunked-big")).status).toBe(404);
  });

  it("answers malformed JSON with a problem, and an unauthenticated body with 401, unread", async () => {
    const { server } = await start();
    const malformed = await rawRequest(`${server.url}/v1/projects`, {
      method: "POST",
      headers: auth,
      body: '{"name": "half',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");

    const anonymous = await rawRequest(`${server.url}/v1/projects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "anonymous" }),
    });
    expect(anonymous.status).toBe(401);
    const list = await readJson(
      await fetch(`${server.url}/v1/projects`, { headers: { authorization: auth.authorization } }),
    );
    expect(JSON.stringify(list)).not.toContain("anonymous");
  });
});
