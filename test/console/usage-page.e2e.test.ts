import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { OpenedConsole } from "#test-support/console-browser.js";
import { useConsole } from "#test-support/console-browser.js";
import { fauxAssistantMessage, fauxText, fauxToolCall } from "#test-support/faux.js";
import { type Json, readJson } from "#test-support/json.js";
import { installPricedFauxProvider } from "#test-support/priced-faux.js";

const token = "console-usage-test-token-0123456789abcdef";
/** What the browser logs for the token screen's first probe, answered 401. */
const refused = /Failed to load resource: the server responded with a status of 401/;

/** Dear per-million prices, so a few faux messages cost whole cents. */
const models = [
  { id: "swift", cost: { input: 300, output: 1500, cacheRead: 30, cacheWrite: 375 } },
  { id: "sage", cost: { input: 100, output: 500, cacheRead: 10, cacheWrite: 125 } },
];

/** The console's own cost format: cents, or four decimals below a cent. */
function dollars(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the expected state never came");
}

/** A priced model, two projects and a session on each; `run` prompts and waits for the end. */
async function pricedRuns(opened: OpenedConsole) {
  const { booted } = opened;
  const priced = installPricedFauxProvider(booted.server.runtimes.org, {
    provider: "priced",
    models,
  });
  const session = async (projectId: string, modelId: string) => {
    await booted.api("/projects", { method: "POST", body: { name: projectId } });
    const created = await booted.api(`/projects/${projectId}/sessions`, {
      method: "POST",
      body: { provider: "priced", modelId },
    });
    expect(created.status).toBe(201);
    return (await readJson(created)).id as string;
  };
  const run = async (projectId: string, sessionId: string, text: string) => {
    const base = `/projects/${projectId}/sessions/${sessionId}`;
    const before = (await readJson(await booted.api(base))).messages.length;
    const prompted = await booted.api(`${base}/prompt`, { method: "POST", body: { text } });
    expect(prompted.status).toBe(202);
    await until(
      async () => readJson(await booted.api(base)),
      (detail: Json) => detail.status === "idle" && detail.messages.length > before,
    );
  };
  return { priced, session, run };
}

/** Whether every chart canvas on the page has pixels a blank canvas of its size has not. */
function chartsDrawn(page: Page): Promise<boolean[]> {
  return page.evaluate(`[...document.querySelectorAll(".usage-chart-canvas canvas")].map((canvas) => {
    const blank = document.createElement("canvas");
    blank.width = canvas.width;
    blank.height = canvas.height;
    return canvas.width > 0 && canvas.toDataURL() !== blank.toDataURL();
  })`);
}

/** What a table's rows look like inside the page (the test's tsconfig has no DOM types). */
interface TableRows {
  rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null }> }>;
}

/** The cells of a chart's hidden data table: header row, then one row per bucket. */
function chartTable(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole("table", { name: `${name} data` })
    .evaluate((table: TableRows) =>
      Array.from(table.rows, (row) => Array.from(row.cells, (cell) => cell.textContent ?? "")),
    );
}

const kpi = (page: Page, label: string) =>
  page.locator(`[data-kpi="${label}"] .usage-kpi-value`).textContent();

