import type { AgentMessage, AssistantMessage, CompactWireEvent } from "pi-agent-server-client";
import { describe, expect, it } from "vitest";
import type { AssistantItem, ChatHistory } from "./chat-items.js";
import { ChatState } from "./chat-state.js";

const usage = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  totalTokens: 0,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
};

function assistant(
  content: AssistantMessage["content"],
  stopReason: AssistantMessage["stopReason"] = "stop",
  extra: Partial<AssistantMessage> = {},
): AssistantMessage {
  return {
    role: "assistant",
    content,
    api: "faux",
    provider: "faux",
    model: "faux-1",
    usage,
    stopReason,
    timestamp: 1,
    ...extra,
  };
}

const user = (text: string): AgentMessage => ({ role: "user", content: text, timestamp: 1 });

const history = (messages: AgentMessage[] = [], lastEventId = 10): ChatHistory => ({
  messages,
  status: "idle",
  name: null,
  lastEventId,
});

/** The compact events of a streamed text reply, as the server sends them. */
function streamedReply(chunks: string[]): CompactWireEvent[] {
  return [
    { type: "message_start", message: assistant([]) },
    { type: "message_update", assistantMessageEvent: { type: "text_start", contentIndex: 0 } },
    ...chunks.map(
      (delta): CompactWireEvent => ({
        type: "message_update",
        assistantMessageEvent: { type: "text_delta", contentIndex: 0, delta },
      }),
    ),
    { type: "message_update", assistantMessageEvent: { type: "text_end", contentIndex: 0 } },
    {
      type: "message_end",
      message: assistant([{ type: "text", text: chunks.join("") }]),
    },
  ];
}

/** Applies `events` with ids from `first` on. */
function feed(state: ChatState, events: CompactWireEvent[], first: number): number {
  let id = first;
  for (const event of events) state.apply(event, id++);
  return id;
}

const texts = (state: ChatState) =>
  state
    .view()
    .items.map((item) =>
      item.kind === "user"
        ? `user:${item.text}`
        : item.kind === "assistant"
          ? `assistant:${item.message.content
              .map((block) => (block.type === "text" ? block.text : `[${block.type}]`))
              .join("")}`
          : item.kind,
    );

