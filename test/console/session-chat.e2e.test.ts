import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useConsole } from "#test-support/console-browser.js";
import { useConsoleRelay } from "#test-support/console-relay.js";
import {
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  installFauxProvider,
} from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";

const token = "console-chat-test-token-0123456789abcdef";
/** What the browser logs for the token screen's first probe, answered 401. */
const refused = /Failed to load resource: the server responded with a status of 401/;
/** What the browser logs for a stream whose connection the test cut. */
const cutConnection = /Failed to load resource: net::ERR_/;
const words = (count: number, stem = "word") =>
  Array.from({ length: count }, (_, i) => `${stem}${i + 1}`).join(" ");

/** The text of the newest assistant reply on the page, as rendered. */
async function lastReplyText(page: Page): Promise<string> {
  const replies = page.locator(".chat-item.assistant .markdown");
  return (await replies.count()) === 0 ? "" : replies.last().innerText();
}

/** The page's DOM, as far as the functions run in it need (the tests compile without DOM types). */
declare const document: { querySelector(selector: string): { innerText: string } | null };

/** Waits until the newest reply shows some text while it is still being written; returns it. */
async function partialReply(page: Page): Promise<string> {
  const text = await page.waitForFunction(() => {
    const draft = document.querySelector('.bubble.assistant[data-streaming="true"] .markdown');
    const text = draft ? draft.innerText : "";
    return text.trim() === "" ? false : text;
  });
  return (await text.jsonValue()) as string;
}

async function waitForStatus(page: Page, status: string, timeout = 20_000): Promise<void> {
  const badge = page.getByRole("status", { name: "Session status" });
  try {
    await badge.filter({ hasText: new RegExp(`^${status}$`) }).waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator("main").innerText();
    throw new Error(`the session never showed "${status}"; the page showed:\n${shown}`, {
      cause: error,
    });
  }
}

