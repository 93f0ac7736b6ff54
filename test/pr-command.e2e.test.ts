import { describe, expect, it } from "vitest";
import { runPrCommand } from "../src/tasks/pr-command.js";

describe("PR command", () => {
  it("kills a command that outlives its timeout, with everything it started", async () => {
    const result = await runPrCommand({
      command: "sleep 30 & sleep 30; echo https://never.example",
      cwd: process.cwd(),
      env: { PATH: process.env.PATH },
      timeoutMs: 200,
    });
    expect(result).toEqual({ ok: false, error: "PR command timed out after 200 ms" });
  });
});
