import type { OAuthLoginCallbacks } from "@mariozechner/pi-ai";
import { registerOAuthProvider, unregisterOAuthProvider } from "@mariozechner/pi-ai/oauth";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { useConsole } from "#test-support/console-browser.js";
import { type Json, readJson } from "#test-support/json.js";

const token = "console-credentials-test-token-0123456789abcdef";
/** What the browser logs for the token screen's first probe, answered 401. */
const refusedToken = /Failed to load resource: the server responded with a status of 401/;
const apiKey = "sk-console-credentials-secret-4242";
const customKey = "acme-console-secret-key-777";
const authUrl = "https://login.example.com/authorize?client_id=console&state=xyz";
/** The 400 the browser logs when the page sends a key the server refuses, on purpose. */
const refusedKey = /Failed to load resource: the server responded with a status of 400/;

/** A subscription login scripted through pi's callbacks: show a URL, wait for the code. */
function registerTestLogin(id: string) {
  registerOAuthProvider({
    id,
    name: "Console Test Plan",
    async login(callbacks: OAuthLoginCallbacks) {
      callbacks.onAuth({ url: authUrl, instructions: "Log in, then paste the code shown." });
      callbacks.onProgress?.("Waiting for the code");
      const code = await callbacks.onPrompt({ message: "Authorization code", placeholder: "code" });
      if (code !== "good-code") throw new Error("The authorization code was rejected");
      return {
        access: "oauth-access-secret",
        refresh: "oauth-refresh-secret",
        expires: Date.now() + 3_600_000,
      };
    },
    refreshToken: async (credentials) => credentials,
    getApiKey: (credentials) => credentials.access,
  });
}

async function providerStatus(api: (path: string) => Promise<Response>, id: string): Promise<Json> {
  const list = await readJson(await api("/auth/providers"));
  return list.items.find((item: Json) => item.provider === id);
}

/** The credential cell of a provider's row in the providers table. */
const credentialOf = (page: Page, provider: string) =>
  page.locator(`tr[data-provider="${provider}"] td:nth-child(3)`);

