import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { launchChromium } from "#test-support/chromium.js";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { repoRoot } from "#test-support/processes.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { wireEventViolation } from "#test-support/wire-event-validator.js";
import type { BrowserProof } from "./fixtures/browser/proof.js";

const token = "browser-proof-test-token-0123456789abcdef";
const replyText = Array.from({ length: 200 }, (_, i) => `word${i + 1}`).join(" ");

/** The page's script, bundled for the browser from the client package's entry. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(repoRoot, "test/fixtures/browser/page.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/** Serves the page and its bundle from an origin of its own. */
async function servePage(script: string): Promise<{ server: Server; origin: string }> {
  const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>browser proof</title>
<pre id="reply"></pre><script type="module" src="/page.js"></script>`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://page").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else if (path === "/page.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** A TCP relay in front of the API whose open connections can be dropped at once. */
async function cuttableRelay(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = createTcpServer((incoming) => {
    const outgoing = connect(Number(port), hostname);
    track(incoming);
    track(outgoing);
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

declare const window: { proof?: BrowserProof; proofFailure?: string };

describe("the client in headless Chromium against a live server with a token", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  let browser: Browser | undefined;
  let pageServer: Server | undefined;
  let relay: Awaited<ReturnType<typeof cuttableRelay>> | undefined;
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    await browser?.close();
    browser = undefined;
    const closing = pageServer;
    pageServer = undefined;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  });

  it("streams a prompt over a ticket with native EventSource, through a dropped connection and a closed stream, with no gap or duplicate", async () => {
    const site = await servePage(await bundlePage());
    pageServer = site.server;
    const booted = await boot(await tempDir(), {
      env: {
        AGENT_SERVER_TOKEN: token,
        AGENT_SERVER_CORS_ORIGINS: site.origin,
        AGENT_SERVER_ALLOWED_HOSTS: "127.0.0.1",
      },
      tokensPerSecond: 60,
    });
    relay = await cuttableRelay(booted.server.url);
    const api = relay.url;
    expect(new URL(api).origin).not.toBe(site.origin);

    browser = await launchChromium();
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));

    const query = new URLSearchParams({
      api,
      token,
      model: booted.faux.getModel().id,
    });
    await page.goto(`${site.origin}/?${query}`);
    await page.waitForFunction(
      () => window.proof !== undefined || window.proofFailure !== undefined,
    );
    expect(await page.evaluate(() => window.proofFailure)).toBeUndefined();

    booted.faux.setResponses([fauxAssistantMessage(replyText)]);
    await page.evaluate(() => window.proof?.prompt("Count to two hundred, slowly."));
    await page.waitForFunction(
      () => (window.proof?.types.filter((type) => type === "message_update").length ?? 0) >= 4,
    );
    const atDrop = await page.evaluate(() => ({
      ids: [...(window.proof?.ids ?? [])],
      done: window.proof?.done,
    }));
    relay.cut();
    await page.waitForFunction(
      (after) => (window.proof?.opens ?? 0) >= 2 && (window.proof?.ids.at(-1) ?? 0) > after,
      atDrop.ids.at(-1) ?? 0,
      { timeout: 10_000 },
    );

    const atCut = await page.evaluate(() => {
      window.proof?.cut();
      return { ids: [...(window.proof?.ids ?? [])], done: window.proof?.done };
    });
    expect(atDrop.done, "the reply ended before the connection dropped").toBe(false);
    expect(atCut.done, "the reply ended before the stream was closed").toBe(false);
    const lastBeforeCut = atCut.ids.at(-1) ?? 0;

    const sessionId = await page.evaluate(() => window.proof?.sessionId ?? "");
    const eventPage = async (): Promise<Json> =>
      readJson(
        await booted.api(
          `/projects/browser-proof/sessions/${sessionId}/events?after=0&limit=1000`,
          {
            headers: { accept: "application/json" },
          },
        ),
      );
    let missedWhileCut = 0;
    for (let i = 0; i < 100 && missedWhileCut < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      missedWhileCut = (await eventPage()).lastEventId - lastBeforeCut;
    }
    expect(missedWhileCut).toBeGreaterThanOrEqual(5);

    await page.evaluate(() => window.proof?.resume());
    await page.waitForFunction(() => window.proof?.done === true, undefined, { timeout: 15_000 });

    const proof = await page.evaluate(() => ({
      ids: window.proof?.ids ?? [],
      types: window.proof?.types ?? [],
      resumedAfter: window.proof?.resumedAfter ?? [],
      opens: window.proof?.opens ?? 0,
      reconnects: window.proof?.reconnects ?? 0,
      errors: window.proof?.errors ?? [],
    }));
    const stored = await eventPage();
    expect(stored.hasMore).toBe(false);
    const events: { id: number; event: Json }[] = stored.events;
    // What the browser was streamed is these events: each one keeps the contract.
    expect(events.map((entry) => wireEventViolation(entry.event, "CompactWireEvent"))).toEqual(
      events.map(() => undefined),
    );
    const agentEnd = events.find((entry) => entry.event.type === "agent_end");
    expect(agentEnd).toBeDefined();

    const first = proof.ids[0] ?? 0;
    const last = proof.ids.at(-1) ?? 0;
    expect(last).toBeGreaterThanOrEqual(agentEnd?.id ?? Number.POSITIVE_INFINITY);
    const expected = events.filter((entry) => entry.id >= first && entry.id <= last);
    expect(proof.ids).toEqual(expected.map((entry) => entry.id));
    expect(proof.types).toEqual(expected.map((entry) => entry.event.type));
    expect(proof.types).toContain("agent_start");
    expect(proof.resumedAfter).toEqual([0, lastBeforeCut]);
    expect(proof.reconnects).toBe(1);
    expect(proof.opens).toBe(3);
    expect(proof.ids.filter((id) => id > lastBeforeCut).length).toBeGreaterThan(missedWhileCut);

    const finalMessage = ((agentEnd?.event.messages ?? []) as Json[])
      .filter((message) => message.role === "assistant")
      .at(-1);
    const finalText = ((finalMessage?.content ?? []) as Json[])
      .filter((block) => block.type === "text")
      .map((block) => block.text)
      .join("");
    expect(finalText).toBe(replyText);
    expect(await page.textContent("#reply")).toBe(finalText);
    expect(proof.errors).toEqual([]);
    expect(consoleErrors, "only the dropped stream fails to load").toEqual([
      expect.stringContaining("net::ERR_INCOMPLETE_CHUNKED_ENCODING"),
    ]);
  }, 30_000);
});
