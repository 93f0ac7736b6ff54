import type { Context } from "hono";
import type { Caller } from "../access/caller.js";
import { problemFor, problemResponse } from "../http/problem.js";
import { forwardedHeaders, signForwardedRequest } from "./forwarded-signature.js";

/** Headers that describe one connection, not the request or response: never passed on. */
const hopByHop = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "content-length",
  "host",
];

export interface ForwardOptions {
  /** The owner's base URL, from the `nodes` table. */
  url: string;
  /** Signs the request; the receiving node checks it. */
  secret: string;
  /** This node's id, named in the signature. */
  fromNodeId: string;
  /** Whom the receiving node runs the request as. */
  caller: Caller;
}

/**
 * Sends the request of `c` to another node over plain HTTP, as `caller` (signed, without
 * the caller's bearer token), and returns that node's response unchanged: status,
 * headers and body, streamed as it arrives. A node that does not answer is a 503.
 *
 * @example
 * return forwardToNode(c, { url: owner.url, secret, fromNodeId: nodeId, caller: callerOf(c) });
 */
export async function forwardToNode(c: Context, options: ForwardOptions): Promise<Response> {
  const { method } = c.req;
  const incoming = new URL(c.req.url);
  const pathAndQuery = `${incoming.pathname}${incoming.search}`;
  const body =
    method === "GET" || method === "HEAD"
      ? new Uint8Array()
      : new Uint8Array(await c.req.arrayBuffer());
  const headers = new Headers(c.req.raw.headers);
  for (const name of [...hopByHop, "authorization", ...Object.values(forwardedHeaders)]) {
    headers.delete(name);
  }
  const signed = signForwardedRequest(
    options.secret,
    { method, pathAndQuery, body },
    options.caller,
    options.fromNodeId,
  );
  for (const [name, value] of Object.entries(signed)) headers.set(name, value);
  let answer: Response;
  try {
    answer = await fetch(new URL(pathAndQuery, options.url), {
      method,
      headers,
      redirect: "manual",
      signal: c.req.raw.signal,
      ...(body.byteLength > 0 ? { body } : {}),
    });
  } catch (error) {
    return problemResponse(
      problemFor(
        "SERVICE_UNAVAILABLE",
        `The node that runs this project did not answer (${(error as Error).message}); retry shortly`,
      ),
      { "retry-after": "1" },
    );
  }
  const answerHeaders = new Headers(answer.headers);
  for (const name of hopByHop) answerHeaders.delete(name);
  return new Response(answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answerHeaders,
  });
}
