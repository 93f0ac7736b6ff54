import { spawnSync } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { scriptsDir } from "./deploy-harness.js";

const skillDir = dirname(scriptsDir);
const scripts = readdirSync(scriptsDir).filter((name) => name.endsWith(".sh"));

describe("deploy-app skill file", () => {
  const skill = readFileSync(join(skillDir, "SKILL.md"), "utf8");
  const frontMatter = skill.match(/^---\n([\s\S]*?)\n---\n/)?.[1] ?? "";

  it("has front matter whose name matches its directory", () => {
    expect(frontMatter).toMatch(/^name: deploy-app$/m);
    expect(basename(skillDir)).toBe("deploy-app");
  });

  it("has a description pi will accept", () => {
    const description = frontMatter.match(/^description: (.+)$/m)?.[1] ?? "";
    expect(description.length).toBeGreaterThan(50);
    expect(description.length).toBeLessThanOrEqual(1024);
  });

  it("documents every script it ships and where ports come from", () => {
    for (const name of scripts.filter((script) => script !== "lib.sh")) {
      expect(skill).toContain(`scripts/${name}`);
    }
    expect(skill).toContain(".pi/deployment.json");
    expect(skill).toContain("APP_CONTAINER_RUNTIME");
  });
});

describe("deploy-app scripts", () => {
  it("ships the documented scripts", () => {
    expect([...scripts].sort()).toEqual([
      "deploy.sh",
      "lib.sh",
      "promote.sh",
      "rollback.sh",
      "status.sh",
    ]);
  });

  it.each(scripts)("%s passes bash -n", (name) => {
    const result = spawnSync("bash", ["-n", join(scriptsDir, name)], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(scripts.filter((name) => name !== "lib.sh"))("%s is executable and strict", (name) => {
    expect(() => accessSync(join(scriptsDir, name), constants.X_OK)).not.toThrow();
    expect(readFileSync(join(scriptsDir, name), "utf8")).toMatch(
      /^#!\/usr\/bin\/env bash\nset -euo pipefail\n/,
    );
  });
});
