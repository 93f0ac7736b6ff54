import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { repoRoot } from "#test-support/processes.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import type { BrowserProof } from "./fixtures/browser/proof.js";

const token = "browser-proof-test-token-0123456789abcdef";
const replyText = Array.from({ length: 60 }, (_, i) => `word${i + 1}`).join(" ");

/** Debian's `chromium`, which CI installs; playwright-core never downloads a browser. */
function findChromium(): string {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "Chromium not found at /usr/bin/chromium or on PATH: install Debian's `chromium` package (.ci/run does).",
    );
  }
}

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

declare const window: { proof?: BrowserProof; proofFailure?: string };

describe("the client in headless Chromium against a live server with a token", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  let browser: Browser | undefined;
  let pageServer: Server | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    const closing = pageServer;
    pageServer = undefined;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  });

  it("streams a prompt over a ticket with native EventSource and resumes a cut stream with no gap or duplicate", async () => {
    const executablePath = findChromium();
    const page$ = await servePage(await bundlePage());
    pageServer = page$.server;
    const booted = await boot(await tempDir(), {
      env: { AGENT_SERVER_TOKEN: token, AGENT_SERVER_CORS_ORIGINS: page$.origin },
      tokensPerSecond: 60,
    });
    expect(new URL(booted.server.url).origin).not.toBe(page$.origin);

    browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));

    const query = new URLSearchParams({
      api: booted.server.url,
      token,
      model: booted.faux.getModel().id,
    });
    await page.goto(`${page$.origin}/?${query}`);
    await page.waitForFunction(
      () => window.proof !== undefined || window.proofFailure !== undefined,
    );
    expect(await page.evaluate(() => window.proofFailure)).toBeUndefined();

    booted.faux.setResponses([fauxAssistantMessage(replyText)]);
    await page.evaluate(() => window.proof?.prompt("Count to sixty, slowly."));
    await page.waitForFunction(
      () => (window.proof?.types.filter((type) => type === "message_update").length ?? 0) >= 4,
    );
    const atCut = await page.evaluate(() => {
      window.proof?.cut();
      return { ids: [...(window.proof?.ids ?? [])], done: window.proof?.done };
    });
    expect(atCut.done, "the reply ended before the cut").toBe(false);
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
      errors: window.proof?.errors ?? [],
    }));
    const stored = await eventPage();
    expect(stored.hasMore).toBe(false);
    const events: { id: number; event: Json }[] = stored.events;
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
    expect(consoleErrors).toEqual([]);
  }, 30_000);
});
