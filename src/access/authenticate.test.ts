import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { StreamTickets } from "../sse/stream-tickets.js";
import { ApiTokens } from "./api-tokens.js";
import { authenticate } from "./authenticate.js";
import { authenticatedCallerOf, ticketHolder } from "./caller.js";

const tempDir = useTempDirs("pi-agent-server-authenticate-");
const bootstrapToken = "b".repeat(40);

async function setUp() {
  let at = Date.parse("2026-03-01T00:00:00Z");
  const now = () => at;
  const tokens = await ApiTokens.open(join(await tempDir(), "tokens.json"), now);
  const tickets = new StreamTickets({ now, ttlMs: 60_000 });
  const refusals: string[] = [];
  const app = new Hono();
  app.use(
    "*",
    authenticate({
      bootstrapToken,
      tokens,
      tickets,
      onRefused: (_c, detail) => refusals.push(detail),
    }),
  );
  app.all("*", (c) => c.json(authenticatedCallerOf(c) ?? null));
  const send = (path: string, secret?: string, method = "GET") =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: secret === undefined ? {} : { authorization: `Bearer ${secret}` },
      }),
    );
  return { tokens, tickets, refusals, send, advance: (ms: number) => (at += ms) };
}

describe("authenticate", () => {
  it("knows the bootstrap token as admin and an API token by its role and scope", async () => {
    const { tokens, send } = await setUp();
    expect(await readJson(await send("/x", bootstrapToken))).toEqual({
      kind: "bootstrap",
      name: "AGENT_SERVER_TOKEN",
      role: "admin",
    });
    const { token, secret } = await tokens.create(
      { name: "ci", role: "operator", projects: ["alpha"] },
      "AGENT_SERVER_TOKEN",
    );
    expect(await readJson(await send("/x", secret))).toEqual({
      kind: "token",
      tokenId: token.id,
      name: "ci",
      role: "operator",
      projects: ["alpha"],
    });
  });

  it("refuses a missing, wrong or removed secret with 401 and a challenge, reporting each", async () => {
    const { tokens, refusals, send } = await setUp();
    const { token, secret } = await tokens.create({ name: "gone", role: "admin" }, "x");
    await tokens.remove(token.id);
    for (const given of [undefined, "nope", `${bootstrapToken}x`, secret]) {
      const response = await send("/x", given);
      expect(response.status, String(given)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="pi-agent-server"');
      const text = await response.text();
      if (given) expect(text).not.toContain(given);
    }
    expect(refusals).toEqual([
      "Missing bearer token",
      "Invalid bearer token",
      "Invalid bearer token",
      "Invalid bearer token",
    ]);
  });

  it("lets a ticket open its one stream as the token that asked, until that token goes", async () => {
    const { tokens, tickets, refusals, send, advance } = await setUp();
    const expiresAt = new Date(Date.parse("2026-03-01T00:00:00Z") + 600_000).toISOString();
    const { token } = await tokens.create(
      { name: "watcher", role: "viewer", projects: ["alpha"], expiresAt },
      "x",
    );
    const caller = {
      kind: "token" as const,
      tokenId: token.id,
      name: "watcher",
      role: "viewer" as const,
      projects: ["alpha"],
    };
    const { url, ticket } = tickets.issueFor(
      "/v1/projects/alpha/sessions/s/events/tickets",
      ticketHolder(caller),
    );
    expect(await readJson(await send(url))).toEqual(caller);
    // Only its own path, and only GET (other methods need a bearer token).
    expect((await send(`/v1/projects/alpha/sessions/t/events?ticket=${ticket}`)).status).toBe(401);
    expect((await send(url, undefined, "POST")).status).toBe(401);
    expect(refusals.at(-1)).toBe("Missing bearer token");
    // The ticket itself lives its TTL (60 s here), well before the token expires.
    advance(60_000 - 1);
    expect((await send(url)).status).toBe(200);
    advance(1);
    expect((await send(url)).status).toBe(401);
    expect(refusals.at(-1)).toBe("Invalid or expired stream ticket");
  });

  it("refuses a ticket whose token was deleted or has expired, while the ticket lives", async () => {
    const { tokens, tickets, refusals, send, advance } = await setUp();
    const deleted = await tokens.create({ name: "deleted", role: "viewer" }, "x");
    const expiring = await tokens.create(
      {
        name: "expiring",
        role: "viewer",
        expiresAt: new Date(Date.parse("2026-03-01T00:00:30Z")).toISOString(),
      },
      "x",
    );
    const issue = (token: typeof deleted.token) =>
      tickets.issueFor(
        "/v1/tasks/events/tickets",
        ticketHolder({ kind: "token", tokenId: token.id, name: token.name, role: token.role }),
      ).url;
    const deletedUrl = issue(deleted.token);
    const expiringUrl = issue(expiring.token);
    expect((await send(deletedUrl)).status).toBe(200);
    expect((await send(expiringUrl)).status).toBe(200);
    await tokens.remove(deleted.token.id);
    advance(30_000);
    for (const url of [deletedUrl, expiringUrl]) {
      expect((await send(url)).status).toBe(401);
      expect(refusals.at(-1)).toBe(
        "The token that asked for this ticket was deleted or has expired",
      );
    }
    // A bootstrap ticket has no token to lose.
    const boot = tickets.issueFor(
      "/v1/tasks/events/tickets",
      ticketHolder({ kind: "bootstrap", name: "AGENT_SERVER_TOKEN", role: "admin" }),
    );
    expect(await readJson(await send(boot.url))).toEqual({
      kind: "bootstrap",
      name: "AGENT_SERVER_TOKEN",
      role: "admin",
    });
  });
});
