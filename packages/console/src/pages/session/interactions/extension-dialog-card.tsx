import { useState } from "preact/hooks";
import { useClient } from "../../../api/connection.js";
import { ErrorNotice } from "../../../ui/errors.js";
import { answerRequest, type ExtensionUiAnswer } from "./answer-request.js";
import { DialogControl } from "./dialog-controls.js";
import type { PendingDialog } from "./use-extension-dialogs.js";

const methodLabels: Record<PendingDialog["method"], string> = {
  select: "Choose one",
  confirm: "Confirm",
  input: "Enter a value",
  editor: "Edit text",
};

export interface ExtensionDialogCardProps {
  projectId: string;
  sessionId: string;
  dialog: PendingDialog;
  /** The dialog is over: answered here, answered elsewhere, or cancelled. */
  onSettled(id: string, outcome: "answered" | "gone"): void;
}

/**
 * One extension dialog shown inline (not modal, so the chat stays readable): the title,
 * the control its method asks for, and a way to dismiss it without answering.
 */
export function ExtensionDialogCard({
  projectId,
  sessionId,
  dialog,
  onSettled,
}: ExtensionDialogCardProps) {
  const client = useClient();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const titleId = `dialog-${dialog.id}-title`;

  const send = async (answer: ExtensionUiAnswer) => {
    setSending(true);
    setError(undefined);
    try {
      const outcome = await answerRequest(
        client,
        { projectId, sessionId, requestId: dialog.id },
        answer,
      );
      onSettled(dialog.id, outcome);
    } catch (failure) {
      setError(failure);
      setSending(false);
    }
  };

  return (
    <article class="card interaction-card" aria-labelledby={titleId}>
      <p class="interaction-kind">
        <span class="badge warn">{methodLabels[dialog.method]}</span>
        {dialog.timeout ? (
          <span class="muted">times out after {Math.round(dialog.timeout / 1000)} s</span>
        ) : null}
      </p>
      <h3 id={titleId}>{dialog.title}</h3>
      {dialog.method === "confirm" && dialog.message ? <p>{dialog.message}</p> : null}
      <DialogControl dialog={dialog} titleId={titleId} disabled={sending} onAnswer={send} />
      <div class="actions">
        <button
          type="button"
          class="link"
          disabled={sending}
          onClick={() => void send({ cancelled: true })}
        >
          Dismiss without answering
        </button>
      </div>
      <ErrorNotice error={error} />
    </article>
  );
}
