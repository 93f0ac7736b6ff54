import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useConsole } from "#test-support/console-browser.js";
import { builtConsoleDir } from "#test-support/console-build.js";
import { readJson } from "#test-support/json.js";

const token = "console-shell-test-token-0123456789abcdef";
/** What the browser logs for a request the server answered 401 (the token screen's probe). */
const refused = /Failed to load resource: the server responded with a status of 401/;

describe("the web console's bundle", () => {
  it("is under 250 KB of gzipped JavaScript, with no inline script", async () => {
    const dir = await builtConsoleDir();
    const assets = await readdir(join(dir, "assets"));
    let gzipped = 0;
    for (const name of assets.filter((file) => file.endsWith(".js"))) {
      gzipped += gzipSync(await readFile(join(dir, "assets", name))).length;
    }
    expect(gzipped).toBeGreaterThan(10_000);
    expect(gzipped).toBeLessThan(250 * 1024);
    const html = await readFile(join(dir, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
  });
});

describe("the web console's shell in Chromium", () => {
  const { open } = useConsole();

  it("opens without a token on loopback; creates, finds and deletes a project", async () => {
    const opened = await open();
    const { page, booted } = opened;
    const response = await page.reload();
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.getByRole("heading", { name: "Projects" }).waitFor();

    await page.getByText("New project").click();
    await page.getByLabel("Name").fill("Shop Front");
    await page.getByLabel("Dev port").fill("5173");
    await page.getByLabel("Prod port").fill("8080");
    await page.getByLabel("Prod public URL").fill("https://shop.example.com");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("link", { name: "Shop Front" }).waitFor();
    const created = await readJson(await booted.api("/projects/shop-front"));
    const deployment = JSON.parse(
      await readFile(join(created.projectDir, ".pi", "deployment.json"), "utf8"),
    );
    expect(deployment).toMatchObject({
      dev: { port: 5173 },
      prod: { port: 8080, publicUrl: "https://shop.example.com" },
    });

    await booted.api("/projects", { method: "POST", body: { name: "Billing" } });
    await page.reload();
    await page.getByLabel("Search projects").fill("bill");
    await page.getByRole("link", { name: "Billing" }).waitFor();
    expect(await page.getByRole("link", { name: "Shop Front" }).count()).toBe(0);
    await page.getByLabel("Search projects").fill("");
    await opened.screenshot("projects-list");

    await page.getByRole("button", { name: "Delete project Billing" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("This cannot be undone").waitFor();
    await opened.screenshot("projects-delete-confirm");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await booted.api("/projects/billing")).status).toBe(200);
    await page.getByRole("button", { name: "Delete project Billing" }).click();
    await page.getByRole("button", { name: "Delete project", exact: true }).click();
    await page.getByRole("link", { name: "Billing" }).waitFor({ state: "detached" });
    expect((await booted.api("/projects/billing")).status).toBe(404);

    await page.getByText("New project").click();
    await page.getByLabel("Name").fill("Shop Front");
    await page.getByLabel("Dev port").fill("70000");
    await page.getByRole("button", { name: "Create project" }).click();
    expect(
      await page.evaluate('document.querySelector("input[name=devPort]").validity.valid'),
    ).toBe(false);
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("asks for the token, refuses a wrong one, keeps the right one for the tab, signs out", async () => {
    const opened = await open({ token });
    const { page } = opened;
    await page.getByLabel("API token").waitFor();
    await opened.screenshot("token-screen");
    await page.getByLabel("API token").fill("not-the-token-0123456789abcdef0123456789");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That token was not accepted.").waitFor();

    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    expect(await page.evaluate("localStorage.length")).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Projects" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
  }, 60_000);

  it("is usable at a phone's width: nothing scrolls sideways and every section is reachable", async () => {
    const opened = await open({ viewport: { width: 390, height: 844 } });
    const { page } = opened;
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    for (const section of ["Tasks", "Usage", "Credentials", "Access", "Projects"]) {
      await page.getByRole("navigation").getByRole("link", { name: section }).click();
      await page.getByRole("heading", { name: section, level: 1 }).waitFor();
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow, `${section} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await opened.screenshot("phone-width");
    expect(opened.problems).toEqual([]);
  }, 60_000);
});