describe("the session chat in Chromium", () => {
  const { open } = useConsole();
  const throughRelay = useConsoleRelay();

  it("with a token: creates a project and a session, streams a reply with a tool call, steers, aborts", async () => {
    const opened = await open({ token, tokensPerSecond: 40 });
    const { page, booted } = opened;
    const tickets: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/events/tickets")) tickets.push(request.url());
    });
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByText("New project").click();
    await page.getByLabel("Name").fill("Chat Demo");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("link", { name: "Chat Demo" }).click();
    await page.getByRole("heading", { name: "Chat Demo", level: 1 }).waitFor();
    const project = await readJson(await booted.api("/projects/chat-demo"));
    const notes = [
      "hello from the notes",
      ...Array.from({ length: 99 }, (_, i) => `line ${i + 2}`),
    ];
    await writeFile(join(project.projectDir, "notes.txt"), `${notes.join("\n")}\n`);

    await page.getByLabel("Name (optional)").fill("First chat");
    await page.getByLabel("Model").selectOption(`faux/${booted.faux.getModel().id}`);
    await page.getByRole("button", { name: "Create session" }).click();
    await page.getByRole("heading", { name: "First chat", level: 1 }).waitFor();
    await waitForStatus(page, "idle");
    expect(page.url()).toMatch(/#\/projects\/chat-demo\/sessions\/[^/]+$/);
    const sessionId = decodeURIComponent(page.url().split("/").at(-1) ?? "");

    // A tool call of a real pi tool, then a text answer streamed slowly.
    const answer = `The notes say hello. ${words(120)}`;
    booted.faux.setResponses([
      fauxAssistantMessage(
        [
          fauxThinking("The user wants the notes; reading the file."),
          fauxText("Let me read it."),
          fauxToolCall("read", { path: "notes.txt" }),
        ],
        {
          stopReason: "toolUse",
        },
      ),
      fauxAssistantMessage(answer),
    ]);
    await page.getByLabel("Message").fill("What do the notes say?");
    await page.getByLabel("Message").press("Enter");
    await page.locator(".chat-item.user").getByText("What do the notes say?").waitFor();
    const toolCall = page.locator('.tool-call[data-tool="read"]');
    await toolCall.getByText("hello from the notes").waitFor();
    expect(await toolCall.locator(".tool-summary").innerText()).toBe("notes.txt");
    // A long result shows its first lines, and the rest on request.
    expect(await toolCall.getByText("line 100").count()).toBe(0);
    await toolCall.getByRole("button", { name: /^Show all \(100 lines/ }).click();
    await toolCall.getByText(/line 100/).waitFor();
    await toolCall.getByText("Arguments").click();
    await toolCall.getByText('"path": "notes.txt"').waitFor();
    const thinking = page.locator("details.thinking").first();
    expect(await thinking.getAttribute("open")).toBeNull();
    await thinking.getByText("Thinking").click();
    await thinking.getByText("The user wants the notes; reading the file.").waitFor();
    const partial = await partialReply(page);
    await waitForStatus(page, "idle");
    const final = await lastReplyText(page);
    expect(final).toBe(answer);
    expect(partial.length).toBeLessThan(answer.length);
    expect(answer.startsWith(partial.trim())).toBe(true);
    await opened.screenshot("session-chat-tool-call");

    // Steer while a reply streams: the next turn gets the steer.
    const seen: string[] = [];
    booted.faux.setResponses([
      fauxAssistantMessage(words(200, "long")),
      (context) => {
        const last = context.messages.at(-1);
        if (last?.role === "user") {
          seen.push(
            typeof last.content === "string"
              ? last.content
              : last.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
          );
        }
        return fauxAssistantMessage("Steered: keeping it short.");
      },
    ]);
    await page.getByLabel("Message").fill("Tell me a long story.");
    await page.getByRole("button", { name: "Send" }).click();
    await partialReply(page);
    await page.getByLabel("Message").fill("Keep it short instead.");
    await page.getByRole("button", { name: "Steer" }).click();
    await page.locator(".chat-item.user").getByText("Keep it short instead.").waitFor();
    await page.getByText("Steered: keeping it short.").waitFor();
    await waitForStatus(page, "idle");
    expect(seen).toEqual(["Keep it short instead."]);

    // Abort a long reply: the partial text stays, marked aborted.
    const long = words(400, "endless");
    booted.faux.setResponses([fauxAssistantMessage(long)]);
    await page.getByLabel("Message").fill("Talk forever.");
    await page.getByRole("button", { name: "Send" }).click();
    await partialReply(page);
    await page.getByRole("button", { name: "Abort" }).click();
    await waitForStatus(page, "idle");
    const aborted = page.locator(".chat-item.assistant").last();
    await aborted.getByText("Aborted").waitFor();
    const kept = await lastReplyText(page);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(long.length);
    expect(long.startsWith(kept.trim())).toBe(true);
    await opened.screenshot("session-chat-aborted");

    const detail = await readJson(await booted.api(`/projects/chat-demo/sessions/${sessionId}`));
    expect(detail.messages.at(-1)).toMatchObject({ role: "assistant", stopReason: "aborted" });
    expect(tickets.length).toBeGreaterThan(0);
    expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
  }, 120_000);

  it("resumes after the connection drops mid-reply, with no text missing or doubled", async () => {
    const opened = await open({
      tokensPerSecond: 60,
      env: { AGENT_SERVER_ALLOWED_HOSTS: "127.0.0.1" },
    });
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const opens: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "eventsource") opens.push(request.url());
    });
    const { relay } = await throughRelay(opened, `#/projects/demo/sessions/${sessionId}`);
    await waitForStatus(page, "idle");
    expect(opens).toHaveLength(1);

    const reply = words(300);
    booted.faux.setResponses([fauxAssistantMessage(reply)]);
    await page.getByLabel("Message").fill("Count to three hundred.");
    await page.getByLabel("Message").press("Enter");
    await partialReply(page);
    relay.hold();
    await waitForStatus(page, "reconnecting");
    const atCut = await lastReplyText(page);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await lastReplyText(page), "text arrived while the connection was cut").toBe(atCut);
    relay.release();
    await waitForStatus(page, "idle", 30_000);
    expect(atCut.length).toBeLessThan(reply.length);
    expect(await lastReplyText(page)).toBe(reply);
    await opened.screenshot("session-chat-resumed-after-drop");
    expect(await page.locator(".chat-item.assistant").count()).toBe(1);
    expect(await page.locator(".chat-item.user").count()).toBe(1);
    expect(opens.length).toBeGreaterThanOrEqual(2);
    expect(opened.problems.filter((line) => !cutConnection.test(line))).toEqual([]);
  }, 60_000);

  it("switches the model and thinking level, renames, compacts and shows usage", async () => {
    const opened = await open();
    const { page, booted } = opened;
    const thinkers = installFauxProvider(booted.server.runtimes.org, {
      provider: "thinkers",
      models: [{ id: "deep-1", name: "Deep Thinker", reasoning: true }],
    });
    try {
      const sessionId = await booted.newSession();
      const project = await readJson(await booted.api("/projects/demo"));
      // Keep almost nothing verbatim, so two exchanges can be compacted.
      await mkdir(join(project.projectDir, ".pi"), { recursive: true });
      await writeFile(
        join(project.projectDir, ".pi", "settings.json"),
        '{ "compaction": { "keepRecentTokens": 1 } }',
      );
      const session = `/projects/demo/sessions/${sessionId}`;
      await page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
      await waitForStatus(page, "idle");
      await page.locator('[data-stat="messages"]').filter({ hasText: /^0 / }).waitFor();

      for (const question of ["First question?", "Second question?"]) {
        booted.faux.setResponses([fauxAssistantMessage(`Answer to ${question}`)]);
        await page.getByLabel("Message").fill(question);
        await page.getByRole("button", { name: "Send" }).click();
        await page.getByText(`Answer to ${question}`).waitFor();
        await waitForStatus(page, "idle");
      }
      // Usage is reloaded after each run.
      await page.locator('[data-stat="messages"]').filter({ hasText: /^4 / }).waitFor();
      const stats = await readJson(await booted.api(`${session}/stats`));
      expect(stats.tokens.total).toBeGreaterThan(0);
      expect(await page.locator('[data-stat="total"]').innerText()).not.toBe("0");

      booted.faux.setResponses([fauxAssistantMessage("SUMMARY of the chat so far")]);
      await page.getByRole("button", { name: "Compact" }).click();
      await page.getByText(/^Compacted from .* tokens\.$/).waitFor();
      await page
        .locator(".chat-item.compaction")
        .getByText(/Context compacted/)
        .waitFor();
      const compacted = await readJson(await booted.api(session));
      expect(compacted.messages[0]).toMatchObject({ role: "compactionSummary" });

      await page.getByRole("button", { name: "Rename" }).click();
      await page.getByLabel("Session name").fill("Renamed chat");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.getByRole("heading", { name: "Renamed chat", level: 1 }).waitFor();
      expect((await readJson(await booted.api(session))).name).toBe("Renamed chat");

      // Models without credentials are listed but cannot be chosen.
      const model = page.locator("#session-model");
      const disabled = await model.locator("option[disabled]").count();
      const withoutCredentials = await model
        .locator("option")
        .filter({ hasText: "no credentials" })
        .count();
      expect(disabled).toBe(withoutCredentials);
      expect(disabled).toBeGreaterThan(0);
      await model.selectOption("thinkers/deep-1");
      await page.locator("#session-thinking option[value=high]").waitFor({ state: "attached" });
      await page.locator("#session-thinking").selectOption("high");
      await expect
        .poll(async () => readJson(await booted.api(`${session}/settings`)))
        .toMatchObject({ provider: "thinkers", modelId: "deep-1", thinkingLevel: "high" });

      // The next prompt runs on the new model.
      thinkers.setResponses([fauxAssistantMessage("Thought hard about it.")]);
      await page.getByLabel("Message").fill("Think.");
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByText("Thought hard about it.").waitFor();
      await waitForStatus(page, "idle");
      await page.reload();
      await page.getByRole("heading", { name: "Renamed chat", level: 1 }).waitFor();
      await expect.poll(() => page.locator("#session-thinking").inputValue()).toBe("high");
      await expect.poll(() => page.locator("#session-model").inputValue()).toBe("thinkers/deep-1");
      await opened.screenshot("session-chat-settings");
      expect(opened.problems).toEqual([]);
    } finally {
      thinkers.unregister();
    }
  }, 60_000);

  it("renders markdown sanitised: code blocks as code, scripts and handlers inert", async () => {
    const opened = await open();
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    await page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
    await waitForStatus(page, "idle");
    const reply = [
      "Here is **the code**:",
      "",
      "```js",
      'console.log("fenced");',
      "```",
      "",
      '<img src=x onerror="window.__pwned = 1">',
      "",
      "<script>window.__pwned = 2</script>",
      "",
      '<a href="javascript:window.__pwned=3">click</a> and [docs](https://example.com/docs)',
      "",
      "![diagram](https://example.com/diagram.png)",
      "",
      '<span style="color: red" onclick="window.__pwned = 4">styled</span>',
      "",
      "<style>body { display: none }</style>",
      "",
      "```html",
      '<p style="color: red">verbatim</p>',
      "```",
    ].join("\n");
    booted.faux.setResponses([fauxAssistantMessage(reply)]);
    await page.getByLabel("Message").fill("Show me some markup.");
    await page.getByRole("button", { name: "Send" }).click();
    await waitForStatus(page, "idle");
    const reply$ = page.locator(".chat-item.assistant .markdown").last();
    await reply$.locator("pre code").getByText('console.log("fenced");').waitFor();
    expect(await reply$.locator("strong").innerText()).toBe("the code");
    expect(await reply$.locator("img, script, style, [onerror], [onclick], [style]").count()).toBe(
      0,
    );
    const links = await reply$.locator("a").evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        text: anchor.textContent,
        href: anchor.getAttribute("href"),
        target: anchor.getAttribute("target"),
        rel: anchor.getAttribute("rel"),
      })),
    );
    expect(links).toEqual([
      { text: "click", href: null, target: "_blank", rel: "noopener noreferrer" },
      {
        text: "docs",
        href: "https://example.com/docs",
        target: "_blank",
        rel: "noopener noreferrer",
      },
      {
        text: "diagram",
        href: "https://example.com/diagram.png",
        target: "_blank",
        rel: "noopener noreferrer",
      },
    ]);
    expect((await reply$.locator("pre code").last().innerText()).trim()).toBe(
      '<p style="color: red">verbatim</p>',
    );
    await reply$.getByText("styled").click();
    await opened.screenshot("session-chat-markdown-sanitised");
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("shows a failed model call, pi's retry, and a prompt the server refused", async () => {
    const opened = await open({ env: { API_MAX_PROMPT_LENGTH: "200" } });
    const { page, booted } = opened;
    const created = await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
    const project = await readJson(created);
    await mkdir(join(project.projectDir, ".pi"), { recursive: true });
    await writeFile(
      join(project.projectDir, ".pi", "settings.json"),
      '{ "retry": { "enabled": true, "baseDelayMs": 100, "maxRetries": 2 } }',
    );
    const sessionId = await booted.newSession();
    await page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
    await waitForStatus(page, "idle");

    booted.faux.setResponses([
      () => {
        throw new Error("503 service unavailable");
      },
      fauxAssistantMessage("Recovered after a retry."),
    ]);
    await page.getByLabel("Message").fill("Try hard.");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Recovered after a retry.").waitFor();
    await page.getByText("Retried after an error; attempt 1 went through.").waitFor();
    await page.getByRole("alert").getByText("503 service unavailable").waitFor();
    await waitForStatus(page, "idle");

    booted.faux.setResponses([]);
    await page.getByLabel("Message").fill("And now?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("alert").getByText("No more faux responses queued").waitFor();
    await waitForStatus(page, "idle");

    const tooLong = "x".repeat(300);
    await page.getByLabel("Message").fill(tooLong);
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator(".composer .notice.error").waitFor();
    expect(await page.getByLabel("Message").inputValue()).toBe(tooLong);
    await opened.screenshot("session-chat-errors");
    const refusedPrompt = /Failed to load resource: the server responded with a status of 400/;
    expect(opened.problems.filter((line) => !refusedPrompt.test(line))).toEqual([]);
  }, 60_000);

  it("opened in the middle of a reply, shows that reply whole, once", async () => {
    const opened = await open({ tokensPerSecond: 60 });
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const session = `/projects/demo/sessions/${sessionId}`;
    const reply = words(400, "item");
    booted.faux.setResponses([fauxAssistantMessage(reply)]);
    expect(
      (await booted.api(`${session}/prompt`, { method: "POST", body: { text: "List items." } }))
        .status,
    ).toBe(202);
    // Well into the reply, which the session detail does not hold yet.
    await expect
      .poll(async () => (await readJson(await booted.api(session))).lastEventId, {
        timeout: 10_000,
      })
      .toBeGreaterThan(20);
    const detail = await readJson(await booted.api(session));
    expect(detail.status).toBe("streaming");
    expect(detail.messages.map((message: { role: string }) => message.role)).toEqual(["user"]);
    expect(detail.replyStartEventId).toBeGreaterThan(0);

    await page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
    const early = await partialReply(page);
    expect(early.startsWith("item1 item2")).toBe(true);
    await waitForStatus(page, "idle");
    expect(await lastReplyText(page)).toBe(reply);
    await opened.screenshot("session-chat-opened-mid-reply");
    expect(await page.locator(".chat-item.assistant").count()).toBe(1);
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("reloads the history when the server says events were lost (replay_gap)", async () => {
    const opened = await open();
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const session = `/projects/demo/sessions/${sessionId}`;
    booted.faux.setResponses([fauxAssistantMessage("Before the gap.")]);
    await booted.api(`${session}/prompt`, { method: "POST", body: { text: "Hello?" } });
    await booted.waitUntilIdle(sessionId);

    // The first stream the page opens says its events were lost, then ends.
    let details = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === `/v1${session}`) details += 1;
    });
    let gapSent = false;
    await page.route(`**/v1${session}/events?*`, async (route) => {
      if (gapSent) return route.continue();
      gapSent = true;
      const gap = { type: "replay_gap", lastEventId: 1, oldestAvailableId: 50, message: "lost" };
      await route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        body: `retry: 100\ndata: ${JSON.stringify(gap)}\n\n`,
      });
    });
    await page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
    await page.getByText("Some events were no longer kept by the server").waitFor();
    expect(gapSent).toBe(true);
    expect(details).toBe(2);
    expect(await page.locator(".chat-item.user").count()).toBe(1);
    expect(await page.locator(".chat-item.assistant").count()).toBe(1);

    // The stream carries on live.
    booted.faux.setResponses([fauxAssistantMessage("After the gap.")]);
    await page.getByLabel("Message").fill("Still there?");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("After the gap.").waitFor();
    await waitForStatus(page, "idle");
    await opened.screenshot("session-chat-after-replay-gap");
    expect(await page.locator(".chat-item.assistant").count()).toBe(2);
    expect(opened.problems).toEqual([]);
  }, 60_000);
});

