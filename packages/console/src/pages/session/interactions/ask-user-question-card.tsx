import { useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { ErrorNotice } from "../../../ui/errors.js";
import { formatAge } from "../../../ui/format.js";
import { answerRequest } from "./answer-request.js";
import type { WaitingQuestion } from "./use-ask-user.js";

export interface AskUserQuestionCardProps {
  projectId: string;
  sessionId: string;
  question: WaitingQuestion;
  /** The question is over: answered here, or elsewhere first. */
  onSettled(requestId: string, outcome: "answered" | "gone"): void;
}

/**
 * A question the agent asked with `ask_user` and is waiting on: answered in free text,
 * or with `stop` to end the loop.
 */
export function AskUserQuestionCard({
  projectId,
  sessionId,
  question,
  onSettled,
}: AskUserQuestionCardProps) {
  const client = useClient();
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const titleId = `question-${question.requestId}-title`;
  const fieldId = `question-${question.requestId}-answer`;

  const send = async (value: string) => {
    setSending(true);
    setError(undefined);
    try {
      const outcome = await answerRequest(
        client,
        { projectId, sessionId, requestId: question.requestId },
        { value },
      );
      onSettled(question.requestId, outcome);
    } catch (failure) {
      setError(failure);
      setSending(false);
    }
  };

  return (
    <article class="card interaction-card question" aria-labelledby={titleId}>
      <p class="interaction-kind">
        <span class="badge warn">The agent asks</span>
        <span class="muted">{formatAge(question.createdAt)}</span>
        {question.timeoutMs ? (
          <span class="muted">
            falls back after {Math.round(question.timeoutMs / 1000)} s without an answer
          </span>
        ) : null}
      </p>
      <h3 id={titleId} class="question-text">
        {question.question}
      </h3>
      <form
        class="answer-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== "") void send(text.trim());
        }}
      >
        <label for={fieldId}>Your answer</label>
        <textarea
          id={fieldId}
          rows={3}
          value={text}
          disabled={sending}
          required
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter sends, as in the chat composer.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <div class="actions start">
          <button type="submit" class="primary" disabled={sending}>
            Send answer
          </button>
          <button type="button" disabled={sending} onClick={() => void send("stop")}>
            Answer “stop”
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
    </article>
  );
}
