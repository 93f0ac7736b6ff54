import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJson } from "#test-support/json.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { consoleContentSecurityPolicy, createConsoleApp } from "./console-app.js";
import { ConsoleAssets } from "./console-assets.js";

const html = '<!doctype html><script type="module" src="/ui/assets/index-abc123.js"></script>';

async function builtConsole(dir: string): Promise<string> {
  await mkdir(join(dir, "assets"), { recursive: true });
  await writeFile(join(dir, "index.html"), html);
  await writeFile(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(join(dir, "favicon.svg"), "<svg/>");
  return dir;
}

describe("the web console at /ui/", () => {
  const tempDir = useTempDirs();

  it("serves the page with a strict Content-Security-Policy and no caching", async () => {
    const app = createConsoleApp({
      assets: new ConsoleAssets(await builtConsole(await tempDir())),
    });
    const response = await app.request("/ui/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(consoleContentSecurityPolicy);
    expect(consoleContentSecurityPolicy).toContain("script-src 'self'");
    expect(consoleContentSecurityPolicy).not.toContain("unsafe");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe(html);
    expect((await app.request("/ui/index.html")).status).toBe(200);
  });

  it("redirects /ui to /ui/", async () => {
    const app = createConsoleApp({
      assets: new ConsoleAssets(await builtConsole(await tempDir())),
    });
    const response = await app.request("/ui");
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("/ui/");
  });

  it("serves hashed assets for good and other files revalidated", async () => {
    const app = createConsoleApp({
      assets: new ConsoleAssets(await builtConsole(await tempDir())),
    });
    const script = await app.request("/ui/assets/index-abc123.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(await script.text()).toBe("console.log(1)");
    const icon = await app.request("/ui/favicon.svg");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers 404 for files that were not built, and names nothing outside the directory", async () => {
    const dir = await tempDir();
    await builtConsole(join(dir, "ui"));
    await writeFile(join(dir, "secret.txt"), "secret");
    const app = createConsoleApp({ assets: new ConsoleAssets(join(dir, "ui")) });
    expect((await app.request("/ui/assets/missing.js")).status).toBe(404);
    expect((await app.request("/ui/../secret.txt")).status).toBe(404);
    expect((await app.request("/ui/%2e%2e/secret.txt")).status).toBe(404);
  });

  it("answers 503 with how to build it before the console is built, and finds it once built", async () => {
    const dir = await tempDir();
    const app = createConsoleApp({ assets: new ConsoleAssets(join(dir, "ui")) });
    const response = await app.request("/ui/");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await readJson(response)).detail).toContain("npm run build");
    await builtConsole(join(dir, "ui"));
    expect((await app.request("/ui/")).status).toBe(200);
  });
});
