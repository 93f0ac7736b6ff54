import { unwrap } from "pi-agent-server-client";
import { useState } from "preact/hooks";
import { useCan, useClient } from "../../api/connection.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useAction } from "../../ui/use-action.js";
import { stageOf, type TaskSummary } from "./task-model.js";

type Asking = "reject" | "cancel" | "delete" | undefined;

/**
 * What can be done to a task in its status: approve or reject (with an optional reason)
 * while pending, cancel while approved or running, delete once it is not running.
 * Rejecting, cancelling and deleting ask first. Viewers see none of them.
 */
export function TaskActions({ task, onChanged }: { task: TaskSummary; onChanged(): void }) {
  const client = useClient();
  const canChange = useCan("operator");
  const [asking, setAsking] = useState<Asking>(undefined);
  const [reason, setReason] = useState("");
  const stage = stageOf(task.status);
  const path = { params: { path: { projectId: task.projectId, taskId: task.id } } };

  const action = useAction(onChanged);
  const run = (work: () => Promise<unknown>) => {
    setAsking(undefined);
    return action.run(work);
  };
  const { busy, error } = action;

  const approve = () =>
    run(async () =>
      unwrap(await client.POST("/v1/projects/{projectId}/tasks/{taskId}/approve", path)),
    );
  const reject = () => {
    const text = reason.trim();
    return run(async () =>
      unwrap(
        await client.POST("/v1/projects/{projectId}/tasks/{taskId}/reject", {
          ...path,
          body: text ? { reason: text } : {},
        }),
      ),
    );
  };
  const cancel = () =>
    run(async () =>
      unwrap(await client.POST("/v1/projects/{projectId}/tasks/{taskId}/cancel", path)),
    );
  const remove = () =>
    run(async () => unwrap(await client.DELETE("/v1/projects/{projectId}/tasks/{taskId}", path)));

  if (!canChange) return null;

  return (
    <div class="task-actions">
      {stage === "pending" ? (
        <>
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-label={`Approve ${task.title}`}
            onClick={() => void approve()}
          >
            Approve
          </button>
          <button
            type="button"
            class="danger"
            disabled={busy}
            aria-label={`Reject ${task.title}`}
            onClick={() => setAsking("reject")}
          >
            Reject
          </button>
        </>
      ) : null}
      {stage === "active" ? (
        <button
          type="button"
          class="danger"
          disabled={busy}
          aria-label={`Cancel ${task.title}`}
          onClick={() => setAsking("cancel")}
        >
          {busy ? "Cancelling…" : "Cancel"}
        </button>
      ) : null}
      {task.status !== "running" ? (
        <button
          type="button"
          class="small link"
          disabled={busy}
          aria-label={`Delete ${task.title}`}
          onClick={() => setAsking("delete")}
        >
          Delete
        </button>
      ) : null}
      <ErrorNotice error={error} />
      {asking === "reject" ? (
        <ConfirmDialog
          title={`Reject “${task.title}”?`}
          confirmLabel="Reject task"
          danger
          onConfirm={() => void reject()}
          onCancel={() => setAsking(undefined)}
        >
          <p>The task will never run. The reason is kept with it for whoever submitted it.</p>
          <label>
            Reason (optional)
            <textarea
              rows={3}
              value={reason}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          </label>
        </ConfirmDialog>
      ) : null}
      {asking === "cancel" ? (
        <ConfirmDialog
          title={`Cancel “${task.title}”?`}
          confirmLabel="Cancel task"
          danger
          onConfirm={() => void cancel()}
          onCancel={() => setAsking(undefined)}
        >
          <p>A running agent is stopped and nothing is committed or pushed.</p>
        </ConfirmDialog>
      ) : null}
      {asking === "delete" ? (
        <ConfirmDialog
          title={`Delete “${task.title}”?`}
          confirmLabel="Delete task"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setAsking(undefined)}
        >
          <p>The task record and its worktree are removed; its branch and session are kept.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