describe("the project page in Chromium", () => {
  const { open } = useConsole();

  it("lists the sessions, links to the tasks, deletes a session after confirming; fits a phone", async () => {
    const opened = await open({ viewport: { width: 390, height: 844 } });
    const { page, booted } = opened;
    const first = await booted.newSession();
    const second = await booted.newSession();
    await booted.api(`/projects/demo/sessions/${second}`, {
      method: "PATCH",
      body: { name: "Keep me" },
    });
    await page.goto(`${opened.url}#/projects/demo`);
    await page.getByRole("heading", { name: "Demo", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Sessions" });
    await table.getByRole("link", { name: "Keep me" }).waitFor();
    expect(await table.locator("tbody tr").count()).toBe(2);
    expect(
      await page.getByRole("link", { name: "Tasks of this project" }).getAttribute("href"),
    ).toBe("#/tasks?project=demo");
    // Only the faux model has credentials; the server's default is the first choice.
    const model = page.locator("#new-session-model");
    expect(await model.inputValue()).toBe("");
    const usable = model.locator('option:not([disabled]):not([value=""])');
    expect(await usable.allInnerTexts()).toEqual(["Faux Model"]);
    await opened.screenshot("project-page-phone");
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow, "the project page scrolls sideways").toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: `Delete session ${first}` }).click();
    await page.getByRole("dialog").getByText("This cannot be undone").waitFor();
    await page.getByRole("button", { name: "Delete session", exact: true }).click();
    await table.locator("tbody tr").nth(1).waitFor({ state: "detached" });
    expect((await booted.api(`/projects/demo/sessions/${first}`)).status).toBe(404);
    expect((await booted.api(`/projects/demo/sessions/${second}`)).status).toBe(200);

    await table.getByRole("link", { name: "Keep me" }).click();
    await waitForStatus(page, "idle");
    await page.getByText("No messages yet").waitFor();
    const chatBox = await page.locator(".chat-column").boundingBox();
    const side = await page.locator(".side-column").boundingBox();
    expect(side?.y ?? 0, "the side column is below the chat").toBeGreaterThan(
      (chatBox?.y ?? 0) + (chatBox?.height ?? 0) - 1,
    );
    const sessionOverflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(sessionOverflow, "the session page scrolls sideways").toBeLessThanOrEqual(0);
    await opened.screenshot("session-page-phone");
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("offers a viewer the sessions to read, without the controls its role may not use", async () => {
    const opened = await open({ token });
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    booted.faux.setResponses([fauxAssistantMessage("Read me.")]);
    await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
      method: "POST",
      body: { text: "Say something." },
    });
    await booted.waitUntilIdle(sessionId);
    const created = await booted.api("/tokens", {
      method: "POST",
      body: { name: "reader", role: "viewer" },
    });
    expect(created.status).toBe(201);
    const { secret } = await readJson(created);

    await page.getByLabel("API token").fill(secret);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await page.goto(`${opened.url}#/projects/demo`);
    const table = page.getByRole("table", { name: "Sessions" });
    await table.getByRole("link", { name: "Untitled session" }).waitFor();
    expect(await page.getByRole("heading", { name: "New session" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Delete session/ }).count()).toBe(0);

    await table.getByRole("link", { name: "Untitled session" }).click();
    await waitForStatus(page, "idle");
    await page.getByText("Read me.").waitFor();
    await page.getByText("Your role can read this session but not prompt it.").waitFor();
    expect(await page.getByLabel("Message").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Rename" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Compact" }).count()).toBe(0);
    expect(await page.locator("#session-model").isDisabled()).toBe(true);
    await opened.screenshot("session-chat-viewer-read-only");
    expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
  }, 60_000);
});
