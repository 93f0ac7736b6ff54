import { fileURLToPath } from "node:url";
import type { Context } from "@mariozechner/pi-ai";
import { describe, expect, it } from "vitest";
import { scriptAskUser } from "#test-support/ask-user-server.js";
import { type OpenedConsole, useConsole } from "#test-support/console-browser.js";
import { fauxAssistantMessage, fauxToolCall } from "#test-support/faux.js";
import { readJson } from "#test-support/json.js";
import { writeProjectResources } from "#test-support/project-resources.js";
import type { BootedServer } from "#test-support/session-server.js";

const token = "console-interact-test-token-0123456789abcdef";
/** An extension whose `ui_probe` tool opens the dialog its `method` names. */
const uiProbe = fileURLToPath(new URL("../fixtures/extensions/ui-probe.ts", import.meta.url));
/** The browser logs each refused request; these are the ones a test provokes on purpose. */
const refusedWith = (status: number) =>
  new RegExp(`Failed to load resource: the server responded with a status of ${status}`);

/** The text of every tool result in `context`, in order. */
const toolResults = (context: Context) =>
  context.messages.flatMap((message) =>
    message.role === "toolResult" && message.content[0]?.type === "text"
      ? [message.content[0].text]
      : [],
  );

/** Waits until the page's event stream is connected to the server. */
async function watched(booted: BootedServer): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (booted.server.runtimes.stats().subscribers > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the page never opened the session's stream");
}

async function openSession(opened: OpenedConsole, sessionId: string): Promise<void> {
  await opened.page.goto(`${opened.url}#/projects/demo/sessions/${sessionId}`);
  await opened.page.getByRole("heading", { name: "Waiting for you" }).waitFor();
  await watched(opened.booted);
}

async function prompt(booted: BootedServer, sessionId: string, text: string): Promise<void> {
  const response = await booted.api(`/projects/demo/sessions/${sessionId}/prompt`, {
    method: "POST",
    body: { text },
  });
  expect(response.status).toBe(202);
}

