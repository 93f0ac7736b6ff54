import {
  type AgentClient,
  type CompactWireEvent,
  type components,
  unwrap,
} from "pi-agent-server-client";
import { type LiveStream, openLiveStream, type StreamState } from "../../api/live-stream.js";
import type { ChatView } from "./chat-items.js";
import { ChatState } from "./chat-state.js";
import type { SessionStream, SessionStreamListener } from "./session-stream-context.js";

export type SessionDetail = components["schemas"]["SessionDetail"];

export interface SessionChatOptions {
  client: AgentClient;
  /** Whether requests carry a token: the stream then opens with a ticket. */
  withToken: boolean;
  projectId: string;
  sessionId: string;
  /** The chat changed; called at most once per `schedule` tick. */
  onView(view: ChatView): void;
  onConnection(state: StreamState): void;
  /** The session detail, when first loaded and whenever the history is reloaded. */
  onDetail(detail: SessionDetail): void;
  /** Loading the history failed. */
  onError(error: unknown): void;
  /** Batches renders; default `requestAnimationFrame`. */
  schedule?(callback: () => void): void;
}

interface Received {
  event: CompactWireEvent;
  id: number | undefined;
}

/**
 * One session's chat, kept live: the history from the session detail, then the event
 * stream from the detail's `lastEventId`, so nothing between the two is lost or shown
 * twice. A page opened in the middle of a reply resumes from that reply's first event.
 * A `replay_gap` (events no longer kept) reloads the history; events arriving meanwhile
 * wait and are applied after it.
 *
 * It is also the page's `SessionStream`: panels subscribe to the same events, from the
 * moment the page opened (the replayed start of a reply is the chat's alone).
 */
export class SessionChat implements SessionStream {
  readonly #options: SessionChatOptions;
  readonly #listeners = new Set<SessionStreamListener>();
  #state: ChatState | undefined;
  #stream: LiveStream | undefined;
  /** Events that arrived while the history was reloading. */
  #waiting: Received[] | undefined;
  /** Events up to this id happened before the page opened; panels do not get them. */
  #openedAt = 0;
  #scheduled = false;
  #closed = false;

  constructor(options: SessionChatOptions) {
    this.#options = options;
  }

  subscribe(listener: SessionStreamListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Loads the history, then follows the stream until `close`. */
  async start(): Promise<void> {
    let state: ChatState;
    try {
      state = await this.#load({ resumeReply: true });
    } catch (error) {
      if (!this.#closed) this.#options.onError(error);
      return;
    }
    if (this.#closed) return;
    this.#state = state;
    this.#publish();
    this.#stream = openLiveStream<CompactWireEvent>({
      url: () => this.#streamUrl(),
      after: state.lastEventId,
      onEvent: (event, id) => this.#receive(event, id),
      onState: (connection) => this.#options.onConnection(connection),
    });
  }

  close(): void {
    this.#closed = true;
    this.#stream?.close();
    this.#listeners.clear();
  }

  #receive(event: CompactWireEvent, id: number | undefined): void {
    if (this.#closed) return;
    if (id === undefined || id > this.#openedAt) {
      for (const listener of this.#listeners) {
        try {
          listener(event, id);
        } catch (error) {
          console.error("a session stream listener failed", error);
        }
      }
    }
    if (event.type === "replay_gap") {
      void this.#reload();
      return;
    }
    if (this.#waiting) {
      this.#waiting.push({ event, id });
      return;
    }
    if (this.#state?.apply(event, id)) this.#publish();
  }

  async #reload(): Promise<void> {
    if (this.#waiting) return;
    this.#waiting = [];
    try {
      const state = await this.#load({ resumeReply: false });
      for (const { event, id } of this.#waiting) state.apply(event, id);
      state.notice(
        "info",
        "Some events were no longer kept by the server, so the conversation was reloaded.",
      );
      this.#state = state;
    } catch (error) {
      for (const { event, id } of this.#waiting) this.#state?.apply(event, id);
      this.#options.onError(error);
    } finally {
      this.#waiting = undefined;
      this.#publish();
    }
  }

  async #load({ resumeReply }: { resumeReply: boolean }): Promise<ChatState> {
    const { client, projectId, sessionId } = this.#options;
    const path = { projectId, sessionId };
    const detail = unwrap(
      await client.GET("/v1/projects/{projectId}/sessions/{sessionId}", { params: { path } }),
    );
    if (this.#closed) throw new Error("closed");
    this.#options.onDetail(detail);
    const state = new ChatState({
      messages: detail.messages,
      status: detail.status,
      name: detail.name,
      thinkingLevel: detail.settings.thinkingLevel,
      lastEventId: detail.lastEventId,
    });
    if (resumeReply) {
      this.#openedAt = detail.lastEventId;
      // The history holds finished messages only: a reply in flight is streamed again
      // from its first delta.
      if (detail.replyStartEventId !== null) state.rewindTo(detail.replyStartEventId - 1);
    }
    return state;
  }

  async #streamUrl(): Promise<string> {
    const { client, withToken, projectId, sessionId } = this.#options;
    if (!withToken) {
      return `/v1/projects/${encodeURIComponent(projectId)}/sessions/${encodeURIComponent(sessionId)}/events`;
    }
    const ticket = unwrap(
      await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/events/tickets", {
        params: { path: { projectId, sessionId } },
      }),
    );
    return ticket.url;
  }

  #publish(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    const schedule = this.#options.schedule ?? ((callback) => requestAnimationFrame(callback));
    schedule(() => {
      this.#scheduled = false;
      const view = this.#state?.view();
      if (view && !this.#closed) this.#options.onView(view);
    });
  }
}