describe("the credentials page in Chromium", () => {
  const { open } = useConsole();
  const registered: string[] = [];
  afterEach(() => {
    for (const id of registered.splice(0)) unregisterOAuthProvider(id);
  });

  it("sets and removes an API key, and adds, edits and deletes a custom provider; secrets never come back", async () => {
    const opened = await open();
    const { page, booted } = opened;
    expect((await providerStatus(booted.api, "mistral")).credentials).toEqual([]);
    await page.getByRole("navigation").getByRole("link", { name: "Credentials" }).click();
    await page.getByRole("heading", { name: "Credentials", level: 1 }).waitFor();
    await page.getByLabel("Filter providers").fill("mistral");
    await expect.poll(() => credentialOf(page, "mistral").textContent()).toBe("none");

    await page.getByRole("button", { name: "Set API key for Mistral" }).click();
    const dialog = page.getByRole("dialog", { name: "API key for Mistral" });
    expect(await dialog.getByLabel("API key").getAttribute("type")).toBe("password");
    await dialog.getByLabel("API key").fill("!echo refused");
    await dialog.getByRole("button", { name: "Save key" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/command references/)
      .waitFor();
    await dialog.getByLabel("API key").fill(apiKey);
    await dialog.getByRole("button", { name: "Save key" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Stored an API key for Mistral.").waitFor();
    await credentialOf(page, "mistral").getByText("API key · stored").waitFor();
    expect((await providerStatus(booted.api, "mistral")).credentials[0]).toMatchObject({
      source: "stored",
      type: "api_key",
    });
    expect(await page.content()).not.toContain(apiKey);
    await opened.screenshot("credentials-key-stored");

    await page.getByRole("button", { name: "Remove stored credential for Mistral" }).click();
    await page.getByRole("button", { name: "Remove credential" }).click();
    await page.getByText("Removed the stored credential of Mistral.").waitFor();
    await expect.poll(() => credentialOf(page, "mistral").textContent()).toBe("none");
    expect((await providerStatus(booted.api, "mistral")).credentials).toEqual([]);

    // A custom provider: add it, see its key source, edit it keeping the key, delete it.
    await page.getByLabel("Filter providers").fill("");
    await page.getByText("Add a custom provider").click();
    const add = page.locator(".credentials-add");
    await add.getByLabel("Provider id").fill("acme");
    await add.getByLabel("Display name").fill("Acme Gateway");
    await add.getByLabel("Base URL").fill("http://127.0.0.1:9/v1");
    await add.getByLabel("API", { exact: true }).selectOption("openai-responses");
    await add.getByLabel("Provider API key").fill(customKey);
    await add.getByLabel("Model id").fill("acme-coder");
    await add.getByLabel("Context window").fill("64000");
    await add.getByLabel("Input $/M").fill("2");
    await add.getByLabel("Output $/M").fill("8");
    await add.getByRole("button", { name: "Add model" }).click();
    await add.getByLabel("Model id").nth(1).fill("acme-vision");
    await add.getByLabel("Image input").nth(1).check();
    await add.getByRole("button", { name: "Add provider" }).click();
    await page.getByText("Added the custom provider.").waitFor();
    const list = page.getByRole("list", { name: "Custom providers" });
    await list.getByText("Acme Gateway").waitFor();
    await list.getByText("acme-coder, acme-vision").waitFor();
    await credentialOf(page, "acme").getByText("API key · models.json").waitFor();
    const stored = (await readJson(await booted.api("/custom/providers"))).items[0];
    expect(stored).toMatchObject({
      provider: "acme",
      name: "Acme Gateway",
      api: "openai-responses",
      hasApiKey: true,
      models: [
        {
          id: "acme-coder",
          contextWindow: 64000,
          cost: { input: 2, output: 8, cacheRead: 0, cacheWrite: 0 },
        },
        { id: "acme-vision", input: ["text", "image"] },
      ],
    });
    await opened.screenshot("credentials-custom-provider");

    await list.getByRole("button", { name: "Edit custom provider acme" }).click();
    const edit = list.locator("form");
    expect(await edit.getByLabel("Provider API key").inputValue()).toBe("");
    await edit.getByLabel("Display name").fill("Acme Renamed");
    await edit.getByRole("button", { name: "Save provider" }).click();
    await list.getByText("Acme Renamed").waitFor();
    const edited = (await readJson(await booted.api("/custom/providers"))).items[0];
    expect(edited).toMatchObject({ name: "Acme Renamed", hasApiKey: true });
    expect(edited.models[0].cost).toEqual({ input: 2, output: 8, cacheRead: 0, cacheWrite: 0 });
    expect(await page.content()).not.toContain(customKey);

    await list.getByRole("button", { name: "Delete custom provider acme" }).click();
    await page.getByRole("button", { name: "Delete provider" }).click();
    await page.getByText("No custom providers yet.").waitFor();
    expect((await readJson(await booted.api("/custom/providers"))).items).toEqual([]);

    // At a phone's width the providers table scrolls inside its box, never the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel("Filter providers").fill("an");
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await opened.screenshot("credentials-phone");
    expect(opened.problems.filter((line) => !refusedKey.test(line))).toEqual([]);
    expect(opened.problems.filter((line) => refusedKey.test(line))).toHaveLength(1);
  }, 90_000);

  it("runs a subscription login with a token: the auth link, a refused code, then the right one", async () => {
    registerTestLogin("console-sub");
    registered.push("console-sub");
    const opened = await open({ token });
    const { page, booted } = opened;
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Credentials" }).click();
    await page.getByLabel("Filter providers").fill("console-sub");

    await page.getByRole("button", { name: "Log in to Console Test Plan" }).click();
    const login = page.getByRole("region", { name: "Log in to Console Test Plan" });
    const link = login.getByRole("link", { name: "Open the Console Test Plan login page" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(authUrl);
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toContain("noopener");
    await login.getByText("Log in, then paste the code shown.").waitFor();
    await login.getByText("Waiting for the code").waitFor();
    await login.getByLabel("Authorization code").fill("bad-code");
    await opened.screenshot("credentials-subscription-prompt");
    await login.getByRole("button", { name: "Continue login" }).click();
    await login.getByText("The login failed. The authorization code was rejected").waitFor();
    expect((await providerStatus(booted.api, "console-sub")).credentials).toEqual([]);

    await login.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Log in to Console Test Plan" }).click();
    await login.getByLabel("Authorization code").fill("good-code");
    await login.getByRole("button", { name: "Continue login" }).click();
    await login.getByText(/Logged in/).waitFor();
    await credentialOf(page, "console-sub").getByText("Subscription · stored").waitFor();
    expect((await providerStatus(booted.api, "console-sub")).credentials[0]).toMatchObject({
      source: "stored",
      type: "oauth",
    });
    expect(await page.content()).not.toContain("oauth-access-secret");
    await opened.screenshot("credentials-subscription-done");

    await page
      .getByRole("button", { name: "Remove stored credential for Console Test Plan" })
      .click();
    await page.getByRole("button", { name: "Remove credential" }).click();
    await page.getByText("Removed the stored credential of Console Test Plan.").waitFor();
    await expect.poll(() => credentialOf(page, "console-sub").textContent()).toBe("none");
    expect((await providerStatus(booted.api, "console-sub")).credentials).toEqual([]);
    expect(opened.problems.filter((line) => !refusedToken.test(line))).toEqual([]);
  }, 90_000);
});