describe("the usage page in Chromium", () => {
  const { open } = useConsole();

  it("shows the KPIs of /v1/usage, drawn charts by project and by model, ranges and a live run", async () => {
    const opened = await open({ tokensPerSecond: 40 });
    const { page, booted } = opened;
    const { priced, session, run } = await pricedRuns(opened);
    try {
      const alpha = await session("alpha", "swift");
      const beta = await session("beta", "sage");
      priced.setResponses([
        fauxAssistantMessage(
          [fauxText("Reading."), fauxToolCall("read", { path: "missing.txt" })],
          {
            stopReason: "toolUse",
          },
        ),
        fauxAssistantMessage("It is not there."),
      ]);
      await run("alpha", alpha, "read missing.txt");
      priced.setResponses([fauxAssistantMessage("Hello from beta. ".repeat(20))]);
      await run("beta", beta, "say hello");
      priced.setResponses([
        fauxAssistantMessage([], { stopReason: "error", errorMessage: "invalid request: boom" }),
      ]);
      await run("beta", beta, "fail please");

      const report = await readJson(await booted.api("/usage?groupBy=project"));
      expect(report.totals.runs.count).toBe(3);
      expect(report.totals.cost.total).toBeGreaterThan(0.01);

      await page.getByRole("navigation").getByRole("link", { name: "Usage" }).click();
      await page.getByRole("heading", { name: "Usage", level: 1 }).waitFor();
      await page.getByRole("img", { name: "Cost over time by project" }).waitFor();
      expect(await kpi(page, "Runs")).toBe("3");
      expect(await kpi(page, "Success rate")).toBe(
        `${Math.round(report.totals.runs.successRate * 1000) / 10}%`,
      );
      expect(await kpi(page, "Cost")).toBe(dollars(report.totals.cost.total));
      expect(await kpi(page, "Active agents")).toBe("0");

      const costTable = await chartTable(page, "Cost over time by project");
      expect(costTable[0]?.slice(1)).toEqual(["alpha", "beta"]);
      const costCells = costTable.slice(1).flatMap((row) => row.slice(1));
      expect(costCells.filter((cell) => cell !== "$0.00").length).toBeGreaterThanOrEqual(2);
      const tokenTable = await chartTable(page, "Tokens over time by project");
      expect(tokenTable.slice(1).some((row) => row.slice(1).some((cell) => cell !== "0"))).toBe(
        true,
      );
      expect(await chartsDrawn(page)).toEqual([true, true]);
      const tools = page.getByRole("region", { name: "Tool usage" });
      await tools.getByRole("rowheader", { name: "read" }).waitFor();
      expect(
        await tools.getByRole("row", { name: /read/ }).getByRole("cell").allTextContents(),
      ).toEqual(expect.arrayContaining(["1"]));
      await opened.screenshot("usage-by-project");

      await page.getByRole("radio", { name: "Model" }).check();
      await page.getByRole("img", { name: "Cost over time by model" }).waitFor();
      const byModel = await chartTable(page, "Tokens over time by model");
      expect(byModel[0]?.slice(1)).toEqual(["priced/sage", "priced/swift"]);
      const runs = page.getByRole("region", { name: "Runs, durations and errors" });
      await runs.getByRole("columnheader", { name: "Model" }).waitFor();
      await runs.getByRole("rowheader", { name: "priced/sage" }).waitFor();
      expect(await chartsDrawn(page)).toEqual([true, true]);
      await opened.screenshot("usage-by-model");

      // A custom range before the runs holds nothing; the last hour holds them again.
      await page.getByLabel("Time range").selectOption("custom");
      const dayMs = 86_400_000;
      const local = (ms: number) => {
        const d = new Date(ms);
        const pad = (n: number) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
      };
      await page.getByLabel("From", { exact: true }).fill(local(Date.now() - 3 * dayMs));
      await page.getByLabel("To", { exact: true }).fill(local(Date.now() - 2 * dayMs));
      await page.getByRole("button", { name: "Apply range" }).click();
      await page.getByText("Nothing recorded in this range.").first().waitFor();
      expect(await kpi(page, "Runs")).toBe("0");
      await page.getByLabel("Time range").selectOption("1h");
      await page.getByRole("img", { name: "Cost over time by model" }).waitFor();
      expect(await kpi(page, "Runs")).toBe("3");

      // A slow run on another model shows among the live agents while it streams.
      const live = await booted.newSession();
      booted.faux.setResponses([fauxAssistantMessage("A long and patient answer. ".repeat(80))]);
      await booted.api(`/projects/demo/sessions/${live}/prompt`, {
        method: "POST",
        body: { text: "take your time" },
      });
      const agents = page.getByRole("table", { name: "Live agents" });
      await agents.getByRole("link", { name: `Session ${live} in demo` }).waitFor();
      expect(await agents.getByRole("cell", { name: "demo", exact: true }).count()).toBe(1);
      await expect
        .poll(() => page.locator('[data-kpi="Active agents"] .usage-kpi-value').textContent())
        .toBe("1");
      await opened.screenshot("usage-live-agent");
      await booted.api(`/projects/demo/sessions/${live}/abort`, { method: "POST" });
      await agents.waitFor({ state: "detached", timeout: 10_000 });
      await page.getByText("No agent is running.").waitFor();
      expect(opened.problems).toEqual([]);
    } finally {
      priced.unregister();
    }
  }, 90_000);

  it("works with a token, and fits a phone's width with data on it", async () => {
    const opened = await open({ token, viewport: { width: 390, height: 844 } });
    const { page } = opened;
    const { priced, session, run } = await pricedRuns(opened);
    try {
      const alpha = await session("alpha", "swift");
      priced.setResponses([fauxAssistantMessage("Signed in and counted.")]);
      await run("alpha", alpha, "hello");
      await page.getByLabel("API token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Projects" }).waitFor();
      await page.getByRole("navigation").getByRole("link", { name: "Usage" }).click();
      await page.getByRole("img", { name: "Tokens over time by project" }).waitFor();
      expect(await kpi(page, "Runs")).toBe("1");
      expect(await kpi(page, "Success rate")).toBe("100%");
      expect(await chartsDrawn(page)).toEqual([true, true]);
      await page.getByText("No agent is running.").waitFor();
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await opened.screenshot("usage-token-phone");
      expect(opened.problems.filter((line) => !refused.test(line))).toEqual([]);
    } finally {
      priced.unregister();
    }
  }, 90_000);
});
