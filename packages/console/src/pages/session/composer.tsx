import { useState } from "preact/hooks";
import { ErrorNotice } from "../../ui/errors.js";
import type { ChatView } from "./chat-items.js";

/** What the composer asks the session to do with the text. */
export type SendKind = "prompt" | "steer" | "follow-up";

export interface ComposerProps {
  /** Whether a run is going: the text then steers or follows up instead of prompting. */
  running: boolean;
  /** Whether the page can act at all (the history loaded). */
  ready: boolean;
  onSend(kind: SendKind, text: string): Promise<void>;
  onAbort(): Promise<void>;
}

/**
 * The message box. Idle: Send prompts. While a run streams: Steer (delivered after the
 * current tool calls), Follow up (delivered when the agent would stop) and Abort.
 * Enter sends (steers while running), Shift+Enter starts a new line. The text stays in
 * the box when sending fails.
 */
export function Composer({ running, ready, onSend, onAbort }: ComposerProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const send = async (kind: SendKind) => {
    if (text.trim() === "" || busy) return;
    setBusy(true);
    try {
      await onSend(kind, text);
      setText("");
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const abort = async () => {
    try {
      await onAbort();
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  const empty = text.trim() === "";
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send(running ? "steer" : "prompt");
      }}
    >
      <textarea
        aria-label="Message"
        placeholder={running ? "Steer the agent, or queue a follow-up…" : "Ask the agent…"}
        rows={3}
        value={text}
        disabled={!ready}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          void send(running ? "steer" : "prompt");
        }}
      />
      <ErrorNotice error={error} />
      <div class="composer-actions">
        {running ? (
          <>
            <button type="submit" class="primary" disabled={!ready || busy || empty}>
              Steer
            </button>
            <button
              type="button"
              disabled={!ready || busy || empty}
              onClick={() => void send("follow-up")}
            >
              Follow up
            </button>
            <button type="button" class="danger" disabled={!ready} onClick={() => void abort()}>
              Abort
            </button>
          </>
        ) : (
          <button type="submit" class="primary" disabled={!ready || busy || empty}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}

/** Steering and follow-up messages waiting for the agent to take them. */
export function QueuedMessages({ queue }: { queue: ChatView["queue"] }) {
  if (queue.steering.length === 0 && queue.followUp.length === 0) return null;
  return (
    <ul class="queued" aria-label="Queued messages">
      {queue.steering.map((text, index) => (
        <li key={`s${index}`}>
          <span class="badge">steer</span> {text}
        </li>
      ))}
      {queue.followUp.map((text, index) => (
        <li key={`f${index}`}>
          <span class="badge">follow-up</span> {text}
        </li>
      ))}
    </ul>
  );
}
