import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { ConfirmDialog } from "../../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../../ui/errors.js";
import { useAction } from "../../../ui/use-action.js";
import type { AskUserOverview } from "./use-ask-user.js";

export interface AnswerQueueProps {
  projectId: string;
  sessionId: string;
  queue: AskUserOverview["queue"];
  onChanged(): void;
}

/**
 * Answers queued for the agent's next `ask_user` calls, handed out oldest first. The
 * server keeps the queue in order and only empties it as a whole, so there is an add
 * and a clear, but no per-item edit.
 */
export function AnswerQueue({ projectId, sessionId, queue, onChanged }: AnswerQueueProps) {
  const client = useClient();
  const [text, setText] = useState("");
  const [clearing, setClearing] = useState(false);
  const [handedOver, setHandedOver] = useState(false);
  const path = { projectId, sessionId };

  const { busy, error, run } = useAction(onChanged);

  const enqueue = () =>
    run(async () => {
      const item = unwrap(
        await client.POST("/v1/projects/{projectId}/sessions/{sessionId}/ask-user/queue", {
          params: { path },
          body: { text: text.trim() },
        }),
      );
      setHandedOver(item.position === 0);
      setText("");
    });

  const clear = () =>
    run(async () => {
      setClearing(false);
      unwrap(
        await client.DELETE("/v1/projects/{projectId}/sessions/{sessionId}/ask-user/queue", {
          params: { path },
        }),
      );
    });

  return (
    <section class="answer-queue" aria-labelledby="answers-title">
      <h2 id="answers-title">Answers</h2>
      <p class="hint">Handed to the agent's next questions, first one first.</p>
      {queue.length === 0 ? (
        <p class="empty">No answers queued.</p>
      ) : (
        <ol class="queue-list" aria-label="Queued answers">
          {queue.map((item) => (
            <li key={item.id}>{item.text}</li>
          ))}
        </ol>
      )}
      {handedOver ? (
        <p class="notice info" role="status">
          A question was waiting: it received that answer at once.
        </p>
      ) : null}
      <form
        class="answer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== "") void enqueue();
        }}
      >
        <label>
          New answer
          <textarea
            rows={2}
            value={text}
            required
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <div class="actions start">
          <button type="submit" class="primary" disabled={busy}>
            Queue answer
          </button>
          {queue.length > 0 ? (
            <button type="button" class="danger" disabled={busy} onClick={() => setClearing(true)}>
              Clear queue
            </button>
          ) : null}
        </div>
      </form>
      <ErrorNotice error={error} />
      {clearing ? (
        <ConfirmDialog
          title="Clear the queued answers?"
          confirmLabel="Clear queue"
          danger
          onConfirm={() => void clear()}
          onCancel={() => setClearing(false)}
        >
          <p>{queue.length === 1 ? "1 answer" : `${queue.length} answers`} will be removed.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
