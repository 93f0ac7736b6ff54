import { describe, expect, it } from "vitest";
import { AgentSandbox } from "./agent-sandbox.js";
import { defaultSandboxPolicy } from "./sandbox-policy.js";

describe("AgentSandbox", () => {
  it("does not probe in mode none", async () => {
    const sandbox = new AgentSandbox({
      policy: { ...defaultSandboxPolicy, mode: "none" },
      bwrapPath: "/nonexistent/bwrap",
    });
    await expect(sandbox.probe()).resolves.toBeUndefined();
    expect(sandbox.status).toMatchObject({ mode: "none", warning: expect.any(String) });
  });
});