describe("the chat view model", () => {
  it("shows the history: messages, tool calls with their results, compaction summaries", () => {
    const state = new ChatState(
      history([
        { role: "compactionSummary", summary: "Earlier work", tokensBefore: 5000, timestamp: 1 },
        user("list files"),
        assistant(
          [{ type: "toolCall", id: "call-1", name: "bash", arguments: { command: "ls" } }],
          "toolUse",
        ),
        {
          role: "toolResult",
          toolCallId: "call-1",
          toolName: "bash",
          content: [{ type: "text", text: "a.txt" }],
          isError: false,
          timestamp: 1,
        },
        assistant([{ type: "text", text: "One file." }]),
      ]),
    );
    const view = state.view();
    expect(texts(state)).toEqual([
      "compaction",
      "user:list files",
      "assistant:[toolCall]",
      "assistant:One file.",
    ]);
    expect(view.tools.get("call-1")).toEqual({ state: "done", output: "a.txt", images: 0 });
    expect(view.items[0]).toMatchObject({ state: "done", summary: "Earlier work" });
  });

  it("streams a reply into one item and ends it with pi's final message", () => {
    const state = new ChatState(history([user("hi")]));
    const events = streamedReply(["Hel", "lo ", "there"]);
    feed(state, events.slice(0, 4), 11);
    const draft = state.view().items.at(-1) as AssistantItem;
    expect(draft.streaming).toBe(true);
    expect(texts(state)).toEqual(["user:hi", "assistant:Hello "]);

    feed(state, events.slice(4), 15);
    expect(texts(state)).toEqual(["user:hi", "assistant:Hello there"]);
    const ended = state.view().items.at(-1) as AssistantItem;
    expect(ended.streaming).toBe(false);
    expect(ended.key).toBe(draft.key);
  });

  it("ignores events it already applied, and those the history already holds", () => {
    const state = new ChatState(history([], 10));
    expect(state.apply({ type: "message_start", message: user("old") }, 9)).toBe(false);
    expect(state.apply({ type: "message_start", message: user("new") }, 11)).toBe(true);
    expect(state.apply({ type: "message_end", message: user("new") }, 12)).toBe(true);
    expect(state.apply({ type: "message_start", message: user("new") }, 11)).toBe(false);
    expect(state.apply({ type: "message_end", message: user("new") }, 12)).toBe(false);
    expect(texts(state)).toEqual(["user:new"]);
    expect(state.lastEventId).toBe(12);
  });

  it("gives the same view object until something changes", () => {
    const state = new ChatState(history());
    const first = state.view();
    expect(state.view()).toBe(first);
    state.apply({ type: "session_status", status: "streaming" }, 11);
    const second = state.view();
    expect(second).not.toBe(first);
    expect(second.status).toBe("streaming");
  });

  it("follows a tool run from start to result, never back to running", () => {
    const state = new ChatState(history());
    const call = { type: "toolCall" as const, id: "t1", name: "bash", arguments: {} };
    let id = feed(
      state,
      [
        { type: "message_start", message: assistant([]) },
        { type: "message_end", message: assistant([call], "toolUse") },
        { type: "tool_execution_start", toolCallId: "t1", toolName: "bash", args: {} },
        {
          type: "tool_execution_update",
          toolCallId: "t1",
          toolName: "bash",
          args: {},
          partialResult: { content: [{ type: "text", text: "hel" }] },
        },
      ],
      11,
    );
    expect(state.view().tools.get("t1")).toMatchObject({ state: "running", output: "hel" });
    id = feed(
      state,
      [
        {
          type: "tool_execution_end",
          toolCallId: "t1",
          toolName: "bash",
          result: { content: [{ type: "text", text: "hello" }] },
          isError: false,
        },
        {
          type: "tool_execution_update",
          toolCallId: "t1",
          toolName: "bash",
          args: {},
          partialResult: { content: [{ type: "text", text: "hel" }] },
        },
      ],
      id,
    );
    expect(state.view().tools.get("t1")).toEqual({ state: "done", output: "hello", images: 0 });
    feed(
      state,
      [
        {
          type: "message_end",
          message: {
            role: "toolResult",
            toolCallId: "t1",
            toolName: "bash",
            content: [{ type: "text", text: "exit 1" }],
            isError: true,
            timestamp: 1,
          },
        },
      ],
      id,
    );
    expect(state.view().tools.get("t1")).toMatchObject({ state: "failed", output: "exit 1" });
    expect(texts(state)).toEqual(["assistant:[toolCall]"]);
  });

  it("shows a steer once it is delivered, and the queue until then", () => {
    const state = new ChatState(history());
    let id = feed(state, streamedReply(["first"]), 11);
    id = feed(state, [{ type: "queue_update", steering: ["shorter"], followUp: [] }], id);
    expect(state.view().queue.steering).toEqual(["shorter"]);
    feed(
      state,
      [
        { type: "queue_update", steering: [], followUp: [] },
        { type: "message_start", message: user("shorter") },
        { type: "message_end", message: user("shorter") },
        ...streamedReply(["second"]),
      ],
      id,
    );
    expect(state.view().queue.steering).toEqual([]);
    expect(texts(state)).toEqual(["assistant:first", "user:shorter", "assistant:second"]);
  });

  it("keeps the partial text of an aborted reply, marked aborted", () => {
    const state = new ChatState(history());
    const events = streamedReply(["partial ", "text"]);
    const id = feed(state, events.slice(0, 3), 11);
    feed(
      state,
      [
        {
          type: "message_end",
          message: assistant([{ type: "text", text: "partial " }], "aborted", {
            errorMessage: "Request was aborted",
          }),
        },
      ],
      id,
    );
    const item = state.view().items.at(-1) as AssistantItem;
    expect(item.streaming).toBe(false);
    expect(item.message.stopReason).toBe("aborted");
    expect(texts(state)).toEqual(["assistant:partial "]);
  });

  it("shows retries and compactions as one entry each, updated as they go", () => {
    const state = new ChatState(history());
    feed(
      state,
      [
        {
          type: "auto_retry_start",
          attempt: 1,
          maxAttempts: 3,
          delayMs: 2000,
          errorMessage: "overloaded",
        },
        {
          type: "auto_retry_start",
          attempt: 2,
          maxAttempts: 3,
          delayMs: 4000,
          errorMessage: "overloaded",
        },
        { type: "auto_retry_end", success: true, attempt: 2 },
        { type: "compaction_start", reason: "manual" },
      ],
      11,
    );
    expect(state.view().items).toMatchObject([
      { kind: "retry", attempt: 2, outcome: { success: true, attempt: 2 } },
      { kind: "compaction", state: "running" },
    ]);
    state.apply(
      {
        type: "compaction_end",
        reason: "manual",
        result: { summary: "S", firstKeptEntryId: "x", tokensBefore: 900 },
        aborted: false,
        willRetry: false,
      },
      15,
    );
    const view = state.view();
    expect(view.items).toHaveLength(2);
    expect(view.items[1]).toMatchObject({ kind: "compaction", state: "done", tokensBefore: 900 });
    expect(view.compactions).toBe(1);
  });

  it("rebuilds a reply that was streaming when the history was read, from its first event", () => {
    // The history was read at id 13, mid-reply: the reply started at 12.
    const state = new ChatState({ ...history([user("go")], 13), status: "streaming" });
    state.rewindTo(11);
    feed(state, streamedReply(["abc", "def"]), 12);
    expect(texts(state)).toEqual(["user:go", "assistant:abcdef"]);
  });

  it("counts ended runs and follows renames and thinking levels", () => {
    const state = new ChatState(history());
    feed(
      state,
      [
        { type: "agent_start" },
        { type: "agent_end", messages: [] },
        { type: "session_info_changed", name: "Renamed" },
        { type: "thinking_level_changed", level: "high" },
      ],
      11,
    );
    expect(state.view()).toMatchObject({ runsEnded: 1, name: "Renamed", thinkingLevel: "high" });
  });
});
