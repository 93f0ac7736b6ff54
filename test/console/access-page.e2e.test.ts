import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type OpenedConsole, screenshotDir, useConsole } from "#test-support/console-browser.js";
import { type Json, readJson } from "#test-support/json.js";

const token = "console-access-test-token-0123456789abcdef";
const webhookSecret = "console-access-hook-secret-0123456789abcdef";
const env = { WEBHOOK_SECRET: webhookSecret };
/** What the browser logs for a request the server answers 401: the token screen's probe, and a deleted token's next request. */
const refused = /^console: Failed to load resource: the server responded with a status of 401/;

/** Signs in on the token screen and opens the projects page. */
async function signIn(page: Page, secret: string) {
  await page.getByLabel("API token").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as", { exact: true }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Projects" }).click();
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
}

async function openAccess(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Access" }).click();
  await page.getByRole("heading", { name: "Access", level: 1 }).waitFor();
}

/** Everything the page shows and holds in its form fields. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(
    `document.body.innerText + [...document.querySelectorAll("input, textarea")].map((field) => field.value).join(" ")`,
  );
}

const navLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Sections" }).getByRole("link").allInnerTexts();

const overflow = (page: Page) =>
  page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");

/** A pending task on the project's webhook, for the queue's buttons. */
async function submitTask(opened: OpenedConsole, title: string) {
  const response = await fetch(`${opened.booted.server.url}/v1/projects/demo/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "application/json" },
    body: JSON.stringify({ title, prompt: "say hello" }),
  });
  expect(response.status).toBe(201);
}

describe("the Access section in Chromium", () => {
  const { open } = useConsole();

  it("lets the admin create a viewer token, shows its secret once and the creation in the audit trail; the viewer gets a read-only console; a deleted token is signed out on its next request", async () => {
    const opened = await open({ token, env });
    const { page, booted } = opened;
    await page
      .context()
      .grantPermissions(["clipboard-read", "clipboard-write"], { origin: booted.server.url });
    expect((await booted.api("/projects", { method: "POST", body: { name: "Demo" } })).status).toBe(
      201,
    );
    await submitTask(opened, "Add a greeting");

    // The bootstrap token is the admin: its name and role in the top bar, every section.
    await signIn(page, token);
    const topbar = page.locator(".topbar .signed-in");
    await topbar.getByText("AGENT_SERVER_TOKEN").waitFor();
    await topbar.getByText("admin", { exact: true }).waitFor();
    expect(await navLinks(page)).toEqual(["Projects", "Tasks", "Usage", "Credentials", "Access"]);
    await openAccess(page);
    await page.getByText("No API tokens yet").waitFor();
    await opened.screenshot("access-admin-empty");

    await page.getByText("New token").click();
    await page.getByLabel("Token name").fill("dashboard viewer");
    await page.getByLabel("Role").selectOption("viewer");
    await opened.screenshot("access-create-form");
    await page.getByRole("button", { name: "Create token" }).click();
    const secretField = page.getByLabel("Secret", { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^pas_/);
    await page.getByText("it is shown this once").waitFor();
    await page.getByRole("button", { name: "Copy secret" }).click();
    await page.getByText("Copied.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);

    // The list shows the token, never its secret.
    const row = page.getByRole("table", { name: "API tokens" }).getByRole("row", {
      name: /dashboard viewer/,
    });
    await row.getByText("viewer", { exact: true }).waitFor();
    await row.getByText("every project").waitFor();
    await row.getByText("by AGENT_SERVER_TOKEN").waitFor();
    expect(await page.getByRole("table", { name: "API tokens" }).innerText()).not.toContain(secret);
    await opened.screenshot("access-secret-once");
    const listed = await booted.api("/tokens");
    expect(await listed.text()).not.toContain(secret);

    await page.getByRole("button", { name: "I have stored it" }).click();
    await page.getByLabel("Secret", { exact: true }).waitFor({ state: "detached" });
    expect(await pageText(page)).not.toContain(secret);
    // Nor after a reload: the page kept it nowhere.
    await page.reload();
    await page.getByRole("heading", { name: "Access", level: 1 }).waitFor();
    await row.waitFor();
    expect(await pageText(page)).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);

    // The audit trail names the admin as the creator.
    const audit = page.getByRole("table", { name: "Audit records" });
    const creation = audit.getByRole("row", { name: /POST \/v1\/tokens/ });
    await creation.getByText("AGENT_SERVER_TOKEN").waitFor();
    await creation.getByText("201").waitFor();
    expect(await audit.innerText()).not.toContain(secret);
    await opened.screenshot("access-audit-trail");

    // A page of refused requests later, the creation is on the older page.
    for (let i = 0; i < 55; i++) {
      const response = await fetch(`${booted.server.url}/v1/projects`, {
        method: "POST",
        headers: { authorization: "Bearer wrong-token-0123456789abcdef0123456789" },
      });
      expect(response.status).toBe(401);
    }
    await page.getByRole("button", { name: "Refresh" }).click();
    await audit
      .getByRole("row", { name: /unauthenticated/ })
      .first()
      .waitFor();
    await expect.poll(() => creation.count()).toBe(0);
    await expect.poll(() => audit.getByRole("row").count()).toBe(51);
    await page.getByRole("button", { name: "Older" }).click();
    await creation.waitFor();
    await page.getByText("Page 2").waitFor();
    await opened.screenshot("access-audit-older");
    await page.getByRole("button", { name: "Newer" }).click();
    await page.getByText("Page 1").waitFor();
    // Filtered by action, only the creation is left.
    await page.getByLabel("Action").fill("POST /v1/tokens");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => audit.getByRole("row").count()).toBe(2);
    await creation.waitFor();
    await opened.screenshot("access-audit-filtered");

    // The viewer: no Credentials or Access, no buttons that change anything.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").fill(secret);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Still at #/access, where the viewer is told it is for admins.
    await page.getByText("Access is for admins only.").waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Projects" }).click();
    await topbar.getByText("dashboard viewer").waitFor();
    await topbar.getByText("viewer", { exact: true }).waitFor();
    expect(await navLinks(page)).toEqual(["Projects", "Tasks", "Usage"]);
    await page.getByRole("link", { name: "Demo" }).waitFor();
    expect(await page.getByText("New project").count()).toBe(0);
    expect(await page.getByRole("button", { name: /Delete project/ }).count()).toBe(0);
    await opened.screenshot("viewer-projects");
    await page.getByRole("navigation").getByRole("link", { name: "Tasks" }).click();
    const card = page.getByRole("article", { name: "Add a greeting" });
    await card.getByText("say hello").waitFor();
    expect(await card.getByRole("button").count()).toBe(0);
    await opened.screenshot("viewer-tasks");
    await page.goto(`${opened.url}#/access`);
    await page.getByText("Access is for admins only.").waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    await opened.screenshot("viewer-access-admins-only");
    await page.goto(`${opened.url}#/credentials`);
    await page.getByText("Credentials is for admins only.").waitFor();
    await page.getByRole("link", { name: "Back to projects" }).click();
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();

    // The admin, in another browser, deletes the viewer's token.
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const adminContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const admin = await adminContext.newPage();
    const adminProblems: string[] = [];
    admin.on("console", (message) => {
      if (message.type() === "error") adminProblems.push(`console: ${message.text()}`);
    });
    admin.on("pageerror", (error) => adminProblems.push(`page error: ${error.message}`));
    await admin.goto(opened.url);
    await signIn(admin, token);
    await openAccess(admin);
    await admin
      .getByRole("table", { name: "API tokens" })
      .getByRole("row", { name: /dashboard viewer/ })
      .waitFor();
    await admin.screenshot({ path: `${screenshotDir}/access-admin-phone.png`, fullPage: true });
    expect(await overflow(admin)).toBeLessThanOrEqual(0);
    await admin.getByRole("button", { name: "Delete token dashboard viewer" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByText("Every request with it is refused from now on").waitFor();
    await admin.screenshot({ path: `${screenshotDir}/access-delete-confirm-phone.png` });
    await dialog.getByRole("button", { name: "Delete token" }).click();
    await admin.getByText("No API tokens yet").waitFor();

    // The viewer's next request is refused, and the page goes back to the token screen.
    await page.getByRole("navigation").getByRole("link", { name: "Usage" }).click();
    await page.getByText("The server no longer accepts this token").waitFor();
    await page.getByLabel("API token").waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await opened.screenshot("viewer-token-deleted");

    // The audit trail has the deletion by the admin and the refused request.
    await admin.getByRole("button", { name: "Refresh" }).click();
    const adminAudit = admin.getByRole("table", { name: "Audit records" });
    await adminAudit
      .getByRole("row", { name: /DELETE \/v1\/tokens\/\{tokenId\}/ })
      .getByText("AGENT_SERVER_TOKEN")
      .waitFor();
    await adminAudit
      .getByRole("row", { name: /unauthenticated/ })
      .first()
      .waitFor();
    expect(await overflow(admin)).toBeLessThanOrEqual(0);
    await admin.screenshot({
      path: `${screenshotDir}/access-after-delete-phone.png`,
      fullPage: true,
    });
    const records = await readJson(
      await booted.api("/audit?action=DELETE%20/v1/tokens/%7BtokenId%7D"),
    );
    expect(records.items.map((record: Json) => record.tokenName)).toEqual(["AGENT_SERVER_TOKEN"]);
    expect(JSON.stringify(await readJson(await booted.api("/audit?limit=1000")))).not.toContain(
      secret,
    );
    await adminContext.close();

    expect(adminProblems.filter((line) => !refused.test(line))).toEqual([]);
    expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
  }, 120_000);

  it("creates a project-scoped operator token with an expiry from the page; its console shows only its project and the server's 403s; the audit trail filters by that token", async () => {
    const opened = await open({ token, env, viewport: { width: 390, height: 844 } });
    const { page, booted } = opened;
    for (const name of ["Alpha", "Beta"]) {
      const created = await booted.api("/projects", { method: "POST", body: { name } });
      expect(created.status).toBe(201);
    }
    await signIn(page, token);
    await openAccess(page);
    await page.getByText("New token").click();
    await page.getByLabel("Token name").fill("alpha ci");
    await page.getByLabel("Role").selectOption("operator");
    await page.getByLabel("Limit to projects (optional)").selectOption(["alpha"]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await page.getByLabel("Expires (optional)").fill(local);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await opened.screenshot("access-create-scoped-phone");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("Secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^pas_/);
    const listed = (await readJson(await booted.api("/tokens"))).items as Json[];
    expect(listed).toEqual([
      expect.objectContaining({ name: "alpha ci", role: "operator", projects: ["alpha"] }),
    ]);
    // The expiry is the minute chosen, in the reader's time zone.
    expect(Date.parse(listed[0]?.expiresAt)).toBe(Date.parse(`${local}:00`));
    const row = page.getByRole("table", { name: "API tokens" }).getByRole("row", {
      name: /alpha ci/,
    });
    await row.getByText("alpha", { exact: true }).waitFor();
    await row.getByText(new Date(listed[0]?.expiresAt).toLocaleString(), { exact: true }).waitFor();
    await page.getByRole("button", { name: "I have stored it" }).click();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await opened.screenshot("access-scoped-token-phone");

    // The scoped operator: its project only; org-wide actions show the server's refusal.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").fill(secret);
    await page.getByRole("button", { name: "Sign in" }).click();
    const topbar = page.locator(".topbar .signed-in");
    await topbar.getByText("alpha ci").waitFor();
    await topbar.getByText("operator", { exact: true }).waitFor();
    await topbar.getByText("· alpha").waitFor();
    // Tasks and Usage read the whole organisation: not offered to a scoped token, and the
    // server's refusal shows when reached by address.
    expect(await navLinks(page)).toEqual(["Projects"]);
    await page.goto(`${opened.url}#/tasks`);
    await page.getByRole("alert").getByText("this token is limited to alpha").waitFor();
    await opened.screenshot("scoped-operator-tasks-403-phone");
    await page.getByRole("navigation").getByRole("link", { name: "Projects" }).click();
    await page.getByRole("link", { name: "Alpha" }).waitFor();
    expect(await page.getByRole("link", { name: "Beta" }).count()).toBe(0);
    await page.getByRole("button", { name: "Delete project Alpha" }).waitFor();
    await page.getByText("New project").click();
    await page.getByLabel("Name").fill("Gamma");
    await page.getByRole("button", { name: "Create project" }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/limited to alpha/);
    expect((await readJson(await booted.api("/projects"))).total).toBe(2);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await opened.screenshot("scoped-operator-projects-403-phone");

    // Back as admin, the audit trail filtered by the token shows its refused request.
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, token);
    await openAccess(page);
    await page
      .getByRole("form", { name: "Audit filters" })
      .getByLabel("Token")
      .selectOption({ label: "alpha ci" });
    await page.getByRole("button", { name: "Filter" }).click();
    const audit = page.getByRole("table", { name: "Audit records" });
    await audit
      .getByRole("row", { name: /GET \/v1\/tasks / })
      .first()
      .getByText("403")
      .waitFor();
    // Every record shown is the token's: its refused org-wide reads and project creation.
    // The table may still be settling after the filter: poll until it holds the records.
    await expect.poll(() => audit.getByRole("row").count()).toBeGreaterThan(2);
    await expect
      .poll(async () => {
        const shown = await audit.getByRole("row").count();
        return (await audit.getByRole("row", { name: /alpha ci/ }).count()) - shown;
      })
      .toBe(-1);
    const refused403 = audit.getByRole("row", { name: /POST \/v1\/projects/ });
    await refused403.getByText("alpha ci").waitFor();
    await refused403.getByText("403").waitFor();
    await opened.screenshot("access-audit-by-token-phone");
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    const forbidden =
      /^console: Failed to load resource: the server responded with a status of 403/;
    expect(opened.problems.filter((line) => !refused.test(line) && !forbidden.test(line))).toEqual(
      [],
    );
    // The task list, its stream's tickets and the project creation were refused.
    expect(opened.problems.filter((line) => forbidden.test(line)).length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it("marks an expired token in the list and sends its tab back to the token screen; a time range in the future matches no record", async () => {
    const opened = await open({ token });
    const { page, booted } = opened;
    const created = await booted.api("/tokens", {
      method: "POST",
      body: {
        name: "short lived",
        role: "viewer",
        expiresAt: new Date(Date.now() + 8_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const { secret, token: made } = await readJson(created);
    await signIn(page, secret);
    await page.locator(".topbar .signed-in").getByText("short lived").waitFor();
    const untilExpired = Date.parse(made.expiresAt) - Date.now() + 500;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, untilExpired)));
    await page.getByRole("navigation").getByRole("link", { name: "Usage" }).click();
    await page.getByText("The server no longer accepts this token").waitFor();
    await opened.screenshot("expired-token-signed-out");

    await signIn(page, token);
    await openAccess(page);
    const row = page.getByRole("table", { name: "API tokens" }).getByRole("row", {
      name: /short lived/,
    });
    await row.getByText("expired", { exact: true }).waitFor();
    const audit = page.getByRole("table", { name: "Audit records" });
    await audit
      .getByRole("row", { name: /GET \/v1\/usage/ })
      .first()
      .getByText("401")
      .waitFor();
    await opened.screenshot("access-expired-token");

    const soon = new Date(Date.now() + 3_600_000);
    const local = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await page.getByLabel("From").fill(local);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByText("No record matches.").waitFor();
    await page.getByRole("button", { name: "Clear" }).click();
    await audit.waitFor();
    expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
  }, 60_000);
});
