import type { AgentMessage, AssistantMessage, components } from "pi-agent-server-client";
import { imageCount, textOf } from "./message-content.js";

/*
 * What the chat shows, as the page renders it: its items, its view, the history it starts
 * from, and how a transcript message becomes an item.
 */

type Schemas = components["schemas"];
export type SessionStatus = Schemas["SessionStatus"];
export type ThinkingLevel = Schemas["ThinkingLevel"];
export type ToolResultMessage = Schemas["ToolResultMessage"];

/** What the user sent: a prompt, a steer or a follow-up, once pi took it into the context. */
export interface UserItem {
  kind: "user";
  key: string;
  text: string;
  images: number;
}

/** A reply: its text, thinking and tool call blocks; `streaming` while it is being written. */
export interface AssistantItem {
  kind: "assistant";
  key: string;
  message: AssistantMessage;
  streaming: boolean;
}

/** A compaction: running, or its outcome (also a compaction summary from the history). */
export interface CompactionItem {
  kind: "compaction";
  key: string;
  state: "running" | "done" | "aborted" | "failed";
  reason?: "threshold" | "manual" | "overflow";
  summary?: string;
  tokensBefore?: number;
  error?: string;
  /** The prompt that overflowed is retried after this compaction. */
  willRetry?: boolean;
}

/** pi retrying a model call after a transient error; `outcome` once it gave up or got through. */
export interface RetryItem {
  kind: "retry";
  key: string;
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  errorMessage: string;
  outcome?: { success: boolean; attempt: number; finalError?: string };
}

/** Something the page itself tells the reader (an extension failed, events were missed). */
export interface NoticeItem {
  kind: "notice";
  key: string;
  tone: "info" | "warn" | "error";
  text: string;
}

/** A `!command` run by the user in pi's terminal UI. */
export interface BashItem {
  kind: "bash";
  key: string;
  command: string;
  output: string;
  exitCode: number | undefined;
  cancelled: boolean;
}

/** A message an extension added to the conversation to be shown. */
export interface CustomItem {
  kind: "custom";
  key: string;
  customType: string;
  text: string;
}

/** The summary of a branch the conversation came back from. */
export interface BranchSummaryItem {
  kind: "branchSummary";
  key: string;
  summary: string;
}

/** A tool result whose call is not on the page (it was compacted away). */
export interface ToolResultItem {
  kind: "toolResult";
  key: string;
  toolCallId: string;
  toolName: string;
}

export type ChatItem =
  | UserItem
  | AssistantItem
  | CompactionItem
  | RetryItem
  | NoticeItem
  | BashItem
  | CustomItem
  | BranchSummaryItem
  | ToolResultItem;

/** A tool call's execution: running (with its output so far), or finished. */
export interface ToolRun {
  state: "running" | "done" | "failed";
  output: string;
  images: number;
}

/** Everything the chat shows, as one immutable snapshot. */
export interface ChatView {
  items: readonly ChatItem[];
  /** Tool runs by tool call id. */
  tools: ReadonlyMap<string, ToolRun>;
  status: SessionStatus;
  /** Steering and follow-up messages waiting for their turn. */
  queue: { steering: readonly string[]; followUp: readonly string[] };
  name: string | null;
  thinkingLevel: ThinkingLevel | undefined;
  /** Grows at each `agent_end`: when it changes, usage is worth reloading. */
  runsEnded: number;
  /** Grows at each `compaction_end`. */
  compactions: number;
}

/** What the session detail (`GET …/sessions/{id}`) gives to start from. */
export interface ChatHistory {
  messages: readonly AgentMessage[];
  status: SessionStatus;
  name: string | null;
  thinkingLevel?: ThinkingLevel;
  /** The id of the newest event the history includes. */
  lastEventId: number;
}

/** A shallow copy of a message being streamed (the accumulator updates its own in place). */
export function copyMessage(message: AssistantMessage): AssistantMessage {
  return { ...message, content: message.content.map((block) => ({ ...block })) };
}

export function toolRunOf(message: ToolResultMessage): ToolRun {
  return {
    state: message.isError ? "failed" : "done",
    output: textOf(message.content),
    images: imageCount(message.content),
  };
}

/** The chat item a message of the transcript shows as (none for what the chat does not show). */
export function itemForMessage(message: AgentMessage, key: string): ChatItem | undefined {
  switch (message.role) {
    case "user":
      return {
        kind: "user",
        key,
        text: textOf(message.content),
        images: imageCount(message.content),
      };
    case "assistant":
      return { kind: "assistant", key, message, streaming: false };
    case "compactionSummary":
      return {
        kind: "compaction",
        key,
        state: "done",
        summary: message.summary,
        tokensBefore: message.tokensBefore,
      };
    case "branchSummary":
      return { kind: "branchSummary", key, summary: message.summary };
    case "custom":
      if (!message.display) return undefined;
      return {
        kind: "custom",
        key,
        customType: message.customType,
        text: textOf(message.content),
      };
    case "bashExecution":
      return {
        kind: "bash",
        key,
        command: message.command,
        output: message.output,
        exitCode: message.exitCode,
        cancelled: message.cancelled,
      };
    default:
      return undefined;
  }
}
