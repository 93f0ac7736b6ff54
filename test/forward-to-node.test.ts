import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { Caller } from "../src/access/caller.js";
import { forwardToNode } from "../src/server/forward-to-node.js";
import { ForwardVerifier } from "../src/server/forwarded-signature.js";

const secret = "forwarding-test-secret-0123456789abcdef";
const caller: Caller = { kind: "token", tokenId: "t1", name: "ci", role: "operator" };
const servers: Array<ReturnType<typeof serve>> = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ("closeAllConnections" in server) server.closeAllConnections();
        }),
    ),
  );
});

async function listen(app: Hono): Promise<string> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () =>
      resolve(listening),
    );
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A node that forwards every request to `ownerUrl`. */
const front = (ownerUrl: string) =>
  listen(
    new Hono().all("*", (c) =>
      forwardToNode(c, { url: ownerUrl, secret, fromNodeId: "front", caller }),
    ),
  );

describe("forwardToNode", () => {
  it("passes the request on signed, without the bearer token, and streams the answer back unchanged", async () => {
    const verifier = new ForwardVerifier({ secret });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: Record<string, unknown> = {};
    const owner = new Hono().post("/v1/things/:id", async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const url = new URL(c.req.url);
      seen.verified = verifier.verify(
        { method: "POST", pathAndQuery: `${url.pathname}${url.search}`, body },
        (name) => c.req.header(name),
      );
      seen.authorization = c.req.header("authorization");
      seen.body = new TextDecoder().decode(body);
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode("first;"));
          await held;
          controller.enqueue(new TextEncoder().encode("last"));
          controller.close();
        },
      });
      const headers = new Headers({ "content-type": "text/plain", "x-owner": "yes" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response(stream, { status: 207, headers });
    });
    const entry = await front(await listen(owner));

    const answer = await fetch(`${entry}/v1/things/7?mode=x`, {
      method: "POST",
      headers: { authorization: "Bearer public-token", "content-type": "application/json" },
      body: '{"hello":"world"}',
    });
    expect(answer.status).toBe(207);
    expect(answer.headers.get("x-owner")).toBe("yes");
    expect(answer.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const reader = answer.body?.getReader();
    if (!reader) throw new Error("no body");
    // The first chunk arrives while the owner still holds the rest back: streamed, not buffered.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first;");
    release();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toBe("last");
    expect(seen).toEqual({
      verified: { caller, fromNodeId: "front" },
      authorization: undefined,
      body: '{"hello":"world"}',
    });
  });

  it("answers 503 with Retry-After when the owner does not answer", async () => {
    const gone = await listen(new Hono());
    const server = servers.pop();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const entry = await front(gone);
    const answer = await fetch(`${entry}/v1/things`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect(((await answer.json()) as { code: string }).code).toBe("SERVICE_UNAVAILABLE");
  });
});
