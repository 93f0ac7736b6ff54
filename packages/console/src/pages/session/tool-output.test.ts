import { describe, expect, it } from "vitest";
import { previewOutput, toolCallSummary } from "./tool-output.js";

describe("tool output previews", () => {
  it("shows short output whole", () => {
    expect(previewOutput("hello\n")).toEqual({ shown: "hello", truncated: false, lines: 1 });
    expect(previewOutput("")).toEqual({ shown: "", truncated: false, lines: 0 });
  });

  it("cuts long output at the line limit", () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join("\n");
    const preview = previewOutput(text);
    expect(preview.truncated).toBe(true);
    expect(preview.lines).toBe(100);
    expect(preview.shown.split("\n")).toHaveLength(40);
    expect(preview.shown.endsWith("line 40")).toBe(true);
  });

  it("cuts long lines at the character limit", () => {
    const preview = previewOutput("x".repeat(10_000));
    expect(preview).toMatchObject({ truncated: true, lines: 1 });
    expect(preview.shown).toHaveLength(4096);
  });
});

describe("a tool call's one-line summary", () => {
  it("is the command, path or pattern", () => {
    expect(toolCallSummary({ command: "echo hello" })).toBe("echo hello");
    expect(toolCallSummary({ path: "src/a.ts", content: "…" })).toBe("src/a.ts");
    expect(toolCallSummary({ command: "set -e\nmake" })).toBe("set -e…");
    expect(toolCallSummary({ count: 3 })).toBe("");
    expect(toolCallSummary(undefined)).toBe("");
  });
});
