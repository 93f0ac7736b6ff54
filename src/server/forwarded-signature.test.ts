import { describe, expect, it } from "vitest";
import type { Caller } from "../access/caller.js";
import {
  ForwardVerifier,
  forwardedHeaders,
  type SignedRequestParts,
  signForwardedRequest,
} from "./forwarded-signature.js";

const secret = "cluster-secret-0123456789abcdef0123";
const caller: Caller = {
  kind: "token",
  tokenId: "tok_1",
  name: "ci",
  role: "operator",
  projects: ["app"],
};
const parts: SignedRequestParts = {
  method: "POST",
  pathAndQuery: "/v1/projects/app/sessions/s1/prompt?x=1",
  body: new TextEncoder().encode('{"text":"hi"}'),
};

function verifierAt(now: number) {
  return new ForwardVerifier({ secret, now: () => now });
}

const lookup = (headers: Record<string, string>) => (name: string) => headers[name];

describe("forwarded request signatures", () => {
  it("carry the caller to the receiving node, once", () => {
    const now = 1_700_000_000_000;
    const headers = signForwardedRequest(secret, parts, caller, "node-a", now);
    const verifier = verifierAt(now + 1000);
    expect(verifier.verify(parts, lookup(headers))).toEqual({ caller, fromNodeId: "node-a" });
    expect(verifier.verify(parts, lookup(headers))).toEqual({
      refused: "Forwarded request replayed",
    });
  });

  it("are refused when anything they cover changes", () => {
    const now = 1_700_000_000_000;
    const headers = signForwardedRequest(secret, parts, caller, "node-a", now);
    const changed: Array<[SignedRequestParts, Record<string, string>]> = [
      [{ ...parts, method: "DELETE" }, headers],
      [{ ...parts, pathAndQuery: "/v1/projects/app/sessions/s1/prompt?x=2" }, headers],
      [{ ...parts, body: new TextEncoder().encode('{"text":"rm"}') }, headers],
      [parts, { ...headers, [forwardedHeaders.from]: "node-b" }],
      [parts, { ...headers, [forwardedHeaders.nonce]: "0".repeat(32) }],
      [parts, { ...headers, [forwardedHeaders.timestamp]: String(now + 1) }],
      [
        parts,
        {
          ...headers,
          [forwardedHeaders.caller]: Buffer.from(
            JSON.stringify({ ...caller, role: "admin" }),
          ).toString("base64url"),
        },
      ],
    ];
    for (const [request, sent] of changed) {
      expect(verifierAt(now).verify(request, lookup(sent))).toEqual({
        refused: "Invalid forwarding signature",
      });
    }
  });

  it("are refused with another secret, outside the clock window or incomplete", () => {
    const now = 1_700_000_000_000;
    const foreign = signForwardedRequest(
      "another-secret-0123456789abcdef",
      parts,
      caller,
      "x",
      now,
    );
    expect(verifierAt(now).verify(parts, lookup(foreign))).toEqual({
      refused: "Invalid forwarding signature",
    });
    const old = signForwardedRequest(secret, parts, caller, "x", now - 31_000);
    expect(verifierAt(now).verify(parts, lookup(old))).toEqual({
      refused: "Forwarding signature outside the clock window",
    });
    const { [forwardedHeaders.nonce]: _dropped, ...partial } = signForwardedRequest(
      secret,
      parts,
      caller,
      "x",
      now,
    );
    expect(verifierAt(now).verify(parts, lookup(partial))).toEqual({
      refused: `Missing ${forwardedHeaders.nonce}`,
    });
  });

  it("refuse an empty secret when built", () => {
    expect(() => new ForwardVerifier({ secret: "" })).toThrow(/secret/);
  });
});
