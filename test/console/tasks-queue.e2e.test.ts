import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type OpenedConsole, useConsole } from "#test-support/console-browser.js";
import { bareRemote, git, initProjectRepo } from "#test-support/git.js";
import { readJson } from "#test-support/json.js";
import { scriptTaskAgent } from "#test-support/tasks.js";
import { useTempDirs } from "#test-support/temp-dir.js";

const token = "tasks-queue-test-token-0123456789abcdef";
const webhookSecret = "tasks-queue-hook-secret-0123456789abcdef";
const env = { WEBHOOK_SECRET: webhookSecret };
/** What the browser logs for the token screen's first probe, which the server refuses. */
const refused =
  "console: Failed to load resource: the server responded with a status of 401 (Unauthorized)";

/** Posts a task to a project's webhook the way a submitting system would. */
async function submit(opened: OpenedConsole, projectId: string, body: Record<string, unknown>) {
  const response = await fetch(`${opened.booted.server.url}/v1/projects/${projectId}/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await readJson(response)).id as string;
}

/** Creates a project; returns its working directory. */
async function createProject(opened: OpenedConsole, name: string): Promise<string> {
  const created = await opened.booted.api("/projects", { method: "POST", body: { name } });
  expect(created.status).toBe(201);
  return (await readJson(created)).projectDir as string;
}

const openTasks = async (opened: OpenedConsole) => {
  await opened.page.getByRole("navigation").getByRole("link", { name: "Tasks" }).click();
  await opened.page.getByRole("heading", { name: "Tasks", level: 1 }).waitFor();
  await opened.page.getByRole("status").getByText("Live").waitFor();
};

describe("the approval queue in Chromium", () => {
  const { open } = useConsole();
  const tempDir = useTempDirs();

  it("shows a webhook task live, approves it, and shows its branch, commit and result when it finishes", async () => {
    const opened = await open({ token, env });
    const { page, booted } = opened;
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();

    const projectDir = await createProject(opened, "Demo");
    const remote = await bareRemote(await tempDir());
    await initProjectRepo(projectDir, remote);
    // Task sessions run on the org's default model: the scripted one.
    await writeFile(
      join(dirname(projectDir), ".pi-global", "settings.json"),
      JSON.stringify({ defaultProvider: "faux", defaultModel: booted.faux.getModel().id }),
    );
    scriptTaskAgent(booted.faux, { delayMs: 1000 });

    await openTasks(opened);
    await page.getByText("No tasks yet.").waitFor();
    // Proves nothing below reloads the page: a reload would drop this value.
    await page.evaluate("window.sameDocument = true");

    const id = await submit(opened, "demo", {
      title: "Add a greeting",
      prompt: "write hello.txt hi there",
      priority: 3,
      source: "github",
      externalId: "issue-7",
      metadata: { url: "https://github.com/acme/app/issues/7" },
    });
    const card = page.getByRole("article", { name: "Add a greeting" });
    await card.getByText("write hello.txt hi there").waitFor();
    await card.getByText("from github (issue-7)").waitFor();
    expect(await card.getByRole("link", { name: "where it came from" }).getAttribute("href")).toBe(
      "https://github.com/acme/app/issues/7",
    );
    await card.getByText("priority 3").waitFor();
    await opened.screenshot("tasks-pending-live");

    await card.getByRole("button", { name: "Approve" }).click();
    await card.getByRole("link", { name: "Watch the live session" }).waitFor();
    await opened.screenshot("tasks-running");
    const running = await readJson(await booted.api(`/projects/demo/tasks/${id}`));
    expect(
      await card.getByRole("link", { name: "Watch the live session" }).getAttribute("href"),
    ).toBe(`#/projects/demo/sessions/${running.sessionId}`);

    await card.getByText("completed", { exact: true }).waitFor({ timeout: 20_000 });
    await card.getByText(`tasks/${id}`).waitFor();
    await card.getByText("Wrote hello.txt.").waitFor();
    await card.getByText("Pushed", { exact: true }).waitFor();
    const done = await readJson(await booted.api(`/projects/demo/tasks/${id}`));
    expect(done.commit).toMatch(/^[0-9a-f]{40}$/);
    await card.getByText(done.commit.slice(0, 12)).waitFor();
    expect(git(remote, "show", `tasks/${id}:hello.txt`)).toBe("hi there");
    expect(await page.evaluate("window.sameDocument")).toBe(true);
    await opened.screenshot("tasks-completed");
    // The finished card, with its long branch name, still fits a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await opened.screenshot("tasks-completed-phone");
    // Only the probe before signing in was refused: every stream opened with a ticket.
    expect(opened.problems).toEqual([refused]);
  }, 90_000);

  it("rejects a pending task with a reason and shows the reason", async () => {
    const opened = await open({ env });
    const { page, booted } = opened;
    await createProject(opened, "Demo");
    await submit(opened, "demo", {
      title: "Rewrite everything",
      prompt: `Rewrite the whole app.\n${"Every module, one by one.\n".repeat(20)}`,
      source: "slack",
    });
    await openTasks(opened);
    const card = page.getByRole("article", { name: "Rewrite everything" });
    // A long prompt starts folded; its summary opens it.
    await card.getByText("Prompt").click();
    await card.getByText("Every module, one by one.").first().waitFor();

    await card.getByRole("button", { name: "Reject" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason (optional)").fill("Out of scope for this quarter.");
    await opened.screenshot("tasks-reject-dialog");
    await dialog.getByRole("button", { name: "Reject task" }).click();
    await dialog.waitFor({ state: "detached" });
    await card.getByText("rejected", { exact: true }).waitFor();
    await card.getByText("Out of scope for this quarter.").waitFor();
    expect(await card.getByRole("button", { name: "Approve" }).count()).toBe(0);
    const tasks = await readJson(await booted.api("/tasks?status=rejected"));
    expect(tasks.items).toHaveLength(1);
    await opened.screenshot("tasks-rejected");
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("cancels a running task and deletes finished ones, live", async () => {
    const opened = await open({ env });
    const { page, booted } = opened;
    const projectDir = await createProject(opened, "Demo");
    await initProjectRepo(projectDir);
    await writeFile(
      join(dirname(projectDir), ".pi-global", "settings.json"),
      JSON.stringify({ defaultProvider: "faux", defaultModel: booted.faux.getModel().id }),
    );
    scriptTaskAgent(booted.faux, { delayMs: 60_000 });
    await openTasks(opened);

    const slow = await submit(opened, "demo", { title: "Slow task", prompt: "write a.txt b" });
    const card = page.getByRole("article", { name: "Slow task" });
    await card.getByRole("button", { name: "Approve" }).click();
    await card.getByText("working").waitFor();
    await card.getByRole("button", { name: "Cancel" }).click();
    await opened.screenshot("tasks-cancel-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel task" }).click();
    await card.getByText("cancelled", { exact: true }).waitFor();
    await card.getByText("Cancelled while running").waitFor();
    expect((await readJson(await booted.api(`/projects/demo/tasks/${slow}`))).status).toBe(
      "cancelled",
    );
    await opened.screenshot("tasks-cancelled");

    // Deleted from the page, after confirming.
    await card.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete task" }).click();
    await card.waitFor({ state: "detached" });
    expect((await booted.api(`/projects/demo/tasks/${slow}`)).status).toBe(404);

    // Deleted by someone else: the stream takes it off the page too.
    const other = await submit(opened, "demo", { title: "Stale task", prompt: "old" });
    const stale = page.getByRole("article", { name: "Stale task" });
    await stale.waitFor();
    expect((await booted.api(`/projects/demo/tasks/${other}`, { method: "DELETE" })).status).toBe(
      204,
    );
    await stale.waitFor({ state: "detached" });
    await page.getByText("No tasks yet.").waitFor();
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("filters by status and project, with both in the URL, at a phone's width", async () => {
    const opened = await open({ env, viewport: { width: 390, height: 844 } });
    const { page, booted } = opened;
    await createProject(opened, "Demo");
    await createProject(opened, "Billing");
    await submit(opened, "demo", { title: "Demo task one", prompt: "one" });
    const rejected = await submit(opened, "demo", { title: "Demo task two", prompt: "two" });
    await submit(opened, "billing", { title: "Billing task", prompt: "three" });
    await booted.api(`/projects/demo/tasks/${rejected}/reject`, { method: "POST", body: {} });

    await openTasks(opened);
    const titles = () => page.getByRole("article").locator("h3").allTextContents();
    await page.getByRole("article", { name: "Billing task" }).waitFor();
    await expect
      .poll(async () => (await titles()).sort())
      .toEqual(["Billing task", "Demo task one", "Demo task two"]);

    await page.getByLabel("Status").selectOption("pending");
    await page.waitForURL(/#\/tasks\?status=pending$/);
    await page.getByRole("article", { name: "Demo task two" }).waitFor({ state: "detached" });
    await expect
      .poll(async () => (await titles()).sort())
      .toEqual(["Billing task", "Demo task one"]);

    await page.getByLabel("Project").selectOption("billing");
    await page.waitForURL(/#\/tasks\?status=pending&project=billing$/);
    await page.getByRole("article", { name: "Demo task one" }).waitFor({ state: "detached" });
    await expect.poll(titles).toEqual(["Billing task"]);
    const overflow = await page.evaluate(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await opened.screenshot("tasks-filtered-phone");

    // The filtered address is a link: opened afresh, it shows the same selection.
    await page.goto(`${opened.url}#/tasks?status=rejected&project=demo`);
    await page.getByRole("article", { name: "Demo task two" }).waitFor();
    await expect.poll(titles).toEqual(["Demo task two"]);
    expect(await page.getByLabel("Status").inputValue()).toBe("rejected");
    expect(await page.getByLabel("Project").inputValue()).toBe("demo");

    // A task arriving in another project does not show under this filter; one here does.
    await page.getByLabel("Status").selectOption("");
    await page.waitForURL(/#\/tasks\?project=demo$/);
    await submit(opened, "billing", { title: "Billing task two", prompt: "four" });
    await submit(opened, "demo", { title: "Demo task three", prompt: "five" });
    await page.getByRole("article", { name: "Demo task three" }).waitFor();
    expect(await page.getByRole("article", { name: "Billing task two" }).count()).toBe(0);
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("pages through a long queue and points at pending tasks hidden by the filter", async () => {
    const opened = await open({ env });
    const { page, booted } = opened;
    await createProject(opened, "Demo");
    const ids: string[] = [];
    for (let i = 1; i <= 23; i++) {
      ids.push(await submit(opened, "demo", { title: `Queued task ${i}`, prompt: `task ${i}` }));
    }
    await booted.api(`/projects/demo/tasks/${ids[0]}/reject`, {
      method: "POST",
      body: { reason: "The first one is a duplicate." },
    });
    await openTasks(opened);
    const cards = page.getByRole("article");
    // Newest first: the first page holds tasks 23 down to 4.
    await page.getByRole("article", { name: "Queued task 23" }).waitFor();
    await expect.poll(() => cards.count()).toBe(20);
    await page.getByText("1–20 of 23").waitFor();
    await page.getByRole("button", { name: "Older" }).click();
    await page.getByText("21–23 of 23").waitFor();
    // Tasks 3 and 2 are pending on this page; the other 20 pending ones are on the first.
    await page.getByText("20 more tasks wait for approval.").waitFor();
    await expect
      .poll(() => cards.locator("h3").allTextContents())
      .toEqual(["Queued task 3", "Queued task 2", "Queued task 1"]);
    await opened.screenshot("tasks-second-page");

    await page.getByLabel("Status").selectOption("rejected");
    await page.getByRole("article", { name: "Queued task 1" }).waitFor();
    await page.getByText("22 tasks wait for approval.").waitFor();
    await page.getByRole("link", { name: "Show pending tasks" }).click();
    await page.waitForURL(/#\/tasks\?status=pending$/);
    await page.getByRole("article", { name: "Queued task 23" }).waitFor();
    expect(await page.getByLabel("Status").inputValue()).toBe("pending");
    expect(opened.problems).toEqual([]);
  }, 60_000);

  it("catches up after the stream drops: changes made meanwhile appear once it is back", async () => {
    const opened = await open({ token, env });
    const { page } = opened;
    // Keeps every EventSource the page opens, so the test can cut one as a dead network would.
    await page.addInitScript({
      content: `const Native = window.EventSource;
        window.openedStreams = [];
        window.EventSource = class extends Native {
          constructor(url, init) {
            super(url, init);
            this.seen = 0;
            this.addEventListener("message", () => this.seen++);
            window.openedStreams.push(this);
          }
        };`,
    });
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await createProject(opened, "Demo");
    await page.reload();
    await openTasks(opened);
    // Functions, not strings: the page's CSP forbids the eval a polled string needs. They
    // run in the page, so each names the streams itself.
    type Streams = { openedStreams: { seen: number; readyState: number }[] };
    // Submit once the stream is open, so the task's event reaches it (the resume below
    // needs an event id), whether or not the list shows the task by reloading first.
    await page.waitForFunction(() =>
      (globalThis as unknown as Streams).openedStreams.some((stream) => stream.readyState === 1),
    );
    await submit(opened, "demo", { title: "Before the drop", prompt: "one" });
    await page.getByRole("article", { name: "Before the drop" }).waitFor();
    await page.waitForFunction(() =>
      (globalThis as unknown as Streams).openedStreams.some((stream) => stream.seen > 0),
    );

    // The stream dies and the server cannot hand out tickets for a while.
    const tickets = "**/v1/tasks/events/tickets";
    await page.route(tickets, (route) => route.fulfill({ status: 503, body: "" }));
    await page.evaluate(`for (const stream of window.openedStreams) {
      if (stream.readyState !== EventSource.CLOSED) {
        stream.close();
        stream.onerror?.(new Event("error"));
      }
    }`);
    await page.getByRole("status").getByText("Reconnecting…").waitFor();
    await submit(opened, "demo", { title: "During the drop", prompt: "two" });
    await opened.screenshot("tasks-reconnecting");
    await page.unroute(tickets);

    await page.getByRole("status").getByText("Live").waitFor();
    await page.getByRole("article", { name: "During the drop" }).waitFor();
    expect(await page.getByRole("article").count()).toBe(2);
    const urls = (await page.evaluate(
      "window.openedStreams.map((stream) => stream.url)",
    )) as string[];
    const [first, last] = [new URL(urls[0] ?? ""), new URL(urls.at(-1) ?? "")];
    expect(urls.length).toBeGreaterThan(1);
    // Reopened with a fresh ticket, resuming after the last event it had seen.
    expect(last.searchParams.get("ticket")).not.toBe(first.searchParams.get("ticket"));
    expect(last.searchParams.get("lastEventId")).toMatch(/^\d+$/);
    const unavailable = /Failed to load resource: the server responded with a status of 503/;
    expect(opened.problems.filter((line) => !unavailable.test(line))).toEqual([refused]);
  }, 60_000);
});
