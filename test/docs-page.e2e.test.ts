import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { type Json, readJson } from "#test-support/json.js";
import { useSessionServers } from "#test-support/session-server.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const chromiumPath = "/usr/bin/chromium";
const runnable = existsSync(chromiumPath) || process.env.CI !== undefined;
if (!runnable) {
  process.stderr.write(
    `Skipping the /docs browser test: ${chromiumPath} is missing (install Debian's chromium; CI always runs it).\n`,
  );
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface CspReport {
  directive: string;
  blocked: string;
}

describe.runIf(runnable)("/docs in headless Chromium with the network blocked", () => {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it("renders every operation from the server alone, with no console error or CSP violation", async () => {
    const { server } = await boot(await tempDir());
    const document = await readJson(await fetch(`${server.url}/openapi.json`));
    const expected = Object.entries<Json>(document.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => methods.includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(expected.length).toBeGreaterThan(40);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext();
    const blocked: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === server.url) return route.continue();
      blocked.push(url);
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript({
      content: `window.cspReports = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          window.cspReports.push({ directive: event.violatedDirective, blocked: event.blockedURI });
        });`,
    });

    const response = await page.goto(`${server.url}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.waitForFunction(
      (count) => document.querySelectorAll(".opblock").length >= count,
      expected.length,
      { timeout: 30_000 },
    );
    const rendered = await page.$$eval(".opblock", (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector(".opblock-summary-method")?.textContent ?? "";
        const path = block.querySelector(".opblock-summary-path")?.getAttribute("data-path") ?? "";
        return `${method.trim().toUpperCase()} ${path}`;
      }),
    );
    expect(rendered.sort()).toEqual(expected);

    const cspReports = (await page.evaluate("window.cspReports")) as CspReport[];
    expect(cspReports).toEqual([]);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  }, 90_000);
});
