import { describe, expect, it } from "vitest";
import { runTs, waitForOutput } from "#test-support/processes.js";
import { useTempDirs } from "#test-support/temp-dir.js";
import { createLogger } from "../src/logging/logger.js";
import { UsageRecorder } from "../src/usage/usage-recorder.js";

describe("usage log under SIGKILL", () => {
  const tempDir = useTempDirs();

  it("keeps every flushed record and reloads past a torn last line", async () => {
    const dir = await tempDir();
    let confirmed = 0;
    for (let round = 0; round < 5; round++) {
      const proc = runTs("test/fixtures/record-usage-forever.ts", { args: [dir] });
      const [, loaded] = await waitForOutput(proc, /ready (\d+)/);
      expect(Number(loaded)).toBeGreaterThanOrEqual(confirmed);
      await waitForOutput(proc, /flushed/);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      proc.child.kill("SIGKILL");
      expect(await proc.exited).toBe("SIGKILL");
      const flushed = [...proc.output().matchAll(/flushed (\d+)/g)].at(-1)?.[1];
      confirmed = Math.max(confirmed, Number(flushed));

      const warnings: string[] = [];
      const logger = createLogger({ level: "warn", write: (line) => warnings.push(line) });
      const reloaded = await UsageRecorder.open(dir, { logger });
      expect(reloaded.size).toBeGreaterThanOrEqual(confirmed);
      const skipped = warnings.join("\n").match(/skipped=(\d+)/)?.[1];
      expect(Number(skipped ?? 0)).toBeLessThanOrEqual(1);
      const totals = reloaded.query({ from: 0, to: Date.now() + 1, groupBy: "project" }).totals;
      expect(totals.messages).toBe(reloaded.size);
      expect(totals.tokens.total).toBe(2 * reloaded.size);
    }
    expect(confirmed).toBeGreaterThan(0);
  }, 120_000);
});
