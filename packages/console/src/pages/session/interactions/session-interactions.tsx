import "./interactions.css";
import { useEffect, useState } from "preact/hooks";
import { ErrorNotice } from "../../../ui/errors.js";
import { AnswerQueue } from "./answer-queue.js";
import { AskUserLoop } from "./ask-user-loop.js";
import { AskUserQuestionCard } from "./ask-user-question-card.js";
import { AskUserSettingsForm } from "./ask-user-settings-form.js";
import { ExtensionDialogCard } from "./extension-dialog-card.js";
import { ExtensionNotices } from "./extension-notices.js";
import { ExtensionStatusView } from "./extension-status.js";
import { useAskUser } from "./use-ask-user.js";
import { useExtensionDialogs } from "./use-extension-dialogs.js";
import { useExtensionStatus } from "./use-extension-status.js";

interface SessionRef {
  projectId: string;
  sessionId: string;
}

/**
 * What the agent is waiting on the reader for: extension UI dialogs and `ask_user`
 * questions of one session, with its `ask_user` settings.
 *
 * Mount it inside the page's `SessionStreamContext` once the page knows where its
 * stream starts (the session's `lastEventId`): what is pending is listed on mount, and
 * everything after that must come on the stream.
 */
export function SessionInteractions({ projectId, sessionId }: SessionRef) {
  // A fresh start for another session: nothing pending or settled carries over.
  return (
    <Interactions key={`${projectId}/${sessionId}`} projectId={projectId} sessionId={sessionId} />
  );
}

function Interactions({ projectId, sessionId }: SessionRef) {
  const extension = useExtensionDialogs(projectId, sessionId);
  const askUser = useAskUser(projectId, sessionId);
  const status = useExtensionStatus();
  const [elsewhere, setElsewhere] = useState(false);
  const [settingsSaved, setSettingsSaved] = useState(false);

  // An `ask_user` question is also an extension `input` request under the same id; it
  // is shown once, as a question.
  const questionIds = new Set(askUser.waiting.map((question) => question.requestId));
  const dialogs = extension.dialogs.filter((dialog) => !questionIds.has(dialog.id));
  const settle = (id: string, outcome: "answered" | "gone") => {
    extension.settle(id);
    askUser.settle(id);
    setElsewhere(outcome === "gone");
    void askUser.reload();
  };
  const waitingCount = askUser.waiting.length + dialogs.length;
  // The note about a dialog answered elsewhere is news for a moment, not for the session.
  useEffect(() => {
    if (!elsewhere) return;
    const timer = setTimeout(() => setElsewhere(false), 10_000);
    return () => clearTimeout(timer);
  }, [elsewhere]);

  return (
    <div class="session-interactions">
      <section aria-labelledby="waiting-title" class="waiting">
        <h2 id="waiting-title">
          Waiting for you
          {waitingCount > 0 ? (
            <span class="badge warn" aria-hidden="true">
              {waitingCount}
            </span>
          ) : null}
        </h2>
        {/* Says when a question arrives without moving focus away from what the reader does. */}
        <p class="interactions-sr-only" role="status">
          {waitingCount === 0
            ? ""
            : `${waitingCount} ${waitingCount === 1 ? "question waits" : "questions wait"} for an answer`}
        </p>
        <ErrorNotice error={extension.error} />
        {waitingCount === 0 ? <p class="empty">Nothing is waiting for an answer.</p> : null}
        {elsewhere ? (
          <p class="notice info" role="status">
            That one was already answered elsewhere, or no longer waits.
          </p>
        ) : null}
        {askUser.waiting.map((question) => (
          <AskUserQuestionCard
            key={question.requestId}
            projectId={projectId}
            sessionId={sessionId}
            question={question}
            onSettled={settle}
          />
        ))}
        {dialogs.map((dialog) => (
          <ExtensionDialogCard
            key={dialog.id}
            projectId={projectId}
            sessionId={sessionId}
            dialog={dialog}
            onSettled={settle}
          />
        ))}
        <ExtensionNotices notices={extension.notices} onDismiss={extension.dismissNotice} />
        <ExtensionStatusView statuses={status.statuses} widgets={status.widgets} />
      </section>
      <ErrorNotice error={askUser.loadError} />
      {askUser.overview ? (
        <details class="ask-user-panel card" open>
          <summary>Answers and autopilot</summary>
          <AnswerQueue
            projectId={projectId}
            sessionId={sessionId}
            queue={askUser.overview.queue}
            onChanged={() => void askUser.reload()}
          />
          <AskUserLoop
            projectId={projectId}
            sessionId={sessionId}
            overview={askUser.overview}
            warning={askUser.warning}
            onChanged={() => void askUser.reload()}
          />
          <AskUserSettingsForm
            key={JSON.stringify(askUser.overview.settings)}
            projectId={projectId}
            sessionId={sessionId}
            settings={askUser.overview.settings}
            saved={settingsSaved}
            onSaved={() => {
              setSettingsSaved(true);
              void askUser.reload();
            }}
            onEdited={() => setSettingsSaved(false)}
          />
        </details>
      ) : null}
    </div>
  );
}
