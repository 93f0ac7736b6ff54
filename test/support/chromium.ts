import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's `chromium`, which CI installs; playwright-core never downloads a browser. */
export function findChromium(): string {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "Chromium not found at /usr/bin/chromium or on PATH: install Debian's `chromium` package (.ci/run does).",
    );
  }
}

/** Headless Chromium as the tests drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
}
