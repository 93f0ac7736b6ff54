import type { AssistantMessage, components } from "pi-agent-server-client";
import { Component } from "preact";
import { useMemo, useState } from "preact/hooks";
import { formatCount, formatDuration } from "../../ui/format.js";
import type {
  AssistantItem,
  ChatItem,
  ChatView,
  CompactionItem,
  RetryItem,
  ToolRun,
} from "./chat-items.js";
import { renderMarkdown } from "./markdown.js";
import { prettyJson } from "./message-content.js";
import { previewOutput, toolCallSummary } from "./tool-output.js";

type ToolCall = components["schemas"]["ToolCall"];

/** Agent-written markdown, sanitised; parsed again only when the text changes. */
export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Output that may be long: its first lines, and the rest on request. */
export function Output({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const preview = useMemo(() => previewOutput(text), [text]);
  if (text === "") return <p class="muted">(no output)</p>;
  return (
    <div class="output">
      <pre>{all || !preview.truncated ? text : preview.shown}</pre>
      {preview.truncated ? (
        <button type="button" class="small" onClick={() => setAll(!all)}>
          {all
            ? "Show less"
            : `Show all (${preview.lines} lines, ${formatCount(text.length)} chars)`}
        </button>
      ) : null}
    </div>
  );
}

function ToolCallView({
  call,
  run,
  active,
}: {
  call: ToolCall;
  run: ToolRun | undefined;
  active: boolean;
}) {
  const summary = toolCallSummary(call.arguments);
  const state = run?.state ?? (active ? "pending" : "no result");
  const badge = state === "failed" ? "error" : state === "done" ? "ok" : "warn";
  return (
    <div class="tool-call" data-tool={call.name}>
      <div class="tool-head">
        <span class="tool-name">{call.name}</span>
        {summary ? <code class="tool-summary">{summary}</code> : null}
        <span class={`badge ${badge}`}>{state}</span>
      </div>
      <details class="tool-args">
        <summary>Arguments</summary>
        <pre>{prettyJson(call.arguments)}</pre>
      </details>
      {run && (run.output !== "" || run.state !== "running") ? (
        <details class="tool-result" open>
          <summary>{run.state === "running" ? "Output so far" : "Result"}</summary>
          <Output text={run.output} />
          {run.images > 0 ? <p class="muted">{`${run.images} image(s) not shown`}</p> : null}
        </details>
      ) : null}
    </div>
  );
}

function AssistantView({
  item,
  tools,
  active,
}: {
  item: AssistantItem;
  tools: ChatView["tools"];
  active: boolean;
}) {
  const message: AssistantMessage = item.message;
  return (
    <div class="bubble assistant" data-streaming={item.streaming ? "true" : undefined}>
      {message.content.map((block, index) => {
        const key = `${index}-${block.type}`;
        switch (block.type) {
          case "text":
            return <Markdown key={key} text={block.text} />;
          case "thinking":
            return (
              <details key={key} class="thinking">
                <summary>{block.redacted ? "Thinking (redacted)" : "Thinking"}</summary>
                <div class="thinking-text">{block.thinking}</div>
              </details>
            );
          case "toolCall":
            return (
              <ToolCallView key={key} call={block} run={tools.get(block.id)} active={active} />
            );
          default:
            return null;
        }
      })}
      {item.streaming ? (
        <span class="typing" role="status">
          writing…
        </span>
      ) : null}
      {message.stopReason === "aborted" ? <span class="badge warn">Aborted</span> : null}
      {message.stopReason === "length" ? (
        <span class="badge warn">Stopped at the output limit</span>
      ) : null}
      {message.stopReason === "error" ? (
        <p class="notice error" role="alert">
          {message.errorMessage ?? "The model call failed."}
        </p>
      ) : null}
    </div>
  );
}

function CompactionView({ item }: { item: CompactionItem }) {
  const reason = item.reason === "manual" ? "" : item.reason ? ` (${item.reason})` : "";
  switch (item.state) {
    case "running":
      return <p class="event-line">{`Compacting the context${reason}…`}</p>;
    case "aborted":
      return <p class="event-line">Compaction aborted.</p>;
    case "failed":
      return (
        <p class="notice error" role="alert">
          {`Compaction failed: ${item.error ?? "no summary was produced"}`}
        </p>
      );
    case "done":
      return (
        <details class="compaction">
          <summary>
            {`Context compacted${reason}`}
            {item.tokensBefore !== undefined
              ? ` from ${formatCount(item.tokensBefore)} tokens`
              : ""}
            {item.willRetry ? "; retrying the prompt" : ""}
          </summary>
          {item.summary ? <Markdown text={item.summary} /> : null}
        </details>
      );
  }
}

function RetryView({ item }: { item: RetryItem }) {
  if (item.outcome) {
    return item.outcome.success ? (
      <p class="event-line">{`Retried after an error; attempt ${item.outcome.attempt} went through.`}</p>
    ) : (
      <p class="notice error" role="alert">
        {`Gave up after ${item.outcome.attempt} attempts: ${item.outcome.finalError ?? item.errorMessage}`}
      </p>
    );
  }
  return (
    <p class="notice warn" role="status">
      {`Retrying (attempt ${item.attempt} of ${item.maxAttempts}) in ${formatDuration(item.delayMs)}: ${item.errorMessage}`}
    </p>
  );
}

function ItemBody({ item, tools, active }: ItemProps) {
  switch (item.kind) {
    case "user":
      return (
        <div class="bubble user">
          <div class="user-text">{item.text}</div>
          {item.images > 0 ? <p class="muted">{`${item.images} image(s)`}</p> : null}
        </div>
      );
    case "assistant":
      return <AssistantView item={item} tools={tools} active={active} />;
    case "compaction":
      return <CompactionView item={item} />;
    case "retry":
      return <RetryView item={item} />;
    case "notice":
      return (
        <p class={`notice ${item.tone}`} role={item.tone === "error" ? "alert" : "status"}>
          {item.text}
        </p>
      );
    case "bash":
      return (
        <div class="bubble user">
          <code>{`$ ${item.command}`}</code>
          <Output text={item.output} />
          {item.cancelled ? <span class="badge warn">cancelled</span> : null}
          {item.exitCode ? <span class="badge error">{`exit ${item.exitCode}`}</span> : null}
        </div>
      );
    case "custom":
      return (
        <div class="bubble custom">
          <span class="muted">{item.customType}</span>
          <Markdown text={item.text} />
        </div>
      );
    case "branchSummary":
      return (
        <details class="compaction">
          <summary>Summary of an earlier branch</summary>
          <Markdown text={item.summary} />
        </details>
      );
    case "toolResult": {
      const run = tools.get(item.toolCallId);
      return (
        <div class="tool-call">
          <div class="tool-head">
            <span class="tool-name">{item.toolName}</span>
            <span class="muted">result of an earlier call</span>
          </div>
          <Output text={run?.output ?? ""} />
        </div>
      );
    }
  }
}

interface ItemProps {
  item: ChatItem;
  tools: ChatView["tools"];
  /** Whether the session is running (a tool call without a result is then pending). */
  active: boolean;
}

/** One entry of the chat, rendered again only when it (or, for replies, a tool run) changed. */
class ItemView extends Component<ItemProps> {
  override shouldComponentUpdate(next: ItemProps): boolean {
    const { item, tools, active } = this.props;
    if (next.item !== item || next.active !== active) return true;
    const usesTools = item.kind === "assistant" || item.kind === "toolResult";
    return usesTools && next.tools !== tools;
  }

  override render() {
    const { item } = this.props;
    return (
      <li class={`chat-item ${item.kind}`} data-kind={item.kind}>
        <ItemBody {...this.props} />
      </li>
    );
  }
}

/** The conversation: messages, tool runs and what happened along the way. */
export function ChatLog({ view }: { view: ChatView }) {
  const active = view.status !== "idle";
  return (
    <ol class="chat-log" aria-label="Conversation">
      {view.items.map((item) => (
        <ItemView key={item.key} item={item} tools={view.tools} active={active} />
      ))}
    </ol>
  );
}
