import {
  type AgentMessage,
  type AssistantMessage,
  type CompactWireEvent,
  MessageAccumulator,
} from "pi-agent-server-client";
import {
  type AssistantItem,
  type ChatHistory,
  type ChatItem,
  type ChatView,
  copyMessage,
  itemForMessage,
  type NoticeItem,
  type SessionStatus,
  type ThinkingLevel,
  type ToolResultItem,
  type ToolResultMessage,
  type ToolRun,
  toolRunOf,
} from "./chat-items.js";
import { resultText } from "./message-content.js";
import { compactionEndedItem, retryEndedItem, retryStartedItem } from "./run-items.js";

/**
 * The chat of one session as a view model: built from the history, then moved on by
 * each event of the stream. Plain TypeScript, no DOM.
 *
 * Applying is idempotent per event: an event whose id is not newer than the last one
 * applied changes nothing, so a stream that replays events cannot show them twice.
 * Streamed `message_update`s (compact view) are rebuilt with the client's
 * `MessageAccumulator`; `message_end` replaces the draft with pi's final message.
 */
export class ChatState {
  #items: ChatItem[] = [];
  #tools = new Map<string, ToolRun>();
  /** Ids of the tool calls on the page, to tell where a result belongs. */
  readonly #calls = new Set<string>();
  #status: SessionStatus;
  #queue: ChatView["queue"] = { steering: [], followUp: [] };
  #name: string | null;
  #thinkingLevel: ThinkingLevel | undefined;
  #runsEnded = 0;
  #compactions = 0;
  #lastId: number;
  #keys = 0;

  readonly #draft = new MessageAccumulator();
  /** Index of the assistant item being streamed, and whether it moved since the last view. */
  #draftIndex: number | undefined;
  #draftMoved = false;
  /** Index of the item of the message between its `message_start` and `message_end`. */
  #openIndex: number | undefined;
  #openCompaction: number | undefined;
  #openRetry: number | undefined;
  #view: ChatView | undefined;

