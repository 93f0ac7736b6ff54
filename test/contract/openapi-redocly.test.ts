import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "#test-support/processes.js";

describe("openapi.json", () => {
  it("passes Redocly's recommended ruleset with no errors or warnings", async () => {
    const cli = fileURLToPath(import.meta.resolve("@redocly/cli/bin/cli.js"));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, "lint", "openapi.json", "--format=json"],
      { cwd: repoRoot, env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