describe("extension dialogs and ask_user questions in the session page", () => {
  const { open } = useConsole();

  it("answers extension confirm, select and input dialogs from the page (with a token); one answered elsewhere disappears", async () => {
    const opened = await open({ token });
    const { page, booted } = opened;
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();

    await booted.api("/projects", { method: "POST", body: { name: "Demo" } });
    const project = await readJson(await booted.api("/projects/demo"));
    await writeProjectResources(project.projectDir);
    const sessionId = await booted.newSession();
    let finalContext: Context | undefined;
    const ask = (method: string) =>
      fauxAssistantMessage([fauxToolCall("ask", { method })], { stopReason: "toolUse" });
    booted.faux.setResponses([
      ask("confirm"),
      ask("select"),
      ask("input"),
      ask("editor"),
      (context: Context) => {
        finalContext = JSON.parse(JSON.stringify(context)) as Context;
        return fauxAssistantMessage(`You said: ${toolResults(context).join(", ")}`);
      },
    ]);

    await openSession(opened, sessionId);
    await prompt(booted, sessionId, "ask me things");

    const confirm = page.getByRole("article", { name: "Sure?" });
    await confirm.getByText("Really do it?").waitFor();
    await opened.screenshot("interactions-extension-confirm");
    await confirm.getByRole("button", { name: "Yes" }).click();

    // A dialog opened before the page loads is listed on arrival.
    const select = page.getByRole("article", { name: "Pick one" });
    await select.waitFor();
    await page.reload();
    await select.getByRole("button", { name: "blue" }).click();

    const input = page.getByRole("textbox", { name: "Name?" });
    expect(await input.getAttribute("placeholder")).toBe("your name");
    await input.fill("Grace");
    await input.press("Enter");

    // The editor dialog is answered from another tab: it leaves this page on its own.
    const editor = page.getByRole("textbox", { name: "Edit" });
    await editor.waitFor();
    expect(await editor.inputValue()).toBe("draft");
    const pending = await readJson(
      await booted.api(`/projects/demo/sessions/${sessionId}/extension-ui`),
    );
    expect(pending.items).toHaveLength(1);
    const answered = await booted.api(
      `/projects/demo/sessions/${sessionId}/extension-ui/${pending.items[0].id}/response`,
      { method: "POST", body: { value: "edited elsewhere" } },
    );
    expect(answered.status).toBe(204);
    await editor.waitFor({ state: "detached" });

    await booted.waitUntilIdle(sessionId);
    expect(finalContext && toolResults(finalContext)).toEqual([
      "answer:true",
      'answer:"blue"',
      'answer:"Grace"',
      'answer:"edited elsewhere"',
    ]);
    await page.getByText("Nothing is waiting for an answer.").waitFor();
    await page
      .getByRole("list", { name: "Extension notifications" })
      .getByText("asked editor")
      .waitFor();
    await opened.screenshot("interactions-extension-answered");
    // The token screen's first probe, made before a token was given, is refused.
    expect(opened.problems.filter((line) => !refusedWith(401).test(line))).toEqual([]);
  }, 90_000);

  it("answers an ask_user question from the page, and the agent carries on with the answer", async () => {
    const opened = await open();
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const base = `/projects/demo/sessions/${sessionId}`;
    await booted.api(`${base}/ask-user/settings`, { method: "PATCH", body: { enabled: true } });
    const script = scriptAskUser(
      booted.faux,
      ["Which database should I use?", "Shall I add tests?"],
      "Set up Postgres, with tests.",
    );

    await openSession(opened, sessionId);
    await prompt(booted, sessionId, "set up the storage");

    const first = page.getByRole("article", { name: "Which database should I use?" });
    await first.getByLabel("Your answer").fill("Postgres, please");
    await opened.screenshot("interactions-ask-user-question");
    await first.getByRole("button", { name: "Send answer" }).click();
    await first.waitFor({ state: "detached" });

    // The second question takes an answer queued from the side panel while it waits.
    const second = page.getByRole("article", { name: "Shall I add tests?" });
    await second.waitFor();
    await page.getByLabel("New answer").fill("yes, unit tests");
    await page.getByRole("button", { name: "Queue answer" }).click();
    await second.waitFor({ state: "detached" });

    await booted.waitUntilIdle(sessionId);
    expect(script.answers()).toEqual(["Postgres, please", "yes, unit tests"]);
    expect(script.contexts).toHaveLength(3);
    const detail = await readJson(await booted.api(base));
    expect(JSON.stringify(detail)).toContain("Set up Postgres, with tests.");
    const counters = await readJson(await booted.api(`${base}/ask-user/counters`));
    expect(counters.askUserCalls).toBe(2);
    await page.getByText("Nothing is waiting for an answer.").waitFor();
    await opened.screenshot("interactions-ask-user-answered");
    expect(opened.problems).toEqual([]);
  }, 90_000);

  it("edits the answers queue and the autopilot settings from the panel, at a phone's width", async () => {
    const opened = await open({ viewport: { width: 390, height: 844 } });
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const base = `/projects/demo/sessions/${sessionId}`;
    await openSession(opened, sessionId);

    for (const text of ["first answer", "second answer"]) {
      await page.getByLabel("New answer").fill(text);
      await page.getByRole("button", { name: "Queue answer" }).click();
      await page.getByRole("list", { name: "Queued answers" }).getByText(text).waitFor();
    }
    const queue = await readJson(await booted.api(`${base}/ask-user/queue`));
    expect(queue.items.map((item: { text: string }) => item.text)).toEqual([
      "first answer",
      "second answer",
    ]);

    await page.getByLabel("Offer ask_user").check();
    await page.getByLabel("Wait for an answer (s)").fill("30");
    await page.getByLabel("Answer from the prompts when no answer is queued").check();
    await page.getByLabel("Autopilot prompts").fill("continue\n\nnow add tests\n");
    await page.getByLabel("Warn after questions").fill("5");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").getByText("Saved.").waitFor();
    const settings = await readJson(await booted.api(`${base}/ask-user/settings`));
    expect(settings).toMatchObject({
      enabled: true,
      waitTimeoutSeconds: 30,
      warnAfterAskUserCalls: 5,
      autopilot: { enabled: true, prompts: ["continue", "now add tests"] },
    });
    await page.getByText("autopilot on").waitFor();

    // A blank fallback answer is refused by the server, which names the field.
    await page.getByLabel("Fallback answer").fill("  ");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("alert").getByText("Fallback answer").waitFor();
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await opened.screenshot("interactions-panel-settings");
    const unchanged = await readJson(await booted.api(`${base}/ask-user/settings`));
    expect(unchanged.fallbackAnswer).toBe("continue");

    await page.getByRole("button", { name: "Clear queue" }).click();
    await page.getByRole("dialog").getByText("2 answers will be removed.").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Clear queue" }).click();
    await page.getByText("No answers queued.").waitFor();
    expect((await readJson(await booted.api(`${base}/ask-user/queue`))).items).toEqual([]);
    expect(opened.problems.filter((line) => !refusedWith(400).test(line))).toEqual([]);
  }, 90_000);
  it("drops a dialog that timed out, dismisses one, edits a draft, takes a conflict with another tab calmly, and shows the extension's status", async () => {
    const opened = await open({ env: { PI_EXTENSION_PATHS: uiProbe } });
    const { page, booted } = opened;
    const sessionId = await booted.newSession();
    const base = `/projects/demo/sessions/${sessionId}`;
    let finalContext: Context | undefined;
    const probe = (args: { method: string; timeoutMs?: number }) =>
      fauxAssistantMessage([fauxToolCall("ui_probe", args)], { stopReason: "toolUse" });
    booted.faux.setResponses([
      probe({ method: "select", timeoutMs: 4500 }),
      probe({ method: "confirm" }),
      probe({ method: "editor" }),
      probe({ method: "input" }),
      (context: Context) => {
        finalContext = JSON.parse(JSON.stringify(context)) as Context;
        return fauxAssistantMessage("done");
      },
    ]);
    await openSession(opened, sessionId);
    await prompt(booted, sessionId, "ask me");

    const select = page.getByRole("article", { name: "Pick a colour" });
    await select.getByText("times out after 5 s").waitFor();
    await select.waitFor({ state: "detached" });

    const confirm = page.getByRole("article", { name: "Proceed?" });
    await confirm.getByRole("button", { name: "Dismiss without answering" }).click();
    await confirm.waitFor({ state: "detached" });

    const editor = page.getByRole("textbox", { name: "Edit the note" });
    expect(await editor.inputValue()).toBe("draft");
    await editor.fill("draft, with a second line\nand a third");
    await page
      .getByRole("article", { name: "Edit the note" })
      .getByRole("button", { name: "Send" })
      .click();

    // Another tab answers while this page's answer is on its way: the server says the
    // dialog is already resolved, and the page just lets it go.
    const input = page.getByRole("textbox", { name: "Your name?" });
    await input.fill("from this tab");
    await page.route("**/extension-ui/*/response", async (route) => {
      const id = new URL(route.request().url()).pathname.split("/").at(-2);
      const other = await booted.api(`${base}/extension-ui/${id}/response`, {
        method: "POST",
        body: { value: "from the other tab" },
      });
      expect(other.status).toBe(204);
      await route.continue();
    });
    await input.press("Enter");
    await page.getByText("That one was already answered elsewhere").waitFor();
    await input.waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Extension status" }).getByText("last: input").waitFor();
    await opened.screenshot("interactions-answered-elsewhere");

    await booted.waitUntilIdle(sessionId);
    expect(finalContext && toolResults(finalContext)).toEqual([
      "hasUI=true answer=null",
      "hasUI=true answer=false",
      'hasUI=true answer="draft, with a second line\\nand a third"',
      'hasUI=true answer="from the other tab"',
    ]);
    expect(opened.problems.filter((line) => !refusedWith(409).test(line))).toEqual([]);
  }, 90_000);
});