  constructor(history: ChatHistory) {
    this.#status = history.status;
    this.#name = history.name;
    this.#thinkingLevel = history.thinkingLevel;
    this.#lastId = history.lastEventId;
    for (const message of history.messages) {
      if (message.role === "toolResult") {
        this.#tools.set(message.toolCallId, toolRunOf(message));
        if (!this.#calls.has(message.toolCallId)) this.#push(this.#orphanResult(message));
        continue;
      }
      const item = this.#itemFor(message);
      if (item) this.#push(item);
    }
  }

  /** The id of the newest event applied (or the history's). */
  get lastEventId(): number {
    return this.#lastId;
  }

  /**
   * Moves the chat on by one event of the stream.
   *
   * @returns whether anything shown changed.
   */
  apply(event: CompactWireEvent, id?: number): boolean {
    if (id !== undefined) {
      if (id <= this.#lastId) return false;
      this.#lastId = id;
    }
    const changed = this.#apply(event);
    if (changed) this.#view = undefined;
    return changed;
  }

  /**
   * Starts over from the events after `id` instead of the history's last one, to rebuild
   * a reply that was being streamed when the history was read (its `message_start` is at
   * `id + 1`; the history does not hold it yet).
   */
  rewindTo(id: number): void {
    this.#lastId = Math.min(this.#lastId, id);
  }

  /** Adds a line of the page's own to the chat. */
  notice(tone: NoticeItem["tone"], text: string): void {
    this.#push({ kind: "notice", key: this.#key(), tone, text });
    this.#view = undefined;
  }

  /** The chat as it stands: the same object until something changes. */
  view(): ChatView {
    if (this.#draftMoved && this.#draftIndex !== undefined) {
      const item = this.#items[this.#draftIndex];
      const message = this.#draft.message;
      if (item?.kind === "assistant" && message) {
        this.#items[this.#draftIndex] = { ...item, message: copyMessage(message) };
      }
      this.#draftMoved = false;
      this.#view = undefined;
    }
    this.#view ??= {
      items: this.#items.slice(),
      tools: this.#tools,
      status: this.#status,
      queue: this.#queue,
      name: this.#name,
      thinkingLevel: this.#thinkingLevel,
      runsEnded: this.#runsEnded,
      compactions: this.#compactions,
    };
    return this.#view;
  }

  #apply(event: CompactWireEvent): boolean {
    switch (event.type) {
      case "session_status":
        this.#status = event.status;
        return true;
      case "agent_start":
        if (this.#status === "idle") this.#status = "streaming";
        return true;
      case "agent_end":
        this.#runsEnded += 1;
        this.#closeDraft();
        return true;
      case "message_start":
        return this.#messageStart(event.message);
      case "message_update":
        if (!this.#draft.push(event) || this.#draftIndex === undefined) return false;
        this.#draftMoved = true;
        return true;
      case "message_end":
        return this.#messageEnd(event.message);
      case "turn_end":
        for (const result of event.toolResults) this.#setTool(result.toolCallId, toolRunOf(result));
        return event.toolResults.length > 0;
      case "tool_execution_start":
        if (this.#tools.get(event.toolCallId)?.state !== undefined) return false;
        this.#setTool(event.toolCallId, { state: "running", output: "", images: 0 });
        return true;
      case "tool_execution_update": {
        const partial = resultText(event.partialResult);
        this.#setTool(event.toolCallId, {
          state: "running",
          output: partial.text,
          images: partial.images,
        });
        return true;
      }
      case "tool_execution_end": {
        const result = resultText(event.result);
        this.#setTool(event.toolCallId, {
          state: event.isError ? "failed" : "done",
          output: result.text,
          images: result.images,
        });
        return true;
      }
      case "queue_update":
        this.#queue = { steering: event.steering, followUp: event.followUp };
        return true;
      case "compaction_start":
        this.#openCompaction = this.#push({
          kind: "compaction",
          key: this.#key(),
          state: "running",
          reason: event.reason,
        });
        return true;
      case "compaction_end": {
        this.#compactions += 1;
        const open =
          this.#openCompaction === undefined ? undefined : this.#items[this.#openCompaction];
        const ended = compactionEndedItem(event, open?.key ?? this.#key());
        this.#replaceOrPush(this.#openCompaction, "compaction", ended);
        this.#openCompaction = undefined;
        return true;
      }
      case "auto_retry_start": {
        const open = this.#openRetry === undefined ? undefined : this.#items[this.#openRetry];
        const retry = retryStartedItem(event, open?.key ?? this.#key());
        this.#openRetry = this.#replaceOrPush(this.#openRetry, "retry", retry);
        return true;
      }
      case "auto_retry_end": {
        const open = this.#openRetry === undefined ? undefined : this.#items[this.#openRetry];
        const retry = retryEndedItem(open, event, () => this.#key());
        this.#replaceOrPush(this.#openRetry, "retry", retry);
        this.#openRetry = undefined;
        return true;
      }
      case "session_info_changed":
        this.#name = event.name ?? null;
        return true;
      case "thinking_level_changed":
        this.#thinkingLevel = event.level;
        return true;
      case "extension_error":
        this.#push({
          kind: "notice",
          key: this.#key(),
          tone: "warn",
          text: `Extension ${event.extensionPath} failed on ${event.event}: ${event.error}`,
        });
        return true;
      default:
        // replay_gap is the controller's; dialogs, ask_user and tasks are other panels'.
        return false;
    }
  }

  #messageStart(message: AgentMessage): boolean {
    if (message.role === "assistant") {
      this.#closeDraft();
      this.#draft.push({ type: "message_start", message });
      const draft = this.#draft.message;
      if (!draft) return false;
      this.#draftIndex = this.#push({
        kind: "assistant",
        key: this.#key(),
        message: copyMessage(draft),
        streaming: true,
      });
      this.#openIndex = undefined;
      return true;
    }
    if (message.role === "toolResult") return false;
    const item = this.#itemFor(message);
    this.#openIndex = item ? this.#push(item) : undefined;
    return item !== undefined;
  }

  #messageEnd(message: AgentMessage): boolean {
    if (message.role === "assistant") {
      this.#draft.push({ type: "message_end", message });
      const index = this.#draftIndex;
      const open = index === undefined ? undefined : this.#items[index];
      const item: AssistantItem = {
        kind: "assistant",
        key: open?.key ?? this.#key(),
        message,
        streaming: false,
      };
      this.#remember(message);
      if (index !== undefined && open) this.#items[index] = item;
      else this.#push(item);
      this.#draftIndex = undefined;
      this.#draftMoved = false;
      return true;
    }
    if (message.role === "toolResult") {
      this.#setTool(message.toolCallId, toolRunOf(message));
      if (!this.#calls.has(message.toolCallId)) this.#push(this.#orphanResult(message));
      return true;
    }
    const index = this.#openIndex;
    const open = index === undefined ? undefined : this.#items[index];
    const item = this.#itemFor(message, open?.key);
    this.#openIndex = undefined;
    if (!item) return false;
    if (index !== undefined && open?.kind === item.kind) this.#items[index] = item;
    else this.#push(item);
    return true;
  }

  /** Ends a draft whose `message_end` never came (the run ended, or a new message began). */
  #closeDraft(): void {
    if (this.#draftIndex === undefined) return;
    this.view();
    const item = this.#items[this.#draftIndex];
    if (item?.kind === "assistant") this.#items[this.#draftIndex] = { ...item, streaming: false };
    this.#draftIndex = undefined;
  }

  #itemFor(message: AgentMessage, key = this.#key()): ChatItem | undefined {
    if (message.role === "assistant") this.#remember(message);
    return itemForMessage(message, key);
  }

  #orphanResult(message: ToolResultMessage): ToolResultItem {
    return {
      kind: "toolResult",
      key: this.#key(),
      toolCallId: message.toolCallId,
      toolName: message.toolName,
    };
  }

  #remember(message: AssistantMessage): void {
    for (const block of message.content) if (block.type === "toolCall") this.#calls.add(block.id);
  }

  #setTool(id: string, run: ToolRun): void {
    // A late update never takes a finished run back to running.
    const known = this.#tools.get(id);
    if (known && known.state !== "running" && run.state === "running") return;
    this.#tools = new Map(this.#tools).set(id, run);
  }

  #replaceOrPush(index: number | undefined, kind: ChatItem["kind"], item: ChatItem): number {
    if (index !== undefined && this.#items[index]?.kind === kind) {
      this.#items[index] = item;
      return index;
    }
    return this.#push(item);
  }

  #push(item: ChatItem): number {
    this.#items.push(item);
    return this.#items.length - 1;
  }

  #key(): string {
    this.#keys += 1;
    return `i${this.#keys}`;
  }
}
