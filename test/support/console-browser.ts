import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterEach } from "vitest";
import { launchChromium } from "./chromium.js";
import { builtConsoleDir } from "./console-build.js";
import { repoRoot } from "./processes.js";
import { type BootedServer, useSessionServers } from "./session-server.js";
import { useTempDirs } from "./temp-dir.js";

/** Where console tests save their screenshots (`test-results/` is not committed). */
export const screenshotDir = join(repoRoot, "test-results", "console");

export interface ConsoleOptions {
  /** `AGENT_SERVER_TOKEN` of the server; the page then starts at the token screen. */
  token?: string;
  env?: Record<string, string>;
  /** Pace of the faux model's streaming (0: as fast as it can). */
  tokensPerSecond?: number;
  viewport?: { width: number; height: number };
}

export interface OpenedConsole {
  page: Page;
  booted: BootedServer;
  /** The console's address, `…/ui/`. */
  url: string;
  /**
   * Console errors, page errors, CSP violations and requests to any other origin, each
   * as a line; a test ends by expecting it empty (or only the failures it caused).
   */
  problems: string[];
  /** Saves a full-page screenshot as `test-results/console/<name>.png`. */
  screenshot(name: string): Promise<void>;
}

/**
 * Boots a real listening server (pi's faux provider installed) that serves the console
 * built from this checkout, and opens it in headless Chromium with every other origin
 * cut off, so the console is proven to work offline. Call once per `describe`.
 */
export function useConsole() {
  const tempDir = useTempDirs();
  const { boot } = useSessionServers();
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  async function open(options: ConsoleOptions = {}): Promise<OpenedConsole> {
    const consoleDir = await builtConsoleDir();
    const booted = await boot(await tempDir(), {
      env: {
        AGENT_SERVER_CONSOLE_DIR: consoleDir,
        ...(options.token ? { AGENT_SERVER_TOKEN: options.token } : {}),
        ...options.env,
      },
      ...(options.tokensPerSecond === undefined
        ? {}
        : { tokensPerSecond: options.tokensPerSecond }),
    });
    browser ??= await launchChromium();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
    const problems: string[] = [];
    const origin = booted.server.url;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      problems.push(`request to another origin: ${url}`);
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.addInitScript({
      content: `document.addEventListener("securitypolicyviolation", (event) => {
        console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
      });`,
    });
    const url = `${origin}/ui/`;
    await page.goto(url);
    await mkdir(screenshotDir, { recursive: true });
    return {
      page,
      booted,
      url,
      problems,
      screenshot: async (name) => {
        await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      },
    };
  }

  return { open };
}
