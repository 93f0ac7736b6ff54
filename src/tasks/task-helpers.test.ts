import { describe, expect, it } from "vitest";
import { boundOutput, redactUrls } from "./git.js";
import { lastUrl } from "./pr-command.js";
import { finalAssistantReply } from "./session-run.js";
import { compareQueued, newTaskRecord } from "./task-types.js";
import { isTaskWebhookRequest } from "./webhook-auth.js";

describe("isTaskWebhookRequest", () => {
  it("matches only POST {prefix}/projects/{id}/tasks", () => {
    expect(isTaskWebhookRequest("POST", "/v1/projects/demo/tasks", "/v1")).toBe(true);
    expect(isTaskWebhookRequest("POST", "/projects/demo/tasks")).toBe(true);
    for (const [method, path] of [
      ["GET", "/v1/projects/demo/tasks"],
      ["POST", "/v1/projects/demo/tasks/"],
      ["POST", "/v1/projects/demo/tasks/abc/approve"],
      ["POST", "/v1/projects/a/b/tasks"],
      ["POST", "/v2/projects/demo/tasks"],
      ["POST", "/v1x/projects/demo/tasks"],
      ["POST", "/v1/projects/demo/sessions"],
    ] as const) {
      expect(isTaskWebhookRequest(method, path, "/v1"), `${method} ${path}`).toBe(false);
    }
  });
});

describe("output hygiene", () => {
  it("masks credentials in URLs", () => {
    expect(redactUrls("fatal: https://user:tok3n@git.example.com/r.git denied")).toBe(
      "fatal: https://***@git.example.com/r.git denied",
    );
    expect(redactUrls("ssh://git@host/x")).toBe("ssh://***@host/x");
  });

  it("keeps the tail of long output", () => {
    expect(boundOutput(`${"a".repeat(50)}END`, 10)).toBe("…aaaaaaaEND");
    expect(boundOutput("  short \n")).toBe("short");
  });
});

describe("PR command", () => {
  it("finds the last URL, without trailing punctuation", () => {
    expect(lastUrl("see https://a.example/1, then https://b.example/pr/2.")).toBe(
      "https://b.example/pr/2",
    );
    expect(lastUrl("no url")).toBeNull();
  });
});

describe("queue order", () => {
  it("sorts by priority (desc), then creation time, then id", () => {
    const make = (id: string, priority: number, createdAt: string) =>
      newTaskRecord(id, "demo", { title: id, prompt: "p", priority }, createdAt);
    const tasks = [
      make("c", 0, "2026-01-01T00:00:00.000Z"),
      make("b", 5, "2026-01-01T00:00:02.000Z"),
      make("a", 5, "2026-01-01T00:00:01.000Z"),
    ];
    expect(tasks.sort(compareQueued).map((task) => task.id)).toEqual(["a", "b", "c"]);
  });
});

describe("finalAssistantReply", () => {
  it("takes the last assistant message's text blocks", () => {
    const reply = finalAssistantReply([
      { role: "user", content: "hi" },
      { role: "assistant", content: [{ type: "text", text: "first" }], stopReason: "toolUse" },
      { role: "toolResult", content: [] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "hmm" },
          { type: "text", text: "Done " },
          { type: "text", text: "now." },
        ],
        stopReason: "stop",
      },
    ]);
    expect(reply).toEqual({ text: "Done now.", stopReason: "stop", errorMessage: null });
    expect(finalAssistantReply([])).toEqual({ text: "", stopReason: null, errorMessage: null });
  });
});
